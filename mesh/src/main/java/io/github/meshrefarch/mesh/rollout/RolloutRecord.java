package io.github.meshrefarch.mesh.rollout;

import java.time.Instant;
import java.util.List;

/**
 * The full record of a rollout, as {@code -o json} prints it.
 *
 * @param mesh the mesh
 * @param route the route rolled out, {@code ROUTER/ROUTE}
 * @param canary the canary's virtual node
 * @param baseline the baseline's virtual node
 * @param steps the steps carried out, in order
 * @param outcome promoted, rolled back (a gate breached), aborted (Ctrl-C, rolled back) or stopped (someone else
 *     changed the route: left as found)
 * @param breach the breached gate and its step when rolled back
 * @param rollback how the rollback was verified; {@code null} when promoted or stopped
 * @param started when the rollout started
 * @param ended when it ended
 */
public record RolloutRecord(
        String mesh,
        String route,
        String canary,
        String baseline,
        List<StepRecord> steps,
        Outcome outcome,
        Breach breach,
        RollbackCheck rollback,
        Instant started,
        Instant ended) {

    public enum Outcome {
        PROMOTED,
        ROLLED_BACK,
        ABORTED,
        /** Someone else changed the route's weights: the rollout stopped without touching them again. */
        STOPPED
    }

    public RolloutRecord {
        steps = List.copyOf(steps);
    }

    /** The step that failed or was aborted; {@code null} when promoted. */
    public StepRecord lastStep() {
        return steps.isEmpty() ? null : steps.get(steps.size() - 1);
    }

    /** The checks that failed, the last one included when it rolled the canary back. */
    public long failedChecks() {
        return steps.stream()
                .filter(step -> step.verdict() == StepRecord.Verdict.FAILED)
                .count();
    }

    /** E.g. {@code holding the canary at 50%: failed check 1 of 2 (max-p99: measured 612.0 ms, limit 500.0 ms)}. */
    public static String holding(StepRecord step, int failedChecks, int threshold) {
        return "holding the canary at " + step.canaryWeight() + "%: failed check " + failedChecks + " of " + threshold
                + " (" + step.breach().describe() + "); judging step " + step.number() + " again";
    }

    /** One sentence, e.g. {@code rolled back at step 1 (canary 10%): max-error-rate: measured 29.8%, limit 1.0%}. */
    public String summary() {
        StepRecord last = lastStep();
        String at = last == null
                ? "before the first step"
                : "at step " + last.number() + " (canary " + last.canaryWeight() + "%)";
        return switch (outcome) {
            case PROMOTED ->
                canary + " promoted: 100% of " + route + " after " + last.number() + " steps"
                        + (failedChecks() == 0 ? "" : " and " + failedChecks() + " failed check(s) judged again");
            case ROLLED_BACK ->
                "rolled back to " + baseline + " " + at + ": " + breach.describe() + "; " + rollback.describe();
            case ABORTED -> "aborted " + at + " and rolled back to " + baseline + "; " + rollback.describe();
            case STOPPED ->
                "stopped before step " + last.number() + ": " + route + " was changed by someone else (now "
                        + breach.measured() + ", set by this rollout " + breach.limit() + "); left as found";
        };
    }
}
