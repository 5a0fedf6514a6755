package io.github.meshrefarch.mesh.load.generator;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The asynchronous HTTP client of one run: Reactor Netty over its own event loops and a bounded
 * connection pool, both released by {@link #close()}. Requests that find every connection busy wait
 * for one; that wait counts into their latency and their timeout.
 */
final class HttpLoadClient implements AutoCloseable {

    static final int WARM_UP_REQUESTS = 4;

    private final LoopResources loops;
    private final ConnectionProvider pool;
    private final HttpClient client;
    private final URI url;
    private final long timeoutNanos;

    HttpLoadClient(LoadConfig config) {
        url = config.url();
        timeoutNanos = config.requestTimeout().toNanos();
        loops = LoopResources.create(
                "meshctl-load", Math.min(2, Runtime.getRuntime().availableProcessors()), true);
        pool = ConnectionProvider.builder("meshctl-load")
                .maxConnections(config.connections())
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(config.requestTimeout().multipliedBy(2))
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        int connectTimeoutMillis =
                (int) Math.min(Integer.MAX_VALUE, config.requestTimeout().toMillis());
        client = HttpClient.create(pool)
                .runOn(loops)
                .disableRetry(true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.max(1, connectTimeoutMillis))
                // Netty 4.2's default adaptive allocator initialises Java Flight Recorder on its first
                // chunk, which stalls an event loop for seconds on a busy machine: pooled does not.
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .headers(headers ->
                        headers.set(HttpHeaderNames.ACCEPT, "*/*").set(HttpHeaderNames.USER_AGENT, "meshctl-load"));
    }

    /**
     * One GET of the URL, due at {@code scheduledNanos} ({@link System#nanoTime()} clock); never
     * fails: every failure becomes a {@link LoadResponse} with its kind.
     */
    Mono<LoadResponse> get(long scheduledNanos) {
        return Mono.defer(() -> client.get()
                        .uri(url)
                        .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8)
                                .defaultIfEmpty("")
                                .map(text ->
                                        LoadResponse.ofStatus(response.status().code(), text, since(scheduledNanos))))
                        .timeout(remaining(scheduledNanos)))
                .onErrorResume(error -> Mono.just(LoadResponse.ofFailure(classify(error), since(scheduledNanos))));
    }

    /**
     * A few requests in parallel, outside any figures, waited for (at most the request timeout):
     * they load the client's classes and open connections on every event loop, so that the first
     * scheduled requests do not pay for the client's start.
     */
    void warmUp() {
        Flux.range(0, WARM_UP_REQUESTS).flatMap(i -> get(System.nanoTime())).blockLast();
    }

    private Duration remaining(long scheduledNanos) {
        return Duration.ofNanos(Math.max(1_000_000, timeoutNanos - (System.nanoTime() - scheduledNanos)));
    }

    private static Duration since(long scheduledNanos) {
        return Duration.ofNanos(System.nanoTime() - scheduledNanos);
    }

    /** Timeouts (of the request, the pool or the TCP connect) versus everything else on the wire. */
    static LoadResponse.Outcome classify(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof io.netty.handler.timeout.TimeoutException
                    || cause instanceof ConnectTimeoutException) {
                return LoadResponse.Outcome.TIMEOUT;
            }
        }
        return LoadResponse.Outcome.CONNECTION_ERROR;
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(5));
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
    }
}
