package io.github.meshrefarch.mesh.local.dataplane;

import io.github.meshrefarch.mesh.local.dataplane.UpstreamFailure.Kind;
import io.github.meshrefarch.mesh.local.routetable.HttpRouteRule;
import io.github.meshrefarch.mesh.local.routetable.WeightedBackend;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The attempts of one request at one route: pick a weighted target, resolve it, send, and retry as the route's
 * {@link RetryRules} allow, each retry preferring a target and endpoint not tried yet. Emits the response to relay,
 * or fails with an {@link UpstreamFailure}. Not thread-safe: attempts run one after the other.
 */
final class UpstreamExchange {

    private final HttpClient client;
    private final ServiceRegistry registry;
    private final TrafficCounters.ServiceCounters counters;
    private final HttpRouteRule route;
    private final RetryRules retryRules;
    private final HttpServerRequest request;
    private final HttpHeaders forwardedHeaders;
    private final ReplayableRequestBody body;
    private final Set<String> triedNodes = new HashSet<>();
    private final Set<InetSocketAddress> triedEndpoints = new HashSet<>();

    UpstreamExchange(
            HttpClient client,
            ServiceRegistry registry,
            TrafficCounters.ServiceCounters counters,
            HttpRouteRule route,
            HttpServerRequest request) {
        this.client = client;
        this.registry = registry;
        this.counters = counters;
        this.route = route;
        this.retryRules = RetryRules.of(route.retryPolicy());
        this.request = request;
        this.forwardedHeaders = HopByHopHeaders.endToEnd(request.requestHeaders());
        this.body = new ReplayableRequestBody(request.receive(), request.requestHeaders());
    }

    Mono<UpstreamResponse> execute() {
        return attempt(0);
    }

    private Mono<UpstreamResponse> attempt(int retriesDone) {
        WeightedBackend target = WeightedTargetPicker.pick(route.targets(), triedNodes, ThreadLocalRandom.current())
                .orElse(null);
        if (target == null) {
            return Mono.error(new UpstreamFailure(Kind.NO_HEALTHY_UPSTREAM, null));
        }
        triedNodes.add(target.virtualNodeName());
        TrafficCounters.TargetCounters targetCounters = counters.target(target.virtualNodeName());
        targetCounters.requests.increment();
        InetSocketAddress endpoint = pickEndpoint(registry.endpoints(target.hostname()));
        Mono<UpstreamResponse> sent = endpoint == null
                ? Mono.error(new ConnectException("no endpoint registered for " + target.hostname()))
                : send(target, endpoint);
        if (retryRules.perTryTimeout() != null) {
            sent = sent.timeout(retryRules.perTryTimeout());
        }
        return sent.onErrorResume(error -> afterError(error, targetCounters, retriesDone))
                .flatMap(response -> afterResponse(response, targetCounters, retriesDone));
    }

    private Mono<UpstreamResponse> afterError(
            Throwable error, TrafficCounters.TargetCounters targetCounters, int retriesDone) {
        Kind kind;
        boolean retryable;
        if (error instanceof TimeoutException) {
            kind = Kind.TIMEOUT;
            retryable = retryRules.retriesTimeout();
        } else if (error instanceof ConnectException) {
            targetCounters.connectionFailures.increment();
            kind = Kind.NO_HEALTHY_UPSTREAM;
            retryable = retryRules.onConnectFailure();
        } else {
            targetCounters.connectionFailures.increment();
            kind = Kind.RESET;
            retryable = retryRules.onReset();
        }
        return retryable && canRetry(retriesDone) ? retry(retriesDone) : Mono.error(new UpstreamFailure(kind, error));
    }

    private Mono<UpstreamResponse> afterResponse(
            UpstreamResponse response, TrafficCounters.TargetCounters targetCounters, int retriesDone) {
        if (response.status() >= 500) {
            targetCounters.serverErrors.increment();
        }
        if (retryRules.retriesStatus(response.status()) && canRetry(retriesDone)) {
            response.discard();
            return retry(retriesDone);
        }
        return Mono.just(response);
    }

    private boolean canRetry(int retriesDone) {
        return retriesDone < retryRules.maxRetries() && body.replayable();
    }

    private Mono<UpstreamResponse> retry(int retriesDone) {
        counters.retries.increment();
        return Mono.defer(() -> attempt(retriesDone + 1));
    }

    private InetSocketAddress pickEndpoint(List<InetSocketAddress> endpoints) {
        if (endpoints.isEmpty()) {
            return null;
        }
        List<InetSocketAddress> untried =
                endpoints.stream().filter(e -> !triedEndpoints.contains(e)).toList();
        List<InetSocketAddress> candidates = untried.isEmpty() ? endpoints : untried;
        InetSocketAddress picked = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        triedEndpoints.add(picked);
        return picked;
    }

    private Mono<UpstreamResponse> send(WeightedBackend target, InetSocketAddress endpoint) {
        String host = request.requestHeaders().get(HttpHeaderNames.HOST);
        return client.request(request.method())
                .uri(baseUrl(endpoint) + request.uri())
                .send((outbound, out) -> {
                    outbound.headers(forwardedHeaders);
                    if (host != null) {
                        outbound.header(HttpHeaderNames.HOST, host);
                    }
                    if (!body.present()) {
                        return out;
                    }
                    if (!forwardedHeaders.contains(HttpHeaderNames.CONTENT_LENGTH)) {
                        // replacing the headers dropped the client's framing: a body of unknown length goes chunked
                        outbound.header(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                    }
                    return out.send(body.nextAttempt());
                })
                .responseConnection(
                        (response, connection) -> Mono.just(new UpstreamResponse(target, response, connection)))
                .next();
    }

    private static String baseUrl(InetSocketAddress endpoint) {
        String host = endpoint.getHostString();
        return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + endpoint.getPort();
    }
}
