package io.github.meshrefarch.mesh.local.dataplane;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait before each retry of one request, as Envoy's router computes it (fully jittered exponential back-off, Envoy's
 * {@code JitteredExponentialBackOffStrategy} with the router's defaults): before retry n (1, 2, ...) it waits a random
 * whole number of milliseconds in [0, (2^n - 1) x base), at most the maximum interval. With Envoy's default base of
 * 25 ms and maximum of 10 x base = 250 ms: 0-24 ms before the first retry, 0-74 ms before the second, 0-174 ms before
 * the third, then at most 250 ms. App Mesh sets no back-off of its own, so Envoy's defaults apply. Not thread-safe:
 * one per request.
 */
final class RetryBackOff {

    /** Envoy's default retry back-off base interval ({@code retry_back_off.base_interval}). */
    static final Duration BASE_INTERVAL = Duration.ofMillis(25);

    /** Envoy's default maximum interval: 10 times the base interval. */
    static final Duration MAX_INTERVAL = BASE_INTERVAL.multipliedBy(10);

    private final RandomGenerator random;
    private final long baseMillis;
    private final long maxMillis;
    private int retry = 1;

    RetryBackOff(RandomGenerator random) {
        this(random, BASE_INTERVAL, MAX_INTERVAL);
    }

    RetryBackOff(RandomGenerator random, Duration base, Duration max) {
        this.random = random;
        this.baseMillis = Math.max(1, base.toMillis());
        this.maxMillis = Math.max(baseMillis, max.toMillis());
    }

    /** The wait before the next retry, in milliseconds; each call is one more retry. */
    long nextDelayMillis() {
        long ceiling = ((1L << retry) - 1) * baseMillis;
        if (ceiling <= maxMillis) {
            retry++; // once past the maximum the ceiling stops growing (and cannot overflow)
        }
        return Math.min(random.nextLong(ceiling), maxMillis);
    }
}
