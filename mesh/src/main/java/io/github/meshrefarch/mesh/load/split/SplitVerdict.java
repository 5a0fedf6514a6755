package io.github.meshrefarch.mesh.load.split;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of a {@link SplitTest} on one service.
 *
 * @param checks one per version that is weighted or was observed, in version order
 * @param samples the answers tested
 * @param falseAlarm the probability that a data plane applying the weights exactly fails this test
 * @param smallestMisroute the smallest shift of a share (0..1) caught with probability {@link SplitTest#POWER}; 1
 *     when none is caught that surely (e.g. no answer)
 */
public record SplitVerdict(List<SplitCheck> checks, long samples, double falseAlarm, double smallestMisroute) {

    public SplitVerdict {
        checks = List.copyOf(checks);
    }

    /** Whether every version's count is within its acceptance region. */
    public boolean within() {
        return SplitCheck.allWithin(checks);
    }

    /** E.g. {@code false alarm 0.0008, catches ±3.4 points at 0.99}. */
    public String figures() {
        String caught = smallestMisroute >= 1
                ? "catches no misroute at 0.99"
                : String.format(Locale.ROOT, "catches ±%.1f points at 0.99", smallestMisroute * 100);
        return String.format(Locale.ROOT, "false alarm %.4f, %s", falseAlarm, caught);
    }
}
