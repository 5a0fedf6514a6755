package io.github.meshrefarch.mesh.load.generator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Counts and latencies of one run, kept twice: for the whole run and for the current window, which
 * {@link #takeWindow} hands out and restarts. Callers are the scheduler thread and the client's
 * event loops; one lock keeps each update and snapshot consistent (a few hundred nanoseconds per
 * request, negligible at the rates a load generator on two cores reaches).
 */
final class LoadStatistics {

    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Tally total;
    private Tally window;

    LoadStatistics(long startNanos) {
        total = new Tally(startNanos);
        window = new Tally(startNanos);
    }

    synchronized void sent() {
        total.sent++;
        window.sent++;
    }

    synchronized void completed(LoadResponse response) {
        total.add(response);
        window.add(response);
    }

    synchronized long inFlight() {
        return total.sent - total.completed;
    }

    /** The figures of the whole run, from its start to {@code nowNanos}. */
    synchronized LoadResult total(long nowNanos) {
        return total.result(nowNanos);
    }

    /** The figures since the previous call (or the start), then starts a new window. */
    synchronized LoadResult takeWindow(long nowNanos) {
        LoadResult result = window.result(nowNanos);
        window = new Tally(nowNanos);
        return result;
    }

    private static final class Tally {
        private final long startNanos;
        private final Histogram micros = new Histogram(HIGHEST_MICROS, 3);
        private final Map<Integer, Long> statusErrors = new HashMap<>();
        private long sent;
        private long completed;
        private long succeeded;
        private long connectionErrors;
        private long timeouts;

        Tally(long startNanos) {
            this.startNanos = startNanos;
        }

        void add(LoadResponse response) {
            completed++;
            if (response.status() > 0) {
                micros.recordValue(
                        Math.min(HIGHEST_MICROS, Math.max(0, response.latency().toNanos() / 1_000)));
            }
            switch (response.outcome()) {
                case SUCCESS -> succeeded++;
                case STATUS_ERROR -> statusErrors.merge(response.status(), 1L, Long::sum);
                case CONNECTION_ERROR -> connectionErrors++;
                case TIMEOUT -> timeouts++;
            }
        }

        LoadResult result(long nowNanos) {
            return new LoadResult(
                    sent,
                    completed,
                    succeeded,
                    Duration.ofNanos(Math.max(0, nowNanos - startNanos)),
                    LatencySummary.ofMicros(micros),
                    new ErrorCounts(connectionErrors, timeouts, statusErrors));
        }
    }
}
