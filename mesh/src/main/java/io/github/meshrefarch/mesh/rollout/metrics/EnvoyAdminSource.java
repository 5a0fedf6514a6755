package io.github.meshrefarch.mesh.rollout.metrics;

import io.github.meshrefarch.mesh.model.MeshOperationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The canary's figures from a data plane's admin endpoint, as Envoy publishes them ({@code GET /stats/prometheus}):
 * scraped at the start and at the end of each interval, the difference of the canary cluster's counters and
 * histogram is the interval's traffic. Needs no Prometheus: this is {@code --metrics local}.
 */
public final class EnvoyAdminSource implements MetricsSource {

    /** Envoy's admin port, which the local data plane uses too. */
    public static final URI DEFAULT_ADMIN = URI.create("http://127.0.0.1:9901");

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI stats;
    private final HttpClient http;

    public EnvoyAdminSource(URI admin) {
        this.stats = admin.resolve("/stats/prometheus");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
    }

    @Override
    public Measurement start(MetricsTarget target) {
        String prefix = target.clusterPrefix(target.canary());
        ClusterCounters before = EnvoyStatsText.sum(scrape(), prefix);
        return () -> EnvoyStatsText.sum(scrape(), prefix).minus(before).metrics();
    }

    @Override
    public String describe() {
        return "data plane admin " + stats;
    }

    Map<String, ClusterCounters> scrape() {
        HttpRequest request =
                HttpRequest.newBuilder(stats).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new MeshOperationException(
                        "data plane admin " + stats + " answered " + response.statusCode(), null);
            }
            return EnvoyStatsText.parse(response.body());
        } catch (IOException e) {
            throw new MeshOperationException("cannot read the data plane's stats at " + stats + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshOperationException("interrupted while reading " + stats, e);
        }
    }
}
