package io.github.meshrefarch.mesh.demo;

import io.github.meshrefarch.mesh.load.generator.LoadResult;
import io.github.meshrefarch.mesh.load.split.SplitCheck;
import java.util.List;
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
record StepResult(String step, String title, Map<String, List<SplitCheck>> checks, LoadResult load) {

    boolean splitWithinBounds() {
        return checks.values().stream().allMatch(SplitCheck::allWithin);
    }

    long failed() {
        return load == null ? 0 : load.errors().total();
    }

    boolean passed() {
        return splitWithinBounds() && failed() == 0;
    }
}
