package io.github.meshrefarch.mesh.rollout;

import io.github.meshrefarch.mesh.load.split.SplitCounts;
import io.github.meshrefarch.mesh.load.split.SplitTally;
import io.github.meshrefarch.mesh.load.split.SplitTest;
import io.github.meshrefarch.mesh.load.split.SplitVerdict;
import io.github.meshrefarch.mesh.model.Reconciler;
import io.github.meshrefarch.mesh.model.UnexpectedStateException;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import io.github.meshrefarch.mesh.rollout.StepRecord.Verdict;
import io.github.meshrefarch.mesh.rollout.metrics.MetricsSource;
import io.github.meshrefarch.mesh.rollout.metrics.MetricsTarget;
import io.github.meshrefarch.mesh.rollout.metrics.NodeMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Progressive delivery over any mesh backend: each step sets the canary's weight through the {@link Reconciler} (which
 * reads the route back), then judges an interval: the observed split of order's answers against the weights ({@link
 * SplitTest}) and the canary's metrics against the {@link Gates}. A passed step advances; the last one (100) promotes
 * the canary. A failed check (a gate breached) holds the canary's weight and judges the step again, until {@link
 * RolloutPlan#threshold()} checks have failed (Flagger's analysis threshold; Argo Rollouts' failure limit plus one).
 * Then, or at once on an {@link #abort()} (Ctrl-C), weights that did not read back as set, or a failure, all traffic
 * goes back to the baseline and the rollback is verified. Before each change of weights the route is read: when someone
 * else changed it since this rollout last set it (a manual rollback, say), the rollout stops and leaves it as found.
 */
public final class Rollout {

    /** How long order's answers are sampled after a rollback to verify that none comes from the canary. */
    static final Duration ROLLBACK_SAMPLE = Duration.ofSeconds(1);

    private final Reconciler reconciler;
    private final RolloutPlan plan;
    private final MetricsSource metrics;
    private final SplitTally answers;
    private final RolloutListener listener;
    private final Waiter waiter = new Waiter();
    /** The route's weights as this rollout last set them (as found, before its first step). */
    private List<WeightedTarget> lastSet;

    /**
     * @param answers counts order's answers as they arrive (fed by traffic to the verify URL); {@code null} when the
     *     plan has no {@link RolloutPlan#answers()}
     */
    public Rollout(
            Reconciler reconciler,
            RolloutPlan plan,
            MetricsSource metrics,
            SplitTally answers,
            RolloutListener listener) {
        this.reconciler = reconciler;
        this.plan = plan;
        this.metrics = metrics;
        this.answers = answers;
        this.listener = listener;
    }

    /** Asks a running rollout to stop and roll back; safe from any thread, e.g. a shutdown hook. */
    public void abort() {
        waiter.abort();
    }

    /** Runs the rollout to its end: promoted, rolled back or aborted. Invalid input fails before any change. */
    public RolloutRecord run() {
        RolloutTarget target = RolloutTarget.resolve(reconciler, plan);
        lastSet = target.route().weightedTargets();
        Instant started = Instant.now();
        List<StepRecord> steps = new ArrayList<>();
        try {
            StepRecord last = runSteps(target, steps);
            if (last != null) {
                return end(target, steps, last, started);
            }
        } catch (RuntimeException failure) {
            listener.rollingBack("failure: " + failure.getMessage());
            try {
                rollBack(target);
            } catch (RuntimeException rollbackFailure) {
                failure.addSuppressed(rollbackFailure);
            }
            throw failure;
        }
        return finish(target, steps, RolloutRecord.Outcome.PROMOTED, null, null, started);
    }

    /** Runs the steps, recording each check in {@code steps}: the check that ends the rollout early, or null. */
    private StepRecord runSteps(RolloutTarget target, List<StepRecord> steps) {
        int failedChecks = 0;
        StepRecord held = null; // the step a failed check holds at its weight, judged again
        for (int i = 0; i < plan.steps().size(); ) {
            StepRecord step = held == null
                    ? step(target, i + 1, plan.steps().get(i))
                    : judge(target, held.number(), held.canaryWeight(), held.weights(), Instant.now());
            steps.add(step);
            listener.stepEnded(step, plan.steps().size());
            held = null;
            if (step.verdict() == Verdict.PASSED) {
                i++;
            } else if (step.verdict() == Verdict.ABORTED
                    || step.breach().aboutTheRoute()
                    || ++failedChecks >= plan.threshold()) {
                return step;
            } else {
                held = step;
                listener.holding(step, failedChecks, plan.threshold());
            }
        }
        return null;
    }

    private RolloutRecord end(RolloutTarget target, List<StepRecord> steps, StepRecord last, Instant started) {
        if (last.breach() != null && last.breach().gate().equals(Breach.ROUTE_CHANGED)) {
            return finish(target, steps, RolloutRecord.Outcome.STOPPED, last.breach(), null, started);
        }
        boolean aborted = last.verdict() == Verdict.ABORTED;
        listener.rollingBack(aborted ? "aborted" : last.breach().describe());
        RollbackCheck check = rollBack(target);
        RolloutRecord.Outcome outcome = aborted ? RolloutRecord.Outcome.ABORTED : RolloutRecord.Outcome.ROLLED_BACK;
        return finish(target, steps, outcome, last.breach(), check, started);
    }

    /** The record of the rollout's end, handed to the listener. */
    private RolloutRecord finish(
            RolloutTarget target,
            List<StepRecord> steps,
            RolloutRecord.Outcome outcome,
            Breach breach,
            RollbackCheck check,
            Instant started) {
        RolloutRecord record = new RolloutRecord(
                plan.mesh(),
                target.route().id(),
                plan.canary(),
                target.baseline(),
                steps,
                outcome,
                breach,
                check,
                started,
                Instant.now());
        listener.finished(record);
        return record;
    }

    private StepRecord step(RolloutTarget target, int number, int weight) {
        Instant started = Instant.now();
        List<WeightedTarget> weights = target.weights(weight);
        Optional<List<WeightedTarget>> changed = target.changedFrom(reconciler, plan.mesh(), lastSet);
        if (changed.isPresent()) {
            Breach breach = new Breach(
                    Breach.ROUTE_CHANGED, RolloutProgress.weights(changed.get()), RolloutProgress.weights(lastSet));
            return new StepRecord(
                    number, weight, weights, null, NodeMetrics.NONE, Verdict.FAILED, breach, started, Duration.ZERO);
        }
        try {
            reconciler.setTargets(plan.mesh(), List.of(target.route().withTargets(weights)), false);
        } catch (UnexpectedStateException readBack) {
            Breach breach = new Breach(Breach.WEIGHTS, readBack.getMessage(), "as set");
            return new StepRecord(
                    number, weight, weights, null, NodeMetrics.NONE, Verdict.FAILED, breach, started, Duration.ZERO);
        }
        lastSet = weights;
        listener.stepStarted(number, plan.steps().size(), weights);
        if (!waiter.sleep(plan.settle())) {
            return aborted(number, weight, weights, started);
        }
        takeAnswers(); // answers that may predate the change
        return judge(target, number, weight, weights, started);
    }

    private StepRecord judge(
            RolloutTarget target, int number, int weight, List<WeightedTarget> weights, Instant started) {
        MetricsSource.Measurement measurement =
                metrics.start(new MetricsTarget(plan.mesh(), plan.canary(), target.baseline()));
        long begin = System.nanoTime();
        SplitCounts split = SplitCounts.EMPTY;
        NodeMetrics canary = NodeMetrics.NONE;
        for (int interval = 0; interval <= RolloutPlan.EXTRA_INTERVALS; interval++) {
            if (!waitInterval(number)) {
                return aborted(number, weight, weights, started);
            }
            split = split.plus(takeAnswers());
            canary = measurement.measure();
            if (plan.gates().enough(canary)) {
                break;
            }
        }
        Duration measured = Duration.ofNanos(System.nanoTime() - begin);
        SplitVerdict verdict = plan.answers() == null ? null : splitVerdict(split, target, weight);
        Optional<Breach> breach = breach(canary, verdict);
        return new StepRecord(
                number,
                weight,
                weights,
                verdict,
                canary,
                breach.isPresent() ? Verdict.FAILED : Verdict.PASSED,
                breach.orElse(null),
                started,
                measured);
    }

    private Optional<Breach> breach(NodeMetrics canary, SplitVerdict split) {
        if (!plan.gates().enough(canary)) {
            return Optional.of(new Breach(
                    "min-requests",
                    canary.requests() + " requests",
                    plan.gates().minRequests() + " requests"));
        }
        Optional<Breach> gate = plan.gates().check(canary);
        if (gate.isPresent() || split == null || split.within()) {
            return gate;
        }
        return Optional.of(new Breach(
                "split", SplitText.observed(split), SplitText.configured(split) + " (" + split.figures() + ")"));
    }

    private boolean waitInterval(int number) {
        long start = System.nanoTime();
        long end = start + plan.interval().toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            if (!waiter.sleep(Duration.ofNanos(Math.min(left, 1_000_000_000L)))) {
                return false;
            }
            SplitCounts soFar = answers == null ? SplitCounts.EMPTY : answers.snapshot();
            listener.tick(number, Duration.ofNanos(System.nanoTime() - start), plan.interval(), soFar);
        }
    }

    private StepRecord aborted(int number, int weight, List<WeightedTarget> weights, Instant started) {
        return new StepRecord(
                number,
                weight,
                weights,
                null,
                NodeMetrics.NONE,
                Verdict.ABORTED,
                null,
                started,
                Duration.between(started, Instant.now()));
    }

    private SplitVerdict splitVerdict(SplitCounts split, RolloutTarget target, int weight) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.merge(plan.answers().versions().get(target.baseline()), 100 - weight, Integer::sum);
        weights.merge(plan.answers().versions().get(plan.canary()), weight, Integer::sum);
        return SplitTest.test(split.versionsOf(plan.answers().service()), weights, plan.falseAlarmLimit());
    }

    private SplitCounts takeAnswers() {
        return answers == null ? SplitCounts.EMPTY : answers.takeWindow();
    }

    /** All traffic to the baseline, read back; then, when traffic is sampled, no answer from the canary. */
    private RollbackCheck rollBack(RolloutTarget target) {
        List<WeightedTarget> baseline = List.of(new WeightedTarget(target.baseline(), 100));
        reconciler.setTargets(plan.mesh(), List.of(target.route().withTargets(baseline)), false);
        if (plan.answers() == null) {
            return new RollbackCheck(true, null);
        }
        Waiter.pause(plan.settle());
        takeAnswers();
        Waiter.pause(ROLLBACK_SAMPLE);
        SplitVerdict split = splitVerdict(takeAnswers(), target, 0);
        return new RollbackCheck(true, split);
    }
}
