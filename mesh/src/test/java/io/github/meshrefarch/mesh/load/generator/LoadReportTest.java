package io.github.meshrefarch.mesh.load.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadReportTest {

    private static final LoadConfig CONFIG =
            LoadConfig.of(URI.create("http://127.0.0.1:8080/"), 500, Duration.ofSeconds(5));
    private static final LoadResult RESULT = new LoadResult(
            2500,
            2500,
            2496,
            0,
            Duration.ofMillis(5000),
            new LatencySummary(micros(612), micros(951), micros(2103), micros(8301)),
            new ErrorCounts(0, 1, Map.of(504, 1L, 502, 2L)));

    @Test
    void json_documentWithEveryFieldInStableOrder() {
        assertThat(LoadReport.json(CONFIG, RESULT))
                .isEqualTo("{\"url\":\"http://127.0.0.1:8080/\",\"rate\":500.0,\"durationMs\":5000,\"connections\":50,"
                        + "\"timeoutMs\":5000,\"sent\":2500,\"completed\":2500,\"succeeded\":2496,\"inFlight\":0,"
                        + "\"elapsedMs\":5000.0,"
                        + "\"throughput\":500.0,\"latencyMs\":{\"p50\":0.612,\"p90\":0.951,\"p99\":2.103,\"max\":8.301},"
                        + "\"errors\":{\"total\":4,\"connection\":0,\"timeout\":1,\"status\":{\"502\":2,\"504\":1}}}");
    }

    @Test
    void text_reportsCountsLatencyAndErrorsByKind() {
        assertThat(LoadReport.text(CONFIG, RESULT)).isEqualTo("""
                        load        http://127.0.0.1:8080/ at 500.0 requests/s for 5s, at most 50 connections
                        sent        2500
                        completed   2500 (2496 succeeded)
                        throughput  500.0 requests/s
                        latency     p50 0.61 ms   p90 0.95 ms   p99 2.10 ms   max 8.30 ms
                        errors      4 (connection 0, timeout 1, status 3: 502 x2, 504 x1)
                        """);
    }

    private static Duration micros(long micros) {
        return Duration.ofNanos(micros * 1000);
    }
}
