package io.github.meshrefarch.mesh.load.split;

/**
 * Whether an observed count agrees with a configured weight. Each of {@code n} requests goes to a
 * version with probability {@code p} (its weight share), so its count is binomial with mean
 * {@code n p} and standard deviation {@code sqrt(n p (1 - p))}. A count is within bounds when it is
 * at most {@code k} standard deviations from the mean; for {@code p = 0} and {@code p = 1} the
 * count is exact (0, resp. {@code n}), never merely close.
 */
public final class BinomialBounds {

    private BinomialBounds() {}

    /** {@code |observed - n p| <= k sqrt(n p (1 - p))}, exact for {@code p} 0 and 1. */
    public static boolean within(long observed, long n, double p, double k) {
        requireValid(observed, n, p, k);
        if (p == 0) {
            return observed == 0;
        }
        if (p == 1) {
            return observed == n;
        }
        return Math.abs(observed - n * p) <= k * standardDeviation(n, p);
    }

    /** The expected count {@code n p}. */
    public static double expected(long n, double p) {
        return n * p;
    }

    /** The standard deviation {@code sqrt(n p (1 - p))} of the count. */
    public static double standardDeviation(long n, double p) {
        return Math.sqrt(n * p * (1 - p));
    }

    private static void requireValid(long observed, long n, double p, double k) {
        if (n < 0 || observed < 0 || observed > n) {
            throw new IllegalArgumentException("need 0 <= observed <= n, got observed " + observed + ", n " + n);
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be within 0..1, got " + p);
        }
        if (!(k > 0)) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
    }
}
