package io.github.meshrefarch.mesh.rollout.metrics;

import java.time.Duration;

/**
 * What the data plane measured of one virtual node's traffic over an interval: upstream attempts (retries count
 * apiece, so a canary's failures show even when a retry hides them from users), the share answered with a 5xx status,
 * and the 99th percentile of their latency.
 *
 * @param requests upstream requests to the node in the interval
 * @param errorRate the share of them answered 5xx, 0..1 (0 when there was none)
 * @param p99 their 99th percentile latency; {@code null} when there was no request
 */
public record NodeMetrics(long requests, double errorRate, Duration p99) {

    public static final NodeMetrics NONE = new NodeMetrics(0, 0, null);

    public NodeMetrics {
        if (requests < 0 || !(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("invalid metrics: " + requests + " requests, error rate " + errorRate);
        }
    }
}
