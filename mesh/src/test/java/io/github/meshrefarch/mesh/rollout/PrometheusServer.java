package io.github.meshrefarch.mesh.rollout;

import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) on a free port, scraping one target's {@code
 * /stats/prometheus} every second, with its data in a temporary directory; stopped by pid. Missing, it skips the test,
 * except in CI ({@code CI=true}), where it fails it: {@code .ci/run} installs it.
 */
final class PrometheusServer implements AutoCloseable {

    private final Process process;
    private final URI url;

    private PrometheusServer(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    static PrometheusServer scraping(URI admin, Path dir) throws IOException {
        Path binary = java.util.Arrays.stream(
                        System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .map(entry -> Path.of(entry, "prometheus"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        if (binary == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("prometheus is missing: apt-get install -y prometheus (.ci/run does)");
            }
            assumeThat(false)
                    .as("prometheus is not installed (apt-get install -y prometheus)")
                    .isTrue();
        }
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: dataplane
                    metrics_path: /stats/prometheus
                    static_configs:
                      - targets: ['%s:%d']
                """.formatted(admin.getHost(), admin.getPort()));
        int port = LocalMesh.freePort();
        Process process = new ProcessBuilder(
                        binary.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port));
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> server.get("/-/ready") == 200);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    URI url() {
        return url;
    }

    /** Whether Prometheus has scraped the target at least once, successfully. */
    boolean scraped() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url + "/api/v1/query?query=up"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.body().contains("\"value\":[") && response.body().contains(",\"1\"]");
    }

    private int get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
