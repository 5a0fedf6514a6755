package io.github.meshrefarch.mesh.rollout;

import io.github.meshrefarch.mesh.load.split.SplitVerdict;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import io.github.meshrefarch.mesh.rollout.metrics.NodeMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one step of a rollout set, saw and decided.
 *
 * @param number 1-based
 * @param canaryWeight the canary's weight in this step
 * @param weights the weighted targets set and read back
 * @param split the observed split of order's answers against the weights; {@code null} when not verified from traffic
 * @param canary the canary's figures over the interval
 * @param verdict passed, failed (a gate breached) or aborted (Ctrl-C)
 * @param breach the breached gate, when failed
 * @param started when the weights were set
 * @param measured how long the interval lasted (longer than one when too few requests came)
 */
public record StepRecord(
        int number,
        int canaryWeight,
        List<WeightedTarget> weights,
        SplitVerdict split,
        NodeMetrics canary,
        Verdict verdict,
        Breach breach,
        Instant started,
        Duration measured) {

    public enum Verdict {
        PASSED,
        FAILED,
        ABORTED
    }

    public StepRecord {
        weights = List.copyOf(weights);
    }
}
