package io.github.meshrefarch.mesh.local.dataplane;

import static io.github.meshrefarch.mesh.local.dataplane.Routes.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.local.routetable.WeightedBackend;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightedTargetPickerTest {

    private final SplittableRandom random = new SplittableRandom(42);

    @Test
    void pick_followsTheWeights_withinFourSigma() {
        List<WeightedBackend> targets = List.of(target("a", 60), target("b", 30), target("c", 10));
        Map<String, Integer> counts = new HashMap<>();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            counts.merge(
                    WeightedTargetPicker.pick(targets, Set.of(), random)
                            .orElseThrow()
                            .virtualNodeName(),
                    1,
                    Integer::sum);
        }
        assertWithinFourSigma(counts.get("a"), n, 0.6);
        assertWithinFourSigma(counts.get("b"), n, 0.3);
        assertWithinFourSigma(counts.get("c"), n, 0.1);
    }

    @Test
    void pick_neverChoosesAZeroWeightTarget() {
        List<WeightedBackend> targets = List.of(target("a", 0), target("b", 1), target("c", 0));
        for (int i = 0; i < 10_000; i++) {
            assertThat(WeightedTargetPicker.pick(targets, Set.of(), random))
                    .map(WeightedBackend::virtualNodeName)
                    .hasValue("b");
        }
    }

    @Test
    void pick_allWeightsZero_choosesNothing() {
        assertThat(WeightedTargetPicker.pick(List.of(target("a", 0), target("b", 0)), Set.of(), random))
                .isEmpty();
        assertThat(WeightedTargetPicker.pick(List.of(), Set.of(), random)).isEmpty();
    }

    @Test
    void pick_avoidsTriedTargets_whileAnUntriedOneHasWeight() {
        List<WeightedBackend> targets = List.of(target("a", 99), target("b", 1), target("c", 0));
        for (int i = 0; i < 1_000; i++) {
            assertThat(WeightedTargetPicker.pick(targets, Set.of("a"), random))
                    .map(WeightedBackend::virtualNodeName)
                    .hasValue("b");
        }
    }

    @Test
    void pick_everyTargetTried_fallsBackToTheWeights() {
        List<WeightedBackend> targets = List.of(target("a", 50), target("b", 0));
        assertThat(WeightedTargetPicker.pick(targets, Set.of("a"), random))
                .map(WeightedBackend::virtualNodeName)
                .hasValue("a");
    }

    private static void assertWithinFourSigma(int observed, int n, double p) {
        double sigma = Math.sqrt(n * p * (1 - p));
        assertThat((double) observed).isBetween(n * p - 4 * sigma, n * p + 4 * sigma);
    }
}
