package io.github.meshrefarch.mesh.local.dataplane;

import static io.github.meshrefarch.mesh.local.dataplane.Routes.PRODUCT;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.route;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.target;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.virtualService;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

class LocalDataPlaneHotSwapIT {

    private static final int RATE = 300;
    private static final int REQUESTS = RATE * 6;
    private static final int[][] WEIGHTS = {{100, 0}, {0, 100}, {75, 25}, {50, 50}, {25, 75}};

    @RegisterExtension
    final DataPlaneFixture mesh = new DataPlaneFixture();

    /**
     * The caller is a pooled Reactor Netty client, as order's WebClient is. Requests leave on schedule whatever the
     * responses do (open loop); the path is warmed first so that the JIT does not count as a failure on a busy machine.
     */
    @Test
    void weightsSwappedEvery100ms_under300RequestsPerSecond_noRequestFails() throws Exception {
        TestUpstream v1 = mesh.register(TestUpstream.answering("product"));
        TestUpstream v15 = mesh.register(TestUpstream.answering("product-v15"));
        publishWeights(50, 50);
        ConnectionProvider pool = ConnectionProvider.builder("hot-swap-client")
                .maxConnections(200)
                .pendingAcquireMaxCount(-1)
                .build();
        reactor.netty.http.client.HttpClient caller = reactor.netty.http.client.HttpClient.create(pool)
                .baseUrl(baseUrl())
                .responseTimeout(Duration.ofSeconds(30));
        Flux.range(0, 500).flatMap(i -> call(caller), 4).blockLast(Duration.ofSeconds(60));
        int warmUpRequests = v1.requests() + v15.requests();

        Map<String, AtomicInteger> answeredBy = new ConcurrentHashMap<>();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(REQUESTS);
        AtomicLong swaps = new AtomicLong();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            scheduler.scheduleAtFixedRate(
                    () -> {
                        int[] weights = WEIGHTS[(int) (swaps.incrementAndGet() % WEIGHTS.length)];
                        publishWeights(weights[0], weights[1]);
                    },
                    100,
                    100,
                    TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            for (int i = 0; i < REQUESTS; i++) {
                long wait = start + i * TimeUnit.SECONDS.toNanos(1) / RATE - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                call(caller)
                        .doFinally(signal -> done.countDown())
                        .subscribe(
                                outcome -> {
                                    if (outcome.startsWith("200 ")) {
                                        answeredBy
                                                .computeIfAbsent(outcome, o -> new AtomicInteger())
                                                .incrementAndGet();
                                    } else {
                                        failures.add(outcome);
                                    }
                                },
                                error -> failures.add(error.toString()));
            }
            assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            scheduler.shutdownNow();
            pool.dispose();
        }

        assertThat(failures).as("failed requests").isEmpty();
        assertThat(swaps.get()).isGreaterThan(20);
        assertThat(answeredBy).containsOnlyKeys("200 {\"node\":\"product\"}", "200 {\"node\":\"product-v15\"}");
        assertThat(v1.requests() + v15.requests() - warmUpRequests).isEqualTo(REQUESTS);
        assertThat(mesh.dataPlane().traffic().get(PRODUCT).retries()).isZero();
    }

    private static Mono<String> call(reactor.netty.http.client.HttpClient caller) {
        return caller.get()
                .uri("/")
                .responseSingle((response, body) -> body.asString()
                        .defaultIfEmpty("")
                        .map(text -> response.status().code() + " " + text));
    }

    @Test
    void weightChange_appliesToTheNextRequest() throws Exception {
        mesh.register(TestUpstream.answering("product"));
        mesh.register(TestUpstream.answering("product-v15"));
        for (int round = 0; round < 5; round++) {
            publishWeights(100, 0);
            assertThat(get("/")).isEqualTo("{\"node\":\"product\"}");
            publishWeights(0, 100);
            assertThat(get("/")).isEqualTo("{\"node\":\"product-v15\"}");
        }
        assertThat(mesh.dataPlane().routeTableRevision())
                .isEqualTo(mesh.source.current().revision());
    }

    @Test
    void requestInFlight_finishesOnTheRoutesItStartedWith() throws Exception {
        mesh.register(TestUpstream.answeringAfter("product", Duration.ofMillis(800)));
        mesh.register(TestUpstream.answering("product-v15"));
        publishWeights(100, 0);

        CompletableFuture<HttpResponse<String>> slow =
                mesh.client.sendAsync(request("/"), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(200);
        mesh.source.publish(virtualService(PRODUCT, route("/", target("product-v15", 100))));

        assertThat(get("/")).isEqualTo("{\"node\":\"product-v15\"}");
        HttpResponse<String> response = slow.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"node\":\"product\"}");
    }

    private void publishWeights(int product, int productV15) {
        mesh.source.publish(
                virtualService(PRODUCT, route("/", target("product", product), target("product-v15", productV15))));
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = mesh.client.send(request(path), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private String baseUrl() {
        InetSocketAddress listener = mesh.dataPlane().listenerAddress(PRODUCT).orElseThrow();
        return "http://127.0.0.1:" + listener.getPort();
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .build();
    }
}
