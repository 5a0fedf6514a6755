package io.github.meshrefarch.mesh.local.dataplane;

import io.github.meshrefarch.mesh.local.routetable.HttpRouteRule;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceRoutes;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One request arriving at a virtual service's listener, from its head to the end of its response: match a route, make
 * {@link UpstreamAttempt}s as the route's {@link RetryRules} allow (each retry preferring a target and endpoint not
 * tried yet, after Envoy's jittered back-off, see {@link RetryBackOff}) under the route's timeout, and relay the chosen
 * response; or answer the data plane's own JSON error. Retries happen only before any response byte went downstream.
 * Runs on the downstream connection's event loop only; waits are scheduled on it, never slept.
 *
 * <p>Timeouts, as Envoy's: the route timeout covers the whole exchange up to the last byte of the response; when it
 * runs out before the response head went downstream the caller gets 504 {@code upstream request timeout}, after that
 * the downstream connection is closed (Envoy resets the stream; on HTTP/1.1 that is a close). The stream idle timeout
 * cuts an exchange that sees no byte either way for that long: 408 {@code stream timeout} before the response head, a
 * close after it.
 */
final class ProxiedExchange {

    private static final Set<HttpMethod> IDEMPOTENT = Set.of(
            HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);

    private final DownstreamHandler downstream;
    private final Channel channel;
    private final ListenerContext listener;
    private final TrafficCounters.ServiceCounters counters;
    private final HttpRequest request;
    private final ReplayableRequestBody body;
    private final DownstreamResponses responses;
    private HttpRouteRule route;
    private AttemptPlanner planner;
    private UpstreamAttempt attempt;
    private ScheduledFuture<?> routeTimer;
    private ScheduledFuture<?> idleTimer;
    private ScheduledFuture<?> backOffTimer;
    private long idleNanos;
    private long lastActivityNanos;
    private boolean requestComplete;
    private boolean responseStarted;
    private boolean responseComplete;
    private boolean closed;

    ProxiedExchange(DownstreamHandler downstream, Channel channel, ListenerContext listener, HttpRequest request) {
        this.downstream = downstream;
        this.channel = channel;
        this.listener = listener;
        this.counters = listener.serviceCounters();
        this.request = request;
        this.body = new ReplayableRequestBody(request.headers());
        this.responses = new DownstreamResponses(request, body);
    }

    void start() {
        counters.requests.increment();
        VirtualServiceRoutes routes = listener.routes();
        route = routes == null
                ? null
                : RouteMatcher.match(routes, request.uri()).orElse(null);
        if (route == null) {
            sendError(HttpResponseStatus.NOT_FOUND, "no route matches");
            return;
        }
        planner = new AttemptPlanner(
                routes.meshName(),
                route,
                listener.registry(),
                counters,
                listener.stats(),
                listener.jitter().get());
        long routeNanos = planner.routeTimeout().toNanos();
        if (routeNanos > 0) {
            routeTimer = channel.eventLoop().schedule(this::routeTimedOut, routeNanos, TimeUnit.NANOSECONDS);
        }
        idleNanos =
                planner.streamIdleTimeout(listener.limits().streamIdleTimeout()).toNanos();
        // the route timeout bounds the whole exchange, so an idle limit as long can never be reached: no timer then
        if (idleNanos > 0 && (routeNanos == 0 || idleNanos < routeNanos)) {
            lastActivityNanos = System.nanoTime();
            idleTimer = channel.eventLoop().schedule(this::idleCheck, idleNanos, TimeUnit.NANOSECONDS);
        }
        attemptNext();
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    ReplayableRequestBody body() {
        return body;
    }

    boolean requestComplete() {
        return requestComplete;
    }

    /**
     * Whether sending the request twice has the effect of sending it once (RFC 9110 section 9.2.2): only such a request
     * may be sent again when a reused connection closes before an answer, since the upstream may have acted on it.
     */
    boolean idempotent() {
        return IDEMPOTENT.contains(request.method());
    }

    HttpRequest upstreamRequestHead(InetSocketAddress endpoint) {
        return responses.upstreamRequestHead(endpoint);
    }

    /** A part of the request body from downstream; takes ownership. */
    void requestContent(HttpContent content) {
        lastActivityNanos = System.nanoTime();
        boolean last = content instanceof LastHttpContent;
        body.append(content.content(), last);
        if (last) {
            requestComplete = true;
            maybeDone();
        } else {
            updateReading();
        }
    }

    private void attemptNext() {
        attempt = planner.next(this, listener.pool(channel.eventLoop()));
        if (attempt == null) {
            fail(UpstreamFailure.NO_HEALTHY_UPSTREAM);
        } else if (attempt.endpoint() == null) {
            attemptFailed(attempt, UpstreamFailure.NO_HEALTHY_UPSTREAM);
        } else {
            attempt.start(planner.perTryTimeout());
        }
    }

    void attemptFailed(UpstreamAttempt failed, UpstreamFailure failure) {
        if (failed != attempt || closed) {
            return;
        }
        attempt = null;
        boolean retryable = planner.policyRetries(failure, failed);
        if (retryable && canRetry()) {
            retry(failed);
        } else {
            fail(failure);
        }
        updateReading();
    }

    void upstreamResponse(UpstreamAttempt responding, HttpResponse response) {
        lastActivityNanos = System.nanoTime();
        int status = response.status().code();
        if (status >= 500) {
            responding.targetCounters().serverErrors.increment();
        }
        if (planner.policyRetries(status) && canRetry()) {
            attempt = null;
            responding.cluster().requestTime(responding.elapsedNanos());
            responding.abort();
            retry(responding);
            return;
        }
        responseStarted = true;
        if (status >= 500) {
            counters.serverErrors.increment();
        }
        channel.write(responses.relayedHead(response), channel.voidPromise());
    }

    void upstreamContent(HttpContent content, boolean last) {
        lastActivityNanos = System.nanoTime();
        if (closed) {
            content.release();
        } else if (!last) {
            channel.write(content, channel.voidPromise());
        } else {
            attempt = null;
            responseComplete = true;
            cancelTimers();
            writeLast(content);
            // an upstream may answer before the whole request body arrived: the rest is read and dropped
            body.release();
            updateReading();
            maybeDone();
        }
    }

    /** The upstream closed in the middle of its response: the caller sees the connection close, as with Envoy. */
    void upstreamBroken() {
        attempt = null;
        cancelTimers();
        channel.close();
    }

    void flushDownstream() {
        if (responseStarted && !closed) {
            channel.flush();
        }
    }

    void flushUpstream() {
        if (attempt != null) {
            attempt.flush();
        }
    }

    void upstreamWritabilityChanged() {
        updateReading();
    }

    void downstreamWritabilityChanged() {
        if (attempt != null && responseStarted) {
            attempt.readResponse(channel.isWritable());
        }
    }

    /** The downstream connection closed: nothing more can be answered. */
    void abort() {
        closed = true;
        cancelTimers();
        if (attempt != null) {
            attempt.abort();
            attempt = null;
        }
        body.release();
    }

    private boolean canRetry() {
        return planner.canRetry(body);
    }

    private void retry(UpstreamAttempt failed) {
        planner.retrying(failed.cluster());
        long delayMillis = planner.backOffMillis();
        if (delayMillis == 0) {
            attemptNext();
        } else {
            backOffTimer = channel.eventLoop().schedule(this::backOffElapsed, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void backOffElapsed() {
        backOffTimer = null;
        if (!closed && !responseComplete) {
            attemptNext();
            updateReading();
        }
    }

    private void routeTimedOut() {
        routeTimer = null;
        if (responseComplete || closed) {
            return;
        }
        if (attempt != null) {
            UpstreamAttempt timedOut = attempt;
            attempt = null;
            timedOut.abort();
            timedOut.cluster().timeout();
        }
        if (responseStarted) {
            cutStream(); // the head went downstream: as Envoy, reset the stream
        } else {
            fail(UpstreamFailure.TIMEOUT);
        }
    }

    private void idleCheck() {
        idleTimer = null;
        if (responseComplete || closed) {
            return;
        }
        long idleFor = System.nanoTime() - lastActivityNanos;
        if (idleFor < idleNanos) {
            idleTimer = channel.eventLoop().schedule(this::idleCheck, idleNanos - idleFor, TimeUnit.NANOSECONDS);
            return;
        }
        listener.listenerStats().streamIdleTimeouts.increment();
        if (attempt != null) {
            UpstreamAttempt stalled = attempt;
            attempt = null;
            stalled.abort();
        }
        if (responseStarted) {
            cutStream();
        } else {
            cancelTimers();
            counters.serverErrors.increment();
            sendError(HttpResponseStatus.REQUEST_TIMEOUT, "stream timeout");
        }
    }

    /** Ends an exchange whose response head already went downstream: the caller sees the connection close. */
    private void cutStream() {
        cancelTimers();
        counters.serverErrors.increment();
        channel.close();
    }

    private void fail(UpstreamFailure failure) {
        cancelTimers();
        counters.serverErrors.increment();
        sendError(failure.status, failure.error);
    }

    private void sendError(HttpResponseStatus status, String error) {
        body.release(); // the rest of the request body is read and dropped
        responseStarted = true;
        responseComplete = true;
        writeLast(ErrorResponses.of(
                status,
                error,
                listener.virtualServiceName(),
                route == null ? null : route.routeName(),
                responses.keepAlive()));
        updateReading();
        maybeDone();
    }

    private void writeLast(Object message) {
        if (responses.keepAlive()) {
            channel.writeAndFlush(message, channel.voidPromise());
        } else {
            channel.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void updateReading() {
        if (!requestComplete && !closed) {
            channel.config().setAutoRead(!body.overLimit() && (attempt == null || attempt.writable()));
        }
    }

    private void maybeDone() {
        if (requestComplete && responseComplete && !closed) {
            closed = true;
            cancelTimers();
            body.release();
            downstream.exchangeDone(this);
        }
    }

    private void cancelTimers() {
        routeTimer = cancel(routeTimer);
        idleTimer = cancel(idleTimer);
        backOffTimer = cancel(backOffTimer);
    }

    private static ScheduledFuture<?> cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
        return null;
    }
}
