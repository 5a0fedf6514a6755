package io.github.meshrefarch.mesh.rollout.metrics;

import io.github.meshrefarch.mesh.model.MeshOperationException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canary's figures from a Prometheus server that scrapes the data plane ({@code --metrics prometheus=URL}): at the
 * end of an interval, each {@link PromQueries} template is filled in with the interval and sent as an instant query
 * ({@code GET /api/v1/query}). An empty result or NaN (no traffic) counts as no request.
 */
public final class PrometheusSource implements MetricsSource {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI server;
    private final PromQueries queries;
    private final HttpClient http;

    public PrometheusSource(URI server, PromQueries queries) {
        this.server = server;
        this.queries = queries;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
    }

    @Override
    public Measurement start(MetricsTarget target) {
        long started = System.nanoTime();
        return () -> {
            Duration interval = Duration.ofNanos(System.nanoTime() - started);
            double requests = query(PromQueries.fill(queries.requests(), target, interval));
            if (!(requests >= 0.5)) {
                return NodeMetrics.NONE;
            }
            double errorRate = query(PromQueries.fill(queries.errorRate(), target, interval));
            double p99 = query(PromQueries.fill(queries.p99(), target, interval));
            return new NodeMetrics(
                    Math.round(requests),
                    Double.isNaN(errorRate) ? 0 : Math.min(1, Math.max(0, errorRate)),
                    Double.isNaN(p99) || Double.isInfinite(p99) ? null : Duration.ofNanos(Math.round(p99 * 1e6)));
        };
    }

    @Override
    public String describe() {
        return "Prometheus " + server;
    }

    /** The value of an instant query's first sample; NaN when the result is empty. */
    double query(String promql) {
        URI uri = URI.create(server.toString().replaceAll("/+$", "") + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200
                    || !"success".equals(body.path("status").asString())) {
                throw new MeshOperationException(
                        "Prometheus " + server + " rejected '" + promql + "': "
                                + body.path("error").asString(response.body()),
                        null);
            }
            JsonNode result = body.path("data").path("result");
            if (!result.isArray() || result.isEmpty()) {
                return Double.NaN;
            }
            String value = result.get(0).path("value").get(1).asString();
            return switch (value) {
                case "NaN" -> Double.NaN;
                case "+Inf" -> Double.POSITIVE_INFINITY;
                default -> Double.parseDouble(value);
            };
        } catch (IOException e) {
            throw new MeshOperationException("cannot query Prometheus at " + server + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshOperationException("interrupted while querying " + server, e);
        }
    }
}
