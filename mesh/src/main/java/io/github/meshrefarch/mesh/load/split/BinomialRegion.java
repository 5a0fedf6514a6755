package io.github.meshrefarch.mesh.load.split;

import org.hipparchus.distribution.discrete.BinomialDistribution;

/**
 * The exact two-sided binomial test of one version's count: of {@code n} answers, each from the version with
 * probability {@code p} (its configured share), the count {@code X} is accepted when {@code lowest <= X <= highest}.
 * The bounds are the widest ones whose tails, each at most {@code falseAlarmLimit / 2}, are rejected; so the real
 * false-alarm rate, {@link #falseAlarm()}, is at most the limit (binomial tails come in steps, it is often below).
 *
 * <p>{@link #power(double)} is the probability of a rejection when the true share is {@code q}: {@code P_q(X <
 * lowest) + P_q(X > highest)}. {@link #smallestMisroute(double)} is the smallest shift {@code d} of the share, up or
 * down, that is rejected with at least the given probability.
 */
public record BinomialRegion(long n, double p, long lowest, long highest, double falseAlarm) {

    /** The acceptance region of {@code n} answers at share {@code p}. */
    public static BinomialRegion of(long n, double p, double falseAlarmLimit) {
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("need at least one answer, got " + n);
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be within 0..1, got " + p);
        }
        if (!(falseAlarmLimit > 0 && falseAlarmLimit < 1)) {
            throw new IllegalArgumentException("the false-alarm limit must be within 0..1, got " + falseAlarmLimit);
        }
        if (p == 0 || p == 1) { // exact: any other count is a misroute, and never happens by chance
            long only = p == 0 ? 0 : n;
            return new BinomialRegion(n, p, only, only, 0);
        }
        BinomialDistribution distribution = new BinomialDistribution((int) n, p);
        double tail = falseAlarmLimit / 2;
        // inverseCumulativeProbability(t): the smallest k with P(X <= k) >= t; k itself is rejected only at equality
        long lowest = distribution.inverseCumulativeProbability(tail);
        if (distribution.cumulativeProbability((int) lowest) <= tail) {
            lowest++;
        }
        long highest = distribution.inverseCumulativeProbability(1 - tail);
        return new BinomialRegion(n, p, lowest, highest, rejection(distribution, lowest, highest));
    }

    /** Whether {@code count} is accepted. */
    public boolean accepts(long count) {
        return count >= lowest && count <= highest;
    }

    /** The probability of a rejection when the true share is {@code q}. */
    public double power(double q) {
        if (q <= 0 || q >= 1) {
            return accepts(q <= 0 ? 0 : n) ? 0 : 1;
        }
        return rejection(new BinomialDistribution((int) n, q), lowest, highest);
    }

    /**
     * The smallest {@code d} such that a true share of {@code p + d} and one of {@code p - d} are each rejected with
     * at least probability {@code probability} (a side beyond 0 or 1 cannot happen and counts as caught); 1 when
     * no shift within 0..1 is caught that surely.
     */
    public double smallestMisroute(double probability) {
        return Math.max(smallestShift(probability, 1), smallestShift(probability, -1));
    }

    private double smallestShift(double probability, int direction) {
        double room = direction > 0 ? 1 - p : p;
        if (room == 0) {
            return 0;
        }
        if (power(p + direction * room) < probability) {
            return 1; // even the farthest share on this side is not caught that surely
        }
        double low = 0;
        double high = room;
        for (int i = 0; i < 40; i++) { // power grows with the shift on each side: bisect to ~1e-12
            double middle = (low + high) / 2;
            if (power(p + direction * middle) >= probability) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return high;
    }

    private static double rejection(BinomialDistribution distribution, long lowest, long highest) {
        double below = lowest > 0 ? distribution.cumulativeProbability((int) lowest - 1) : 0;
        double above = 1 - distribution.cumulativeProbability((int) highest);
        return below + Math.max(0, above);
    }
}
