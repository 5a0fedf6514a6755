package io.github.meshrefarch.mesh.load.generator;

import java.time.Duration;

/**
 * What a run (or one window of it) observed.
 *
 * @param sent requests sent (their scheduled time came)
 * @param completed requests that ended, with a response or a failure
 * @param succeeded requests answered with a 2xx status
 * @param elapsed the time the figures cover
 * @param latency percentiles over every HTTP response, whatever its status
 * @param errors failed requests by kind
 */
public record LoadResult(
        long sent, long completed, long succeeded, Duration elapsed, LatencySummary latency, ErrorCounts errors) {

    /** Completed requests per second over {@link #elapsed()}. */
    public double throughput() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? completed / seconds : 0;
    }

    /** Whether every sent request ended with a 2xx response. */
    public boolean allSucceeded() {
        return succeeded == sent;
    }
}
