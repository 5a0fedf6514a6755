package io.github.meshrefarch.mesh.rollout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a rollout does: raise the canary's weight on one service's route step by step to 100, each step held for an
 * interval in which the gates and the split are checked.
 *
 * @param mesh the mesh
 * @param service the service as meshctl commands name it ({@code product}, {@code product-vr}, {@code ROUTER/ROUTE})
 * @param canary the virtual node rolled out
 * @param baseline the virtual node traffic returns to on a rollback; {@code null}: the route's heaviest other target
 * @param steps the canary's weight per step, ascending, the last one 100
 * @param interval how long each step is judged
 * @param settle time after a weight change before the interval starts (requests in flight finish)
 * @param gates the limits on the canary's traffic
 * @param threshold the failed checks that roll the canary back: 1 at the first; more hold the canary's weight after a
 *     failed check and judge the step again (a weight that did not read back as set rolls back at once)
 * @param falseAlarmLimit the split test's false-alarm limit per step
 * @param answers how order's answers name the service and its nodes' versions; {@code null}: no split check
 */
public record RolloutPlan(
        String mesh,
        String service,
        String canary,
        String baseline,
        List<Integer> steps,
        Duration interval,
        Duration settle,
        Gates gates,
        int threshold,
        double falseAlarmLimit,
        Answers answers) {

    /** Intervals a step may add when too few canary requests came, before it fails the min-requests gate. */
    public static final int EXTRA_INTERVALS = 2;

    /**
     * How order's answers name the service ({@code Product}) and which version each virtual node serves.
     *
     * @param service the service's name in order's answers
     * @param versions virtual node to the version it answers with
     */
    public record Answers(String service, Map<String, String> versions) {
        public Answers {
            versions = Map.copyOf(versions);
        }
    }

    public RolloutPlan {
        steps = List.copyOf(steps);
        requireSteps(steps);
        if (interval == null || interval.toMillis() < 100) {
            throw new IllegalArgumentException("the interval must be at least 100ms, got " + interval);
        }
        if (threshold < 1) {
            throw new IllegalArgumentException("the threshold must be at least 1 failed check, got " + threshold);
        }
        if (!(falseAlarmLimit > 0 && falseAlarmLimit < 1)) {
            throw new IllegalArgumentException("the false-alarm limit must be within 0..1, got " + falseAlarmLimit);
        }
    }

    /** Steps of {@code weight} each: 10 gives 10, 20, ..., 100. */
    public static List<Integer> everyStepOf(int weight) {
        if (weight < 1 || weight > 100) {
            throw new IllegalArgumentException("the step weight must be within 1..100, got " + weight);
        }
        var steps = new java.util.ArrayList<Integer>();
        for (int w = weight; w < 100; w += weight) {
            steps.add(w);
        }
        steps.add(100);
        return steps;
    }

    private static void requireSteps(List<Integer> steps) {
        if (steps.isEmpty() || steps.get(steps.size() - 1) != 100) {
            throw new IllegalArgumentException("the steps must end at 100, got " + steps);
        }
        for (int i = 0; i < steps.size(); i++) {
            int weight = steps.get(i);
            if (weight < 1 || weight > 100 || (i > 0 && weight <= steps.get(i - 1))) {
                throw new IllegalArgumentException("the steps must be weights 1..100 in ascending order, got " + steps);
            }
        }
    }
}
