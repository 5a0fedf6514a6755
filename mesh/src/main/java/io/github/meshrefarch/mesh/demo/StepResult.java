package io.github.meshrefarch.mesh.demo;

import io.github.meshrefarch.mesh.load.generator.LoadResult;
import io.github.meshrefarch.mesh.load.split.SplitVerdict;
import java.util.Map;

/**
 * What one demo step observed.
 *
 * @param step the step number
 * @param title the step's title
 * @param checks per backend service ({@code Product}, {@code Customer}): the configured weight of each version against
 *     the versions order's answers showed while the step's routes were in effect
 * @param load every request sent from the start of the step (deployments included) to the end of its measurement
 */
record StepResult(String step, String title, Map<String, SplitVerdict> checks, LoadResult load) {

    boolean splitWithinBounds() {
        return checks.values().stream().allMatch(SplitVerdict::within);
    }

    long failed() {
        return load == null ? 0 : load.errors().total();
    }

    /** The probability that any service's test raised a false alarm in this step (at most the sum). */
    double falseAlarm() {
        return Math.min(
                1,
                checks.values().stream().mapToDouble(SplitVerdict::falseAlarm).sum());
    }

    /** The smallest misroute caught with probability 0.99 in every service. */
    double smallestMisroute() {
        return checks.values().stream()
                .mapToDouble(SplitVerdict::smallestMisroute)
                .max()
                .orElse(1);
    }

    boolean passed() {
        return splitWithinBounds() && failed() == 0;
    }
}
