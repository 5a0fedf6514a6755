package io.github.meshrefarch.mesh.load.watch;

import io.github.meshrefarch.mesh.load.generator.ErrorCounts;
import io.github.meshrefarch.mesh.load.generator.LatencySummary;
import io.github.meshrefarch.mesh.load.split.SplitCounts;
import java.time.Duration;

/**
 * What watch saw over its sliding window.
 *
 * @param covered the time the window covers (shorter than the window during the first seconds)
 * @param responses requests that ended in the window, whatever their outcome
 * @param split versions per service, from the 2xx responses that parsed as order responses
 * @param unreadable 2xx responses that did not parse as order responses
 * @param errors failed requests by kind
 * @param latency percentiles over the window's requests that ended, failures and timeouts included
 */
public record WatchSnapshot(
        Duration covered,
        long responses,
        SplitCounts split,
        long unreadable,
        ErrorCounts errors,
        LatencySummary latency) {

    /** Responses per second over the covered time. */
    public double rate() {
        double seconds = covered.toNanos() / 1e9;
        return seconds > 0 ? responses / seconds : 0;
    }
}
