package io.github.meshrefarch.mesh.local.dataplane;

import static io.github.meshrefarch.mesh.local.dataplane.Routes.MESH;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.PRODUCT;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.retryPolicy;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.route;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.target;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.virtualService;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.local.admin.AdminListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin listener's {@code /stats/prometheus} under real traffic through real upstreams. */
class LocalDataPlaneAdminIT {

    private static final String CUSTOMER = "customer.default.svc.cluster.local";

    @RegisterExtension
    final DataPlaneFixture mesh = new DataPlaneFixture();

    private AdminListener admin;

    @BeforeEach
    void startAdmin() throws IOException {
        admin = AdminListener.start(mesh.dataPlane(), 0);
    }

    @AfterEach
    void stopAdmin() {
        admin.close();
    }

    @Test
    void successes_countedByCodeClassTotalAndHistogram() throws Exception {
        TestUpstream v1 = mesh.register(TestUpstream.answering("product"));
        mesh.source.publish(virtualService(PRODUCT, route("/", target("product", 100))));

        for (int i = 0; i < 7; i++) {
            assertThat(get("/").statusCode()).isEqualTo(200);
        }

        PrometheusExposition stats = stats();
        Map<String, String> product = cluster("product");
        assertThat(stats.byLabel("envoy_cluster_upstream_rq", product, "envoy_response_code"))
                .isEqualTo(Map.of("200", 7.0));
        assertThat(stats.value("envoy_cluster_upstream_rq_xx", with(product, "envoy_response_code_class", "2")))
                .isEqualTo(7);
        assertThat(stats.value("envoy_cluster_upstream_rq_xx", with(product, "envoy_response_code_class", "5")))
                .isZero();
        assertThat(stats.value("envoy_cluster_upstream_rq_total", product)).isEqualTo(7);
        assertThat(stats.value("envoy_cluster_upstream_rq_retry", product)).isZero();
        assertThat(stats.value("envoy_cluster_upstream_rq_time_count", product)).isEqualTo(7);
        assertThat(stats.value("envoy_cluster_upstream_rq_time_bucket", with(product, "le", "+Inf")))
                .isEqualTo(7);
        assertThat(v1.requests()).isEqualTo(7);
    }

    @Test
    void serverErrors_eachTryCountedOnTheClusterThatAnswered() throws Exception {
        TestUpstream failing = mesh.register(TestUpstream.failing("product-v15", 503));
        mesh.register(TestUpstream.answering("product"));
        // App Mesh's default policy: 503 retried twice; the only target fails every try
        mesh.source.publish(virtualService(PRODUCT, route("/", target("product-v15", 100), target("product", 0))));

        assertThat(get("/").statusCode()).isEqualTo(503);

        PrometheusExposition stats = stats();
        Map<String, String> canary = cluster("product-v15");
        assertThat(failing.requests()).isEqualTo(3);
        assertThat(stats.byLabel("envoy_cluster_upstream_rq", canary, "envoy_response_code"))
                .isEqualTo(Map.of("503", 3.0));
        assertThat(stats.value("envoy_cluster_upstream_rq_xx", with(canary, "envoy_response_code_class", "5")))
                .isEqualTo(3);
        assertThat(stats.value("envoy_cluster_upstream_rq_total", canary)).isEqualTo(3);
        assertThat(stats.value("envoy_cluster_upstream_rq_retry", canary)).isEqualTo(2);
        assertThat(stats.value("envoy_cluster_upstream_rq_time_count", canary)).isEqualTo(3);
        // the zero-weight target's cluster is there, at zero
        assertThat(stats.value("envoy_cluster_upstream_rq_total", cluster("product")))
                .isZero();
    }

    @Test
    void retriedCanaryFailure_countsOnTheCanaryAndTheSuccessOnTheBaseline() throws Exception {
        TestUpstream failing = mesh.register(TestUpstream.failing("product-v15", 500));
        TestUpstream v1 = mesh.register(TestUpstream.answering("product"));
        mesh.source.publish(virtualService(
                PRODUCT,
                route(
                        "/",
                        retryPolicy(1, Duration.ofSeconds(2), "server-error"),
                        null,
                        target("product", 50),
                        target("product-v15", 50))));

        for (int i = 0; i < 40; i++) {
            assertThat(get("/").statusCode()).isEqualTo(200);
        }

        PrometheusExposition stats = stats();
        Map<String, String> canary = cluster("product-v15");
        Map<String, String> baseline = cluster("product");
        assertThat(failing.requests()).isPositive();
        assertThat(stats.value("envoy_cluster_upstream_rq", with(canary, "envoy_response_code", "500")))
                .isEqualTo(failing.requests());
        assertThat(stats.value("envoy_cluster_upstream_rq_retry", canary)).isEqualTo(failing.requests());
        assertThat(stats.value("envoy_cluster_upstream_rq", with(baseline, "envoy_response_code", "200")))
                .isEqualTo(v1.requests())
                .isEqualTo(40);
        assertThat(stats.value("envoy_cluster_upstream_rq_retry", baseline)).isZero();
    }

    @Test
    void routeTimeout_countedAsTimeoutAnd504() throws Exception {
        mesh.register(TestUpstream.hanging("product"));
        mesh.source.publish(virtualService(PRODUCT, route("/", null, Duration.ofMillis(300), target("product", 100))));

        assertThat(get("/").statusCode()).isEqualTo(504);

        PrometheusExposition stats = stats();
        Map<String, String> product = cluster("product");
        assertThat(stats.value("envoy_cluster_upstream_rq_timeout", product)).isEqualTo(1);
        assertThat(stats.value("envoy_cluster_upstream_rq_per_try_timeout", product))
                .isZero();
        assertThat(stats.byLabel("envoy_cluster_upstream_rq", product, "envoy_response_code"))
                .isEqualTo(Map.of("504", 1.0));
        assertThat(stats.value("envoy_cluster_upstream_rq_total", product)).isEqualTo(1);
        assertThat(stats.value("envoy_cluster_upstream_rq_time_count", product)).isZero();
    }

    @Test
    void perTryTimeouts_countedPerTryWithTheRetry() throws Exception {
        mesh.register(TestUpstream.hanging("product"));
        mesh.source.publish(virtualService(
                PRODUCT,
                route(
                        "/",
                        retryPolicy(1, Duration.ofMillis(200), "gateway-error"),
                        Duration.ofSeconds(30),
                        target("product", 100))));

        assertThat(get("/").statusCode()).isEqualTo(504);

        PrometheusExposition stats = stats();
        Map<String, String> product = cluster("product");
        assertThat(stats.value("envoy_cluster_upstream_rq_per_try_timeout", product))
                .isEqualTo(2);
        assertThat(stats.value("envoy_cluster_upstream_rq_retry", product)).isEqualTo(1);
        assertThat(stats.value("envoy_cluster_upstream_rq_timeout", product)).isZero();
        assertThat(stats.value("envoy_cluster_upstream_rq", with(product, "envoy_response_code", "504")))
                .isEqualTo(2);
        assertThat(stats.value("envoy_cluster_upstream_rq_total", product)).isEqualTo(2);
    }

    @Test
    void refusedConnections_countedAsConnectFailures() throws Exception {
        TestUpstream down = mesh.register(TestUpstream.answering("product"));
        mesh.source.publish(virtualService(PRODUCT, route("/", target("product", 100))));
        down.close(); // still registered: its port refuses connections

        assertThat(get("/").statusCode()).isEqualTo(503);

        PrometheusExposition stats = stats();
        Map<String, String> product = cluster("product");
        // App Mesh's default policy retries connection errors twice
        assertThat(stats.value("envoy_cluster_upstream_cx_connect_fail", product))
                .isEqualTo(3);
        assertThat(stats.value("envoy_cluster_upstream_rq_retry", product)).isEqualTo(2);
        assertThat(stats.byLabel("envoy_cluster_upstream_rq", product, "envoy_response_code"))
                .isEqualTo(Map.of("503", 3.0));
    }

    @Test
    void slowAnswers_landInTheBucketsAboveTheirDelay() throws Exception {
        mesh.register(TestUpstream.answeringAfter("product", Duration.ofMillis(60)));
        mesh.source.publish(virtualService(PRODUCT, route("/", target("product", 100))));

        for (int i = 0; i < 5; i++) {
            assertThat(get("/").statusCode()).isEqualTo(200);
        }

        PrometheusExposition stats = stats();
        Map<String, String> product = cluster("product");
        Map<String, Double> buckets = stats.byLabel("envoy_cluster_upstream_rq_time_bucket", product, "le");
        assertThat(buckets.keySet())
                .containsExactlyInAnyOrder(
                        "0.5", "1", "5", "10", "25", "50", "100", "250", "500", "1000", "2500", "5000", "10000",
                        "30000", "60000", "300000", "600000", "1800000", "3600000", "+Inf");
        assertThat(buckets.get("50")).isZero(); // none can be faster than the upstream's delay
        assertThat(buckets.get("+Inf")).isEqualTo(5);
        assertThat(stats.value("envoy_cluster_upstream_rq_time_sum", product)).isGreaterThanOrEqualTo(5 * 60);
    }

    @Test
    void exposition_parsesAsPrometheusText_withHistogramsConsistent() throws Exception {
        mesh.register(TestUpstream.answering("product"));
        mesh.register(TestUpstream.failing("customer", 500));
        mesh.source.publish(
                virtualService(PRODUCT, route("/", target("product", 100))),
                virtualService(CUSTOMER, route("/", target("customer", 100))));
        for (int i = 0; i < 5; i++) {
            get("/");
            mesh.client.send(
                    HttpRequest.newBuilder(listener(CUSTOMER, "/")).build(), HttpResponse.BodyHandlers.discarding());
        }

        HttpResponse<String> response = admin("/stats/prometheus");
        PrometheusExposition stats = PrometheusExposition.parse(response.body());

        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(stats.types)
                .containsEntry("envoy_cluster_upstream_rq", "counter")
                .containsEntry("envoy_cluster_upstream_rq_xx", "counter")
                .containsEntry("envoy_cluster_upstream_rq_total", "counter")
                .containsEntry("envoy_cluster_upstream_rq_retry", "counter")
                .containsEntry("envoy_cluster_upstream_rq_timeout", "counter")
                .containsEntry("envoy_cluster_upstream_rq_per_try_timeout", "counter")
                .containsEntry("envoy_cluster_upstream_cx_connect_fail", "counter")
                .containsEntry("envoy_cluster_upstream_rq_time", "histogram");
        for (String node : new String[] {"product", "customer"}) {
            Map<String, String> cluster = cluster(node);
            double total = stats.value("envoy_cluster_upstream_rq_total", cluster);
            double byCode = stats.byLabel("envoy_cluster_upstream_rq", cluster, "envoy_response_code").values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
            assertThat(byCode).as(node).isEqualTo(total).isEqualTo(5);
            Map<String, Double> buckets = stats.byLabel("envoy_cluster_upstream_rq_time_bucket", cluster, "le");
            assertThat(buckets.get("+Inf")).isEqualTo(stats.value("envoy_cluster_upstream_rq_time_count", cluster));
            double previous = 0;
            for (String le : new String[] {"0.5", "1", "5", "10", "25", "50", "100", "250", "500", "1000", "+Inf"}) {
                assertThat(buckets.get(le)).as("bucket %s of %s", le, node).isGreaterThanOrEqualTo(previous);
                previous = buckets.get(le);
            }
        }
    }

    private PrometheusExposition stats() throws IOException, InterruptedException {
        HttpResponse<String> response = admin("/stats/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusExposition.parse(response.body());
    }

    private HttpResponse<String> admin(String path) throws IOException, InterruptedException {
        return mesh.client.send(
                HttpRequest.newBuilder(admin.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> cluster(String virtualNode) {
        return Map.of("envoy_cluster_name", "cds_egress_" + MESH + "_" + virtualNode + "_http_8080");
    }

    private static Map<String, String> with(Map<String, String> labels, String label, String value) {
        var more = new java.util.HashMap<>(labels);
        more.put(label, value);
        return more;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return mesh.client.send(
                HttpRequest.newBuilder(listener(PRODUCT, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI listener(String virtualService, String path) {
        int port =
                mesh.dataPlane().listenerAddress(virtualService).orElseThrow().getPort();
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
