package io.github.meshrefarch.mesh.load.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The statistical test of one service's observed split against the configured weights, with its error rates stated.
 *
 * <p>Each answer comes from version {@code v} with probability {@code p_v = weight_v / sum of weights}, independently,
 * so the count of {@code v} among {@code n} answers is binomial. Every version's count is tested with the exact
 * two-sided binomial test ({@link BinomialRegion}); with two versions the two tests are one (their counts add up to
 * {@code n}), with more the limit is shared out (Bonferroni). Weights of 0 and 100 are exact: one answer from a
 * version weighted 0 is a misroute, and chance never produces one.
 *
 * <p>Stated with the verdict: the false-alarm rate (probability that a data plane applying the weights exactly is
 * flagged) and the smallest misroute (shift of a share, in either direction) caught with probability {@link
 * #POWER}.
 */
public final class SplitTest {

    /** The default false-alarm limit per step: at most one false alarm in 1000 steps. */
    public static final double DEFAULT_FALSE_ALARM_LIMIT = 0.001;

    /** The probability with which the stated smallest misroute is caught. */
    public static final double POWER = 0.99;

    private SplitTest() {}

    /**
     * Tests observed counts per version against App Mesh weights (non-negative integers with a positive sum). No
     * answer at all is not within bounds: nothing was verified.
     */
    public static SplitVerdict test(Map<String, Long> observed, Map<String, Integer> weights, double falseAlarmLimit) {
        long totalWeight =
                weights.values().stream().mapToLong(Integer::longValue).sum();
        if (totalWeight <= 0 || weights.values().stream().anyMatch(w -> w < 0)) {
            throw new IllegalArgumentException("weights must be non-negative with a positive sum, got " + weights);
        }
        long samples = observed.values().stream().mapToLong(Long::longValue).sum();
        TreeSet<String> versions = new TreeSet<>(weights.keySet());
        versions.addAll(observed.keySet());
        long split = versions.stream()
                .filter(v -> weights.getOrDefault(v, 0) > 0 && weights.get(v) < totalWeight)
                .count();
        double perVersion = split <= 2 ? falseAlarmLimit : falseAlarmLimit / split;
        List<SplitCheck> checks = new ArrayList<>();
        double falseAlarm = 0;
        double misroute = 0;
        for (String version : versions) {
            int weight = weights.getOrDefault(version, 0);
            double share = weight / (double) totalWeight;
            long count = observed.getOrDefault(version, 0L);
            boolean within = samples > 0;
            if (samples > 0) {
                BinomialRegion region = BinomialRegion.of(samples, share, perVersion);
                within = region.accepts(count);
                falseAlarm = split <= 2 ? Math.max(falseAlarm, region.falseAlarm()) : falseAlarm + region.falseAlarm();
                misroute = Math.max(misroute, region.smallestMisroute(POWER));
            }
            checks.add(new SplitCheck(version, weight, share, count, samples, within));
        }
        return new SplitVerdict(checks, samples, falseAlarm, samples > 0 ? misroute : 1);
    }

    /** The same with {@link #DEFAULT_FALSE_ALARM_LIMIT}. */
    public static SplitVerdict test(Map<String, Long> observed, Map<String, Integer> weights) {
        return test(observed, weights, DEFAULT_FALSE_ALARM_LIMIT);
    }

    /**
     * The fewest answers with which a step at share {@code configured} flags a true share of {@code actual} with
     * probability {@link #POWER} or more, at the false-alarm limit, for this and every larger sample up to 10% more
     * (exact binomial power rises with {@code n} in a saw-tooth, not monotonically).
     */
    public static long requiredSamples(double configured, double actual, double falseAlarmLimit) {
        for (long n = 10; n < 1_000_000; n++) {
            if (catches(n, configured, actual, falseAlarmLimit)
                    && catchesUpTo(n, configured, actual, falseAlarmLimit)) {
                return n;
            }
        }
        throw new IllegalArgumentException("no sample below a million catches " + actual + " against " + configured);
    }

    private static boolean catchesUpTo(long n, double configured, double actual, double limit) {
        for (long m = n + 1; m <= n + n / 10; m++) {
            if (!catches(m, configured, actual, limit)) {
                return false;
            }
        }
        return true;
    }

    private static boolean catches(long n, double configured, double actual, double limit) {
        return BinomialRegion.of(n, configured, limit).power(actual) >= POWER;
    }
}
