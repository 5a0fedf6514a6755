package io.github.meshrefarch.mesh.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.load.generator.ErrorCounts;
import io.github.meshrefarch.mesh.load.generator.LatencySummary;
import io.github.meshrefarch.mesh.load.generator.LoadResult;
import io.github.meshrefarch.mesh.load.split.SplitTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DemoJsonTest {

    private static final LatencySummary LATENCY = new LatencySummary(
            Duration.ofMillis(5), Duration.ofMillis(9), Duration.ofMillis(23), Duration.ofMillis(40));

    @Test
    void write_stepsWithAnswersByVersionFailuresAndTotals() {
        StepResult canary = new StepResult(
                "03",
                "Product canary",
                Map.of("Product", SplitTest.test(Map.of("1.0", 240L, "1.5", 80L), Map.of("1.0", 75, "1.5", 25))),
                new LoadResult(
                        327, 326, 325, 1, Duration.ofMillis(2700), LATENCY, new ErrorCounts(0, 0, Map.of(502, 1L))));
        StepResult teardown = new StepResult(
                "99",
                "Delete the mesh",
                Map.of(),
                new LoadResult(12, 13, 13, 0, Duration.ofMillis(300), LATENCY, ErrorCounts.NONE));

        JsonNode json = JsonMapper.builder()
                .build()
                .readTree(DemoJson.write("demomesh", List.of(canary, teardown), Duration.ofMillis(61_234)));

        assertThat(json.path("mesh").asString()).isEqualTo("demomesh");
        assertThat(json.path("passed").asBoolean()).isFalse(); // one request failed
        assertThat(json.path("durationMs").asLong()).isEqualTo(61_234);
        assertThat(json.path("requests").asLong()).isEqualTo(339);
        assertThat(json.path("failed").asLong()).isEqualTo(1);
        JsonNode step = json.path("steps").get(0);
        assertThat(step.path("step").asString()).isEqualTo("03");
        assertThat(step.path("passed").asBoolean()).isFalse();
        assertThat(step.path("requests").asLong()).isEqualTo(327);
        assertThat(step.path("failed").asLong()).isEqualTo(1);
        assertThat(step.path("inFlight").asLong()).isEqualTo(1);
        assertThat(step.path("errors").path("status").path("502").asLong()).isEqualTo(1);
        assertThat(step.path("latencyMs").path("p99").asDouble()).isEqualTo(23.0);
        JsonNode product = step.path("services").path("Product");
        assertThat(product.path("withinBounds").asBoolean()).isTrue();
        assertThat(product.path("versions").toString())
                .isEqualTo("[{\"version\":\"1.0\",\"weight\":75,\"answers\":240},"
                        + "{\"version\":\"1.5\",\"weight\":25,\"answers\":80}]");
        JsonNode last = json.path("steps").get(1);
        assertThat(last.path("services").isEmpty()).isTrue();
        assertThat(last.path("passed").asBoolean()).isTrue();
    }
}
