package io.github.meshrefarch.mesh.load.generator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Counts and latencies of one run, kept twice: for the whole run and for the current window, which
 * {@link #takeWindow} hands out and restarts. Every request that ended counts in the latency
 * figures, whatever its outcome, at the time it took from its scheduled send time to its end (a
 * timeout at the time the generator gave up on it), so failures never make a percentile look
 * better by being left out. Requests in flight are known by their scheduled time: a figure taken
 * while some are in flight says how many ({@link LoadResult#inFlight()}), and {@link #abandonInFlight}
 * turns those still in flight at the end of a run into timeouts.
 *
 * <p>Callers are the scheduler thread and the client's event loops; one lock keeps each update and
 * snapshot consistent (a few hundred nanoseconds per request, negligible at the rates a load
 * generator on two cores reaches).
 */
final class LoadStatistics {

    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Tally total;
    private final Map<Long, Long> inFlight = new HashMap<>();
    private Tally window;
    private long nextId;

    LoadStatistics(long startNanos) {
        total = new Tally(startNanos);
        window = new Tally(startNanos);
    }

    /** Counts a request sent for {@code scheduledNanos}; returns its id for {@link #completed}. */
    synchronized long sent(long scheduledNanos) {
        total.sent++;
        window.sent++;
        long id = nextId++;
        inFlight.put(id, scheduledNanos);
        return id;
    }

    /**
     * Counts the outcome of request {@code id}; returns false, counting nothing, when the request
     * was abandoned already (its outcome counted as a timeout).
     */
    synchronized boolean completed(long id, LoadResponse response) {
        if (inFlight.remove(id) == null) {
            return false;
        }
        total.add(response);
        window.add(response);
        return true;
    }

    synchronized long inFlight() {
        return inFlight.size();
    }

    /**
     * Counts every request still in flight as a timeout at its age at {@code nowNanos} and forgets it
     * (a later outcome is ignored); returns what was counted, in the order the requests were sent.
     */
    synchronized List<LoadResponse> abandonInFlight(long nowNanos) {
        List<LoadResponse> abandoned = new ArrayList<>();
        inFlight.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(request -> abandoned.add(LoadResponse.ofFailure(
                        LoadResponse.Outcome.TIMEOUT, Duration.ofNanos(nowNanos - request.getValue()))));
        inFlight.clear();
        abandoned.forEach(response -> {
            total.add(response);
            window.add(response);
        });
        return abandoned;
    }

    /** The figures of the whole run, from its start to {@code nowNanos}. */
    synchronized LoadResult total(long nowNanos) {
        return total.result(nowNanos, inFlight.size());
    }

    /** The figures since the previous call (or the start), then starts a new window. */
    synchronized LoadResult takeWindow(long nowNanos) {
        LoadResult result = window.result(nowNanos, inFlight.size());
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
            micros.recordValue(
                    Math.min(HIGHEST_MICROS, Math.max(0, response.latency().toNanos() / 1_000)));
            switch (response.outcome()) {
                case SUCCESS -> succeeded++;
                case STATUS_ERROR -> statusErrors.merge(response.status(), 1L, Long::sum);
                case CONNECTION_ERROR -> connectionErrors++;
                case TIMEOUT -> timeouts++;
            }
        }

        LoadResult result(long nowNanos, long inFlight) {
            return new LoadResult(
                    sent,
                    completed,
                    succeeded,
                    inFlight,
                    Duration.ofNanos(Math.max(0, nowNanos - startNanos)),
                    LatencySummary.ofMicros(micros),
                    new ErrorCounts(connectionErrors, timeouts, statusErrors));
        }
    }
}
