package io.github.meshrefarch.mesh.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.meshrefarch.mesh.model.MeshOperationException;
import io.github.meshrefarch.mesh.rollout.metrics.EnvoyAdminSource;
import io.github.meshrefarch.mesh.rollout.metrics.MetricsSource;
import io.github.meshrefarch.mesh.rollout.metrics.MetricsTarget;
import io.github.meshrefarch.mesh.rollout.metrics.NodeMetrics;
import io.github.meshrefarch.mesh.rollout.metrics.PromQueries;
import io.github.meshrefarch.mesh.rollout.metrics.PrometheusSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus metrics source against a real Prometheus server scraping the local data plane's {@code
 * /stats/prometheus}: the default PromQL templates find the canary's requests, error rate and p99, in agreement with
 * the admin endpoint read directly.
 */
class PrometheusSourceIT {

    private static final MetricsTarget PRODUCT_V15 = new MetricsTarget("demomesh", "product-v15-vn", "product-vn");

    @TempDir
    Path stateDir;

    @TempDir
    Path prometheusDir;

    @Test
    void defaultTemplates_readTheCanarysFigures_asTheAdminEndpointCountsThem() throws Exception {
        try (LocalMesh mesh = LocalMesh.start(stateDir, List.of("product", "product-v15"));
                PrometheusServer prometheus = PrometheusServer.scraping(URI.create(mesh.admin()), prometheusDir)) {
            assertThat(mesh.meshctl("canary", "product", "product-vn=50", "product-v15-vn=50")
                            .exitCode())
                    .isZero();
            await().atMost(Duration.ofSeconds(30)).until(prometheus::scraped);
            PrometheusSource source = new PrometheusSource(prometheus.url(), PromQueries.DEFAULTS);
            MetricsSource.Measurement fromPrometheus = source.start(PRODUCT_V15);
            MetricsSource.Measurement direct = new EnvoyAdminSource(URI.create(mesh.admin())).start(PRODUCT_V15);

            sendToProduct(mesh, 400, Duration.ofSeconds(8));
            NodeMetrics counted = direct.measure();
            Thread.sleep(2500); // two more scrapes
            NodeMetrics queried = fromPrometheus.measure();

            assertThat(counted.requests()).isBetween(120L, 280L);
            assertThat(queried.requests()).isBetween(counted.requests() / 2, counted.requests() * 2);
            assertThat(queried.errorRate()).isZero();
            assertThat(queried.p99()).isNotNull().isPositive().isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void invalidTemplate_isRejectedByPrometheus_withItsMessage() throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.scraping(URI.create("http://127.0.0.1:9"), prometheusDir)) {
            PrometheusSource source =
                    new PrometheusSource(prometheus.url(), new PromQueries("sum(rate(x[{{interval}}])", "1", "1"));

            assertThatThrownBy(() -> source.start(PRODUCT_V15).measure())
                    .isInstanceOf(MeshOperationException.class)
                    .hasMessageContaining("rejected 'sum(rate(x[1s])'");
        }
    }

    /** {@code count} GETs spread over {@code over}, to product's data plane listener (as order's calls go). */
    private static void sendToProduct(LocalMesh mesh, int count, Duration over) throws Exception {
        int port = mesh.cluster.topology().listenerPorts().get("product.default.svc.cluster.local");
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(10))
                .build();
        long pause = over.toMillis() / count;
        for (int i = 0; i < count; i++) {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).isEqualTo(200);
            Thread.sleep(pause);
        }
    }
}
