package io.github.meshrefarch.mesh.rollout;

import io.github.meshrefarch.mesh.rollout.metrics.NodeMetrics;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The limits the canary's traffic must keep in every step, judged over the step's interval.
 *
 * @param maxErrorRate the highest share of the canary's requests answered 5xx, 0..1
 * @param maxP99 the highest 99th percentile latency of the canary's requests
 * @param minRequests the fewest canary requests an interval needs to be judged at all
 */
public record Gates(double maxErrorRate, Duration maxP99, long minRequests) {

    public static final Gates DEFAULTS = new Gates(0.01, Duration.ofMillis(500), 10);

    public Gates {
        if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
            throw new IllegalArgumentException("the maximum error rate must be within 0%..100%, got " + maxErrorRate);
        }
        if (maxP99 == null || maxP99.isNegative() || maxP99.isZero()) {
            throw new IllegalArgumentException("the maximum p99 must be positive, got " + maxP99);
        }
        if (minRequests < 0) {
            throw new IllegalArgumentException("the minimum number of requests cannot be negative, got " + minRequests);
        }
    }

    /** Whether the interval has enough canary requests to be judged. */
    public boolean enough(NodeMetrics metrics) {
        return metrics.requests() >= minRequests;
    }

    /** The first gate the figures breach: error rate, then p99; empty when both hold. */
    public Optional<Breach> check(NodeMetrics metrics) {
        if (metrics.errorRate() > maxErrorRate) {
            return Optional.of(new Breach("max-error-rate", percent(metrics.errorRate()), percent(maxErrorRate)));
        }
        if (metrics.p99() != null && metrics.p99().compareTo(maxP99) > 0) {
            return Optional.of(new Breach("max-p99", millis(metrics.p99()), millis(maxP99)));
        }
        return Optional.empty();
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6);
    }
}
