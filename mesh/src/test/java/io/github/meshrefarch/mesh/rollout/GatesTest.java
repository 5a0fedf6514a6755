package io.github.meshrefarch.mesh.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.meshrefarch.mesh.rollout.metrics.NodeMetrics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatesTest {

    @Test
    void check_errorRateFirst_thenP99_withTheMeasuredValueAndTheLimit() {
        Gates gates = new Gates(0.01, Duration.ofMillis(500), 10);

        assertThat(gates.check(new NodeMetrics(100, 0.298, Duration.ofSeconds(2))))
                .hasValue(new Breach("max-error-rate", "29.8%", "1.0%"));
        assertThat(gates.check(new NodeMetrics(100, 0.01, Duration.ofMillis(612))))
                .hasValue(new Breach("max-p99", "612.0 ms", "500.0 ms"));
        assertThat(gates.check(new NodeMetrics(100, 0.01, Duration.ofMillis(500))))
                .isEmpty();
        assertThat(gates.enough(new NodeMetrics(9, 0, Duration.ofMillis(1)))).isFalse();
    }

    @Test
    void plan_stepsOfAWeight_endAtHundred_andInvalidStepsAreRejected() {
        assertThat(RolloutPlan.everyStepOf(10)).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        assertThat(RolloutPlan.everyStepOf(30)).containsExactly(30, 60, 90, 100);
        assertThatIllegalArgumentException().isThrownBy(() -> plan(List.of(10, 50)));
        assertThatIllegalArgumentException().isThrownBy(() -> plan(List.of(50, 25, 100)));
        assertThatIllegalArgumentException().isThrownBy(() -> new Gates(1.5, Duration.ofMillis(1), 0));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> plan(List.of(50, 100), 0))
                .withMessage("the threshold must be at least 1 failed check, got 0");
    }

    private static RolloutPlan plan(List<Integer> steps) {
        return plan(steps, 1);
    }

    private static RolloutPlan plan(List<Integer> steps, int threshold) {
        return new RolloutPlan(
                "m",
                "product",
                "product-v15-vn",
                null,
                steps,
                Duration.ofSeconds(1),
                Duration.ZERO,
                Gates.DEFAULTS,
                threshold,
                0.001,
                null);
    }
}
