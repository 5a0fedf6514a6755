package io.github.meshrefarch.mesh.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.load.generator.ErrorCounts;
import io.github.meshrefarch.mesh.load.generator.LatencySummary;
import io.github.meshrefarch.mesh.load.generator.LoadResult;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import io.github.meshrefarch.mesh.rollout.Breach;
import io.github.meshrefarch.mesh.rollout.RollbackCheck;
import io.github.meshrefarch.mesh.rollout.RolloutRecord;
import io.github.meshrefarch.mesh.rollout.StepRecord;
import io.github.meshrefarch.mesh.rollout.metrics.NodeMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RolloutDemoReportTest {

    private static final Instant T0 = Instant.parse("2026-11-30T01:00:00Z");

    @Test
    void json_afterSummary_totalsEveryWindowStepsAndBothRecords() {
        RolloutDemoReport report = new RolloutDemoReport(new PrintWriter(new StringWriter()));
        StepRecord productStep = step(1, "product-v15-vn", StepRecord.Verdict.PASSED, null);
        Breach breach = new Breach("max-error-rate", "29.8%", "1.0%");
        StepRecord customerStep = step(1, "customer-v2-vn", StepRecord.Verdict.FAILED, breach);
        report.step("product", productStep, 1, load(300, 0, 0));
        report.finished("product", record("product-vr/product-r", productStep, null), load(20, 0, 0));
        report.step("customer", customerStep, 10, load(290, 1, 2));
        RolloutRecord customer = record("customer-vr/customer-r", customerStep, breach);
        report.finished("customer", customer, load(15, 0, 0));
        report.afterRollouts(load(5, 1, 0));

        boolean passed = report.summary(record("product-vr/product-r", productStep, null), customer);
        JsonNode json = JsonMapper.builder().build().readTree(report.json());

        assertThat(passed).isFalse(); // two requests failed
        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("requests").asLong()).isEqualTo(630);
        assertThat(json.path("failed").asLong()).isEqualTo(2);
        assertThat(json.path("steps")).hasSize(2);
        JsonNode second = json.path("steps").get(1);
        assertThat(second.path("service").asString()).isEqualTo("customer");
        assertThat(second.path("of").asInt()).isEqualTo(10);
        assertThat(second.path("verdict").asString()).isEqualTo("FAILED");
        assertThat(second.path("failed").asLong()).isEqualTo(1);
        assertThat(second.path("inFlight").asLong()).isEqualTo(2);
        assertThat(json.path("rollouts")).hasSize(2);
        assertThat(json.path("rollouts").get(1).path("outcome").asString()).isEqualTo("ROLLED_BACK");
    }

    @Test
    void summary_checksJudgedAgainAtTheSameStep_countAsThatStep_andTheDemoPasses() {
        StringWriter out = new StringWriter();
        RolloutDemoReport report = new RolloutDemoReport(new PrintWriter(out));
        Breach slow = new Breach("max-p99", "612.0 ms", "500.0 ms");
        Breach errors = new Breach("max-error-rate", "29.8%", "1.0%");
        List<StepRecord> productChecks = List.of(
                step(1, "product-v15-vn", StepRecord.Verdict.FAILED, slow),
                step(1, "product-v15-vn", StepRecord.Verdict.PASSED, null));
        List<StepRecord> customerChecks = List.of(
                step(1, "customer-v2-vn", StepRecord.Verdict.FAILED, errors),
                step(1, "customer-v2-vn", StepRecord.Verdict.FAILED, errors));
        productChecks.forEach(check -> report.step("product", check, 1, load(300, 0, 0)));
        customerChecks.forEach(check -> report.step("customer", check, 10, load(300, 0, 0)));

        boolean passed = report.summary(
                record("product-vr/product-r", productChecks, null),
                record("customer-vr/customer-r", customerChecks, errors));
        JsonNode json = JsonMapper.builder().build().readTree(report.json());

        assertThat(passed).as(out.toString()).isTrue();
        assertThat(out.toString())
                .contains("product: product-v15-vn promoted: 100% of product-vr/product-r after 1 steps and 1 failed"
                        + " check(s) judged again")
                .contains("customer v2 caught at step 1 and rolled back");
        assertThat(json.path("steps")).hasSize(4);
        assertThat(json.path("rollouts").get(0).path("failedChecks").asLong()).isEqualTo(1);
        assertThat(json.path("rollouts").get(1).path("failedChecks").asLong()).isEqualTo(2);
    }

    private static LoadResult load(long sent, long failed, long inFlight) {
        return new LoadResult(
                sent,
                sent,
                sent - failed,
                inFlight,
                Duration.ofSeconds(1),
                LatencySummary.EMPTY,
                new ErrorCounts(0, 0, failed == 0 ? Map.of() : Map.of(502, failed)));
    }

    private static StepRecord step(int number, String canary, StepRecord.Verdict verdict, Breach breach) {
        return new StepRecord(
                number,
                20,
                List.of(
                        new WeightedTarget(canary.replace("-v15", "").replace("-v2", ""), 80),
                        new WeightedTarget(canary, 20)),
                null,
                new NodeMetrics(100, 0, Duration.ofMillis(12)),
                verdict,
                breach,
                T0,
                Duration.ofSeconds(2));
    }

    private static RolloutRecord record(String route, StepRecord step, Breach breach) {
        return record(route, List.of(step), breach);
    }

    private static RolloutRecord record(String route, List<StepRecord> steps, Breach breach) {
        StepRecord step = steps.get(0);
        return new RolloutRecord(
                "demomesh",
                route,
                step.weights().get(1).virtualNode(),
                step.weights().get(0).virtualNode(),
                steps,
                breach == null ? RolloutRecord.Outcome.PROMOTED : RolloutRecord.Outcome.ROLLED_BACK,
                breach,
                breach == null ? null : new RollbackCheck(true, null),
                T0,
                T0.plusSeconds(5));
    }
}
