package io.github.meshrefarch.mesh.local.dataplane;

import static io.github.meshrefarch.mesh.local.dataplane.Routes.PRODUCT;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.hostname;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.route;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.target;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.virtualService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalDataPlaneRoutingIT {

    private final InMemoryRouteTableSource source = new InMemoryRouteTableSource();
    private final InMemoryServiceRegistry registry = new InMemoryServiceRegistry();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private TestUpstream v1;
    private TestUpstream v15;
    private LocalDataPlane dataPlane;

    @BeforeEach
    void startWorkloads() throws IOException {
        v1 = TestUpstream.answering("product");
        v15 = TestUpstream.answering("product-v15");
        registry.register(hostname("product"), v1.address());
        registry.register(hostname("product-v15"), v15.address());
        dataPlane = LocalDataPlane.start(source, registry, Map.of());
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        v1.close();
        v15.close();
    }

    @Test
    void split_75_25_observedWithinFourSigmaOfTheWeights() throws Exception {
        source.publish(virtualService(PRODUCT, route("/", target("product", 75), target("product-v15", 25))));

        Map<String, Integer> observed = sendAndCountByNode(2_000);

        assertWithinFourSigma(observed.getOrDefault("product-v15", 0), 2_000, 0.25);
        assertThat(observed.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2_000);
    }

    @Test
    void split_50_50_observedWithinFourSigmaOfTheWeights() throws Exception {
        source.publish(virtualService(PRODUCT, route("/", target("product", 50), target("product-v15", 50))));

        Map<String, Integer> observed = sendAndCountByNode(2_000);

        assertWithinFourSigma(observed.getOrDefault("product-v15", 0), 2_000, 0.5);
        assertThat(observed.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2_000);
    }

    @Test
    void split_100_0_sendsNothingToTheZeroWeightTarget() throws Exception {
        source.publish(virtualService(PRODUCT, route("/", target("product", 100), target("product-v15", 0))));

        Map<String, Integer> observed = sendAndCountByNode(500);

        assertThat(observed).containsExactly(Map.entry("product", 500));
        assertThat(v15.requests()).isZero();
    }

    @Test
    void firstRouteWhosePrefixMatches_takesTheRequest() throws Exception {
        source.publish(virtualService(
                PRODUCT, route("/canary", target("product-v15", 100)), route("/", target("product", 100))));

        assertThat(get("/canary/items?id=1").body()).contains("\"product-v15\"");
        assertThat(get("/canaryish").body()).contains("\"product-v15\"");
        assertThat(get("/items").body()).contains("\"product\"");
    }

    @Test
    void requestMatchingNoRoute_gets404NamingTheVirtualService() throws Exception {
        source.publish(virtualService(PRODUCT, route("/api", target("product", 100))));

        HttpResponse<String> response = get("/other");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"virtualService\":\"" + PRODUCT + "\"");
        assertThat(v1.requests()).isZero();
    }

    @Test
    void endToEndHeaders_reachTheUpstreamAndComeBack_hostKept() throws Exception {
        source.publish(virtualService(PRODUCT, route("/", target("product", 100))));
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri("/"))
                        .header("traceparent", traceparent)
                        .header("x-request-id", "r-42")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-served-by")).hasValue("test-upstream");
        assertThat(v1.lastHeaders().get("traceparent")).isEqualTo(traceparent);
        assertThat(v1.lastHeaders().get("x-request-id")).isEqualTo("r-42");
        InetSocketAddress listener = dataPlane.listenerAddress(PRODUCT).orElseThrow();
        assertThat(v1.lastHeaders().get("host")).isEqualTo("127.0.0.1:" + listener.getPort());
    }

    @Test
    void listeners_followTheVirtualServicesOfTheTable_andOnlyThem() throws Exception {
        String customer = "customer.default.svc.cluster.local";
        source.publish(virtualService(PRODUCT, route("/", target("product", 100))));
        registry.register(hostname("customer"), v1.address());

        assertThat(dataPlane.listenerAddresses()).containsOnlyKeys(PRODUCT);
        InetSocketAddress productListener = dataPlane.listenerAddress(PRODUCT).orElseThrow();

        source.publish(
                virtualService(PRODUCT, route("/", target("product", 100))),
                virtualService(customer, route("/", target("customer", 100))));
        assertThat(dataPlane.listenerAddress(customer)).isPresent();
        assertThat(dataPlane.listenerAddress(PRODUCT)).hasValue(productListener);

        source.publish(virtualService(customer, route("/", target("customer", 100))));
        assertThat(dataPlane.listenerAddress(PRODUCT)).isEmpty();
        assertThatThrownBy(() -> client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + productListener.getPort() + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void traffic_countsRequestsPerVirtualServiceAndTarget() throws Exception {
        source.publish(virtualService(PRODUCT, route("/", target("product", 50), target("product-v15", 50))));

        Map<String, Integer> observed = sendAndCountByNode(200);

        VirtualServiceTraffic traffic = dataPlane.traffic().get(PRODUCT);
        assertThat(traffic.requests()).isEqualTo(200);
        assertThat(traffic.serverErrors()).isZero();
        assertThat(traffic.targets().get("product").requests())
                .isEqualTo(observed.get("product").longValue());
        assertThat(traffic.targets().get("product-v15").requests())
                .isEqualTo(observed.get("product-v15").longValue());
    }

    private Map<String, Integer> sendAndCountByNode(int requests) throws Exception {
        Map<String, Integer> byNode = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        int concurrency = 8;
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        AtomicInteger remaining = new AtomicInteger(requests);
        for (int i = 0; i < concurrency; i++) {
            workers.add(CompletableFuture.runAsync(() -> {
                while (remaining.getAndDecrement() > 0) {
                    try {
                        HttpResponse<String> response = get("/");
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                        byNode.merge(nodeOf(response.body()), 1, Integer::sum);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get();
        assertThat(failures).hasValue(0);
        return byNode;
    }

    private static String nodeOf(String body) {
        int start = body.indexOf("\"node\":\"") + 8;
        return body.substring(start, body.indexOf('"', start));
    }

    /** |observed - n p| <= 4 sqrt(n p (1 - p)): fails by chance about once in 16,000 runs. */
    private static void assertWithinFourSigma(int observed, int n, double p) {
        double mean = n * p;
        double sigma = Math.sqrt(n * p * (1 - p));
        assertThat((double) observed).isBetween(mean - 4 * sigma, mean + 4 * sigma);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        InetSocketAddress listener = dataPlane.listenerAddress(PRODUCT).orElseThrow();
        return URI.create("http://127.0.0.1:" + listener.getPort() + path);
    }
}
