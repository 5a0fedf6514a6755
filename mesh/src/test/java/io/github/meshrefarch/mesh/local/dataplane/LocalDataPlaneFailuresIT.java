package io.github.meshrefarch.mesh.local.dataplane;

import static io.github.meshrefarch.mesh.local.dataplane.Routes.PRODUCT;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.hostname;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.retryPolicy;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LocalDataPlaneFailuresIT {

    @RegisterExtension
    final DataPlaneFixture mesh = new DataPlaneFixture();

    @Test
    void stoppedWorkload_withoutRetryPolicy_defaultPolicyRetriesOnTheOtherTarget() throws Exception {
        TestUpstream v1 = mesh.register(TestUpstream.answering("product"));
        TestUpstream v15 = mesh.register(TestUpstream.answering("product-v15"));
        mesh.source.publish(virtualService(PRODUCT, route("/", target("product", 50), target("product-v15", 50))));
        v15.close(); // still registered: its port now refuses connections, as a crashed process's would

        for (int i = 0; i < 100; i++) {
            HttpResponse<String> response = get("/");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"product\"");
        }
        VirtualServiceTraffic traffic = mesh.dataPlane().traffic().get(PRODUCT);
        assertThat(traffic.retries()).isPositive();
        assertThat(traffic.targets().get("product-v15").connectionFailures()).isEqualTo(traffic.retries());
        assertThat(v1.requests()).isEqualTo(100);
    }

    @Test
    void deregisteredWorkload_isRetriedOnTheOtherTarget() throws Exception {
        mesh.register(TestUpstream.answering("product"));
        TestUpstream v15 = mesh.register(TestUpstream.answering("product-v15"));
        mesh.source.publish(virtualService(
                PRODUCT,
                route(
                        "/",
                        retryPolicy(1, Duration.ofSeconds(2), "gateway-error"),
                        null,
                        target("product", 50),
                        target("product-v15", 50))));
        mesh.registry.deregister(hostname("product-v15"), v15.address());

        for (int i = 0; i < 50; i++) {
            assertThat(get("/").body()).contains("\"product\"");
        }
        assertThat(v15.requests()).isZero();
    }

    @Test
    void noWorkloadUp_gets503NamingTheVirtualService() throws Exception {
        TestUpstream v1 = mesh.register(TestUpstream.answering("product"));
        mesh.source.publish(virtualService(PRODUCT, route("/", target("product", 100))));
        v1.close();

        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body())
                .contains("\"error\":\"no healthy upstream\"")
                .contains("\"virtualService\":\"" + PRODUCT + "\"");
        VirtualServiceTraffic traffic = mesh.dataPlane().traffic().get(PRODUCT);
        assertThat(traffic.serverErrors()).isEqualTo(1);
        assertThat(traffic.retries()).isEqualTo(2); // App Mesh's default policy: two retries on connection failure
    }

    @Test
    void allWeightsZero_gets503() throws Exception {
        mesh.register(TestUpstream.answering("product"));
        mesh.source.publish(virtualService(PRODUCT, route("/", target("product", 0))));

        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains(PRODUCT);
    }

    @Test
    void hangingTarget_gets504NamingTheVirtualService_afterTheRouteTimeout() throws Exception {
        TestUpstream hanging = mesh.register(TestUpstream.hanging("product"));
        mesh.source.publish(virtualService(PRODUCT, route("/", null, Duration.ofMillis(300), target("product", 100))));

        long start = System.nanoTime();
        HttpResponse<String> response = get("/");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body())
                .contains("\"error\":\"upstream request timeout\"")
                .contains("\"virtualService\":\"" + PRODUCT + "\"");
        assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofSeconds(10));
        assertThat(hanging.requests()).isEqualTo(1);
    }

    @Test
    void hangingTarget_perRetryTimeout_retriesOnTheOtherTarget() throws Exception {
        mesh.register(TestUpstream.hanging("product-v15"));
        mesh.register(TestUpstream.answering("product"));
        mesh.source.publish(virtualService(PRODUCT, route("/", target("product", 100))));
        assertThat(get("/").statusCode()).isEqualTo(200); // warm: the first request of a JVM can be slow
        mesh.source.publish(virtualService(
                PRODUCT,
                route(
                        "/",
                        retryPolicy(2, Duration.ofSeconds(1), "gateway-error"),
                        Duration.ofSeconds(30),
                        target("product", 50),
                        target("product-v15", 50))));

        // until the weighted pick has sent at least one request to the hanging target (20 misses in a row: 1 in 10^6)
        for (int i = 0;
                i < 20 && !mesh.dataPlane().traffic().get(PRODUCT).targets().containsKey("product-v15");
                i++) {
            HttpResponse<String> response = get("/");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"product\"");
        }
        VirtualServiceTraffic traffic = mesh.dataPlane().traffic().get(PRODUCT);
        assertThat(traffic.targets().get("product-v15").requests()).isPositive();
        assertThat(traffic.retries())
                .isEqualTo(traffic.targets().get("product-v15").requests());
    }

    @Test
    void perRetryTimeoutZero_meansNoPerTryLimit_asInEnvoy() throws Exception {
        TestUpstream slow = mesh.register(TestUpstream.answeringAfter("product", Duration.ofMillis(100)));
        mesh.source.publish(virtualService(
                PRODUCT,
                route(
                        "/",
                        retryPolicy(2, Duration.ZERO, "gateway-error"),
                        Duration.ofSeconds(30),
                        target("product", 100))));

        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(slow.requests()).isEqualTo(1);
        assertThat(mesh.dataPlane().traffic().get(PRODUCT).retries()).isZero();
    }

    @Test
    void serverError_retriedWithServerErrorPolicy_passedThroughWithoutOne() throws Exception {
        TestUpstream failing = mesh.register(TestUpstream.failing("product-v15", 500));
        mesh.register(TestUpstream.answering("product"));
        mesh.source.publish(virtualService(
                PRODUCT,
                route(
                        "/",
                        retryPolicy(1, Duration.ofSeconds(2), "server-error"),
                        null,
                        target("product", 50),
                        target("product-v15", 50))));
        for (int i = 0; i < 30; i++) {
            assertThat(get("/").statusCode()).isEqualTo(200);
        }
        assertThat(failing.requests()).isPositive();

        mesh.source.publish(virtualService(PRODUCT, route("/", target("product-v15", 100))));
        HttpResponse<String> response = get("/");
        assertThat(response.statusCode()).isEqualTo(500); // App Mesh's default policy retries 503 only
        assertThat(response.body()).contains("\"failed\":true");
    }

    @Test
    void postBody_replayedOnRetry() throws Exception {
        mesh.register(TestUpstream.failing("product-v15", 503));
        mesh.register(TestUpstream.answering("product"));
        mesh.source.publish(virtualService(PRODUCT, route("/", target("product", 50), target("product-v15", 50))));
        String body = "{\"order\":\"" + "x".repeat(20_000) + "\"}";

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = mesh.client.send(
                    HttpRequest.newBuilder(uri("/orders"))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(body);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return mesh.client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        InetSocketAddress listener = mesh.dataPlane().listenerAddress(PRODUCT).orElseThrow();
        return URI.create("http://127.0.0.1:" + listener.getPort() + path);
    }
}
