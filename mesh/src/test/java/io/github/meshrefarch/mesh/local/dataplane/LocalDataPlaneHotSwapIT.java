package io.github.meshrefarch.mesh.local.dataplane;

import static io.github.meshrefarch.mesh.local.dataplane.Routes.PRODUCT;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.hostname;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.route;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.target;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.virtualService;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalDataPlaneHotSwapIT {

    private static final int RATE = 300;
    private static final int REQUESTS = RATE * 6;
    private static final int[][] WEIGHTS = {{100, 0}, {0, 100}, {75, 25}, {50, 50}, {25, 75}};

    private final InMemoryRouteTableSource source = new InMemoryRouteTableSource();
    private final InMemoryServiceRegistry registry = new InMemoryServiceRegistry();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<TestUpstream> upstreams = new ArrayList<>();
    private LocalDataPlane dataPlane;

    @BeforeEach
    void startDataPlane() {
        dataPlane = LocalDataPlane.start(source, registry, Map.of());
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        upstreams.forEach(TestUpstream::close);
    }

    @Test
    void weightsSwappedEvery100ms_under300RequestsPerSecond_noRequestFails() throws Exception {
        TestUpstream v1 = register(TestUpstream.answering("product"));
        TestUpstream v15 = register(TestUpstream.answering("product-v15"));
        publishWeights(100, 0);
        Map<String, AtomicInteger> answeredBy = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        AtomicLong swaps = new AtomicLong();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try {
            // open loop: each request leaves at its scheduled time whatever the responses do; weights change every 100
            // ms
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
                inFlight.add(client.sendAsync(request("/"), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, error) -> {
                            if (error != null || response.statusCode() != 200) {
                                failures.incrementAndGet();
                            } else {
                                answeredBy
                                        .computeIfAbsent(response.body(), body -> new AtomicInteger())
                                        .incrementAndGet();
                            }
                        }));
            }
        } finally {
            scheduler.shutdownNow();
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                .handle((ignored, error) -> null)
                .get(60, TimeUnit.SECONDS);

        assertThat(failures).hasValue(0);
        assertThat(swaps.get()).isGreaterThan(20);
        assertThat(answeredBy).containsOnlyKeys("{\"node\":\"product\"}", "{\"node\":\"product-v15\"}");
        assertThat(v1.requests() + v15.requests()).isEqualTo(inFlight.size());
        assertThat(dataPlane.traffic().get(PRODUCT).retries()).isZero();
    }

    @Test
    void weightChange_appliesToTheNextRequest() throws Exception {
        register(TestUpstream.answering("product"));
        register(TestUpstream.answering("product-v15"));
        for (int round = 0; round < 5; round++) {
            publishWeights(100, 0);
            assertThat(get("/")).isEqualTo("{\"node\":\"product\"}");
            publishWeights(0, 100);
            assertThat(get("/")).isEqualTo("{\"node\":\"product-v15\"}");
        }
        assertThat(dataPlane.routeTableRevision()).isEqualTo(source.current().revision());
    }

    @Test
    void requestInFlight_finishesOnTheRoutesItStartedWith() throws Exception {
        register(TestUpstream.answeringAfter("product", Duration.ofMillis(800)));
        register(TestUpstream.answering("product-v15"));
        publishWeights(100, 0);

        CompletableFuture<HttpResponse<String>> slow =
                client.sendAsync(request("/"), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(200);
        source.publish(virtualService(PRODUCT, route("/", target("product-v15", 100))));

        assertThat(get("/")).isEqualTo("{\"node\":\"product-v15\"}");
        HttpResponse<String> response = slow.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"node\":\"product\"}");
    }

    private void publishWeights(int product, int productV15) {
        source.publish(
                virtualService(PRODUCT, route("/", target("product", product), target("product-v15", productV15))));
    }

    private TestUpstream register(TestUpstream upstream) {
        upstreams.add(upstream);
        registry.register(hostname(upstream.name()), upstream.address());
        return upstream;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request(path), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpRequest request(String path) {
        InetSocketAddress listener = dataPlane.listenerAddress(PRODUCT).orElseThrow();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.getPort() + path))
                .timeout(Duration.ofSeconds(30))
                .build();
    }
}
