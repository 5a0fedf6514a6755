package io.github.meshrefarch.mesh.load.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares one service's observed version counts with the weights of its weighted targets.
 *
 * @param version the version
 * @param weight its configured weight (0 when it has no weighted target but was observed)
 * @param expectedShare {@code weight / sum of weights}
 * @param observed responses from it
 * @param samples responses of the service in total
 * @param within whether {@code observed} is within {@code k} standard deviations of the expectation
 */
public record SplitCheck(
        String version, int weight, double expectedShare, long observed, long samples, boolean within) {

    /**
     * One check per version that is weighted or observed, in version order. Weights are App Mesh
     * weights (non-negative integers, at least one positive).
     */
    public static List<SplitCheck> check(Map<String, Long> observed, Map<String, Integer> weights, double k) {
        long totalWeight =
                weights.values().stream().mapToLong(Integer::longValue).sum();
        if (totalWeight <= 0 || weights.values().stream().anyMatch(w -> w < 0)) {
            throw new IllegalArgumentException("weights must be non-negative with a positive sum, got " + weights);
        }
        long samples = observed.values().stream().mapToLong(Long::longValue).sum();
        TreeSet<String> versions = new TreeSet<>(weights.keySet());
        versions.addAll(observed.keySet());
        List<SplitCheck> checks = new ArrayList<>();
        for (String version : versions) {
            int weight = weights.getOrDefault(version, 0);
            double share = weight / (double) totalWeight;
            long count = observed.getOrDefault(version, 0L);
            checks.add(new SplitCheck(
                    version, weight, share, count, samples, BinomialBounds.within(count, samples, share, k)));
        }
        return List.copyOf(checks);
    }

    /** Whether every check passed. */
    public static boolean allWithin(List<SplitCheck> checks) {
        return checks.stream().allMatch(SplitCheck::within);
    }
}
