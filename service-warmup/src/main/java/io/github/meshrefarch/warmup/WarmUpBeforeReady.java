package io.github.meshrefarch.warmup;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Calls the service's own API over loopback until {@code warm-up.requests} calls were answered 2xx, before the service
 * reports ready.
 *
 * <p>A JVM answers its first requests from the interpreter, tens of times slower than once its request path is
 * compiled; an instance that takes traffic the moment its context is up is slow exactly when a canary analysis judges
 * it. Spring Boot calls application runners after the web server has started and before it publishes {@code
 * ReadinessState.ACCEPTING_TRAFFIC}: while this runner works, the readiness probe answers 503, so neither a Kubernetes
 * Service nor the local mesh sends it traffic yet. The requests take the real path (order's reach its backends through
 * the mesh). Only 2xx answers count, since an error path compiles little of the real one; a caller that got anything
 * else pauses before it asks again (a backend may still be starting), and {@code warm-up.timeout} bounds the wait
 * even when nothing ever answers 2xx.
 */
public final class WarmUpBeforeReady implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(WarmUpBeforeReady.class);

    /** After an answer that is not 2xx, or no answer, each of the concurrent callers waits this long. */
    static final Duration PAUSE_AFTER_FAILURE = Duration.ofMillis(100);

    private final WarmUpProperties properties;
    private final Environment environment;

    WarmUpBeforeReady(WarmUpProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** What one warm-up did. */
    record Outcome(int sent, int answered2xx, Duration took, boolean timedOut) {}

    @Override
    public void run(ApplicationArguments arguments) {
        if (properties.requests() == 0) {
            return;
        }
        int port = environment.getRequiredProperty("local.server.port", Integer.class);
        Outcome outcome = warmUp(port);
        String verdict =
                outcome.timedOut() ? "stopped at its " + properties.timeout().toMillis() + " ms limit" : "done";
        log.info(
                "Warm-up {}: {} of {} requests to {} answered 2xx in {} ms; reporting ready",
                verdict,
                outcome.answered2xx(),
                outcome.sent(),
                properties.path(),
                outcome.took().toMillis());
    }

    Outcome warmUp(int port) {
        var sent = new AtomicInteger();
        var answered2xx = new AtomicInteger();
        ConnectionProvider connections = ConnectionProvider.builder("warm-up")
                .maxConnections(properties.concurrency())
                .build();
        long start = System.nanoTime();
        try {
            HttpClient client = HttpClient.create(connections)
                    .baseUrl("http://127.0.0.1:" + port)
                    .headers(headers -> headers.set("Accept", "*/*").set("User-Agent", "warm-up"));
            Mono<Integer> oneRequest = Mono.defer(() -> {
                        sent.incrementAndGet();
                        return client.get()
                                .uri(properties.path())
                                .responseSingle((response, body) -> body.asByteArray()
                                        .then(Mono.just(response.status().code())))
                                .onErrorReturn(-1);
                    })
                    .flatMap(status -> {
                        if (status >= 200 && status < 300) {
                            answered2xx.incrementAndGet();
                            return Mono.just(status);
                        }
                        // a dependency not up yet, or a fault: only compiled 2xx paths count, so wait and ask again
                        return Mono.delay(PAUSE_AFTER_FAILURE).thenReturn(status);
                    });
            Mono<Void> worker = oneRequest
                    .repeat(() -> answered2xx.get() < properties.requests())
                    .then();
            Boolean completed = Flux.range(0, properties.concurrency())
                    .flatMap(i -> worker, properties.concurrency())
                    .then(Mono.just(true))
                    .timeout(properties.timeout(), Mono.just(false))
                    .block();
            return new Outcome(
                    sent.get(),
                    answered2xx.get(),
                    Duration.ofNanos(System.nanoTime() - start),
                    !Boolean.TRUE.equals(completed));
        } finally {
            connections.dispose();
        }
    }
}
