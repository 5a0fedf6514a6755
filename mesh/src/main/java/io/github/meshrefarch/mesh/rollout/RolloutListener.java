package io.github.meshrefarch.mesh.rollout;

import io.github.meshrefarch.mesh.load.split.SplitCounts;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import java.time.Duration;
import java.util.List;

/** Follows a rollout as it goes, e.g. to draw progress; every method is called on the rollout's thread. */
public interface RolloutListener {

    RolloutListener NONE = new RolloutListener() {};

    /** The weights of a step were set and read back; its interval starts after the settle time. */
    default void stepStarted(int number, int total, List<WeightedTarget> weights) {}

    /** About once a second during an interval: the time elapsed and the answers counted so far in it. */
    default void tick(int number, Duration elapsed, Duration interval, SplitCounts answers) {}

    /** A step's verdict. */
    default void stepEnded(StepRecord step, int total) {}

    /** A step failed its check, {@code failedChecks} of the {@code threshold} that roll back: it is judged again. */
    default void holding(StepRecord step, int failedChecks, int threshold) {}

    /** A rollback starts (a breach, Ctrl-C, or a failure). */
    default void rollingBack(String reason) {}

    /** The end, promoted or rolled back. */
    default void finished(RolloutRecord record) {}

    /** This listener, then {@code next}, for every event. */
    default RolloutListener andThen(RolloutListener next) {
        RolloutListener first = this;
        return new RolloutListener() {
            @Override
            public void stepStarted(int number, int total, List<WeightedTarget> weights) {
                first.stepStarted(number, total, weights);
                next.stepStarted(number, total, weights);
            }

            @Override
            public void tick(int number, Duration elapsed, Duration interval, SplitCounts answers) {
                first.tick(number, elapsed, interval, answers);
                next.tick(number, elapsed, interval, answers);
            }

            @Override
            public void stepEnded(StepRecord step, int total) {
                first.stepEnded(step, total);
                next.stepEnded(step, total);
            }

            @Override
            public void holding(StepRecord step, int failedChecks, int threshold) {
                first.holding(step, failedChecks, threshold);
                next.holding(step, failedChecks, threshold);
            }

            @Override
            public void rollingBack(String reason) {
                first.rollingBack(reason);
                next.rollingBack(reason);
            }

            @Override
            public void finished(RolloutRecord record) {
                first.finished(record);
                next.finished(record);
            }
        };
    }
}
