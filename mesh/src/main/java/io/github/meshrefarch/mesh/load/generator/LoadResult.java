package io.github.meshrefarch.mesh.load.generator;

import java.time.Duration;

/**
 * What a run (or one window of it) observed.
 *
 * @param sent requests sent (their scheduled time came)
 * @param completed requests that ended, with a response or a failure (a timeout included)
 * @param succeeded requests answered with a 2xx status
 * @param inFlight requests of the run sent and not ended when the figures were taken, whichever window
 *     they were sent in; always 0 in a finished run's figures, which count requests still in flight
 *     at its end as timeouts
 * @param elapsed the time the figures cover
 * @param latency percentiles over every request that ended, whatever its outcome (see {@link
 *     LatencySummary})
 * @param errors failed requests by kind
 */
public record LoadResult(
        long sent,
        long completed,
        long succeeded,
        long inFlight,
        Duration elapsed,
        LatencySummary latency,
        ErrorCounts errors) {

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
