package io.github.meshrefarch.mesh.local.dataplane;

import io.github.meshrefarch.mesh.local.dataplane.UpstreamFailure.Kind;
import io.github.meshrefarch.mesh.local.routetable.HttpRouteRule;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceRoutes;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Handles one request arriving at a virtual service's listener: match a route, run the {@link UpstreamExchange} under
 * the route's timeout, and stream the chosen upstream's response back; or answer the data plane's own JSON error.
 */
final class RequestForwarder {

    /** App Mesh's (and Envoy's) route timeout when the route sets none. */
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient client;
    private final ServiceRegistry registry;
    private final TrafficCounters counters;

    RequestForwarder(HttpClient client, ServiceRegistry registry, TrafficCounters counters) {
        this.client = client;
        this.registry = registry;
        this.counters = counters;
    }

    /**
     * @param routes the virtual service's routes in the snapshot current when the request arrived, or null when the
     *     virtual service has just left the route table
     */
    Mono<Void> forward(
            String virtualService,
            VirtualServiceRoutes routes,
            HttpServerRequest request,
            HttpServerResponse response) {
        TrafficCounters.ServiceCounters serviceCounters = counters.service(virtualService);
        serviceCounters.requests.increment();
        HttpRouteRule route = routes == null
                ? null
                : RouteMatcher.match(routes, request.uri()).orElse(null);
        if (route == null) {
            return ErrorResponses.send(
                    response, HttpResponseStatus.NOT_FOUND, "no route matches", virtualService, null);
        }
        Duration timeout =
                route.perRequestTimeout() == null || route.perRequestTimeout().isZero()
                        ? DEFAULT_REQUEST_TIMEOUT
                        : route.perRequestTimeout();
        return new UpstreamExchange(client, registry, serviceCounters, route, request)
                .execute()
                .timeout(timeout)
                .flatMap(upstream -> relay(upstream, response, serviceCounters))
                .onErrorResume(error -> fail(error, virtualService, route, response, serviceCounters));
    }

    private static Mono<Void> relay(
            UpstreamResponse upstream, HttpServerResponse response, TrafficCounters.ServiceCounters counters) {
        if (upstream.status() >= 500) {
            counters.serverErrors.increment();
        }
        response.status(upstream.response().status());
        response.headers(HopByHopHeaders.endToEnd(upstream.response().responseHeaders()));
        return response.send(upstream.connection().inbound().receive().retain())
                .then()
                .doOnCancel(upstream::discard);
    }

    private static Mono<Void> fail(
            Throwable error,
            String virtualService,
            HttpRouteRule route,
            HttpServerResponse response,
            TrafficCounters.ServiceCounters counters) {
        Kind kind;
        if (response.hasSentHeaders()) {
            // The response was already under way (its body broke off): the connection closes, the caller sees it.
            return Mono.error(error);
        } else if (error instanceof UpstreamFailure failure) {
            kind = failure.kind();
        } else if (error instanceof TimeoutException) {
            kind = Kind.TIMEOUT;
        } else {
            kind = Kind.RESET;
        }
        counters.serverErrors.increment();
        return ErrorResponses.send(response, kind.status, kind.error, virtualService, route.routeName());
    }
}
