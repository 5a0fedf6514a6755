package io.github.meshrefarch.mesh.load.generator;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles of the requests that ended in a run or window, measured from each request's
 * scheduled send time, so a stalled server cannot hide its stall: a request that waited for a busy
 * connection counts its wait (no coordinated omission). Every request that ended counts, whatever
 * its outcome: a response of any status at its arrival, a timeout at the time the generator gave
 * up (at least the request timeout), a connection error at the time it failed. A failed request is
 * never left out to make a percentile look better; the failures are also counted beside the
 * percentiles ({@link ErrorCounts}). All zero when no request ended.
 */
public record LatencySummary(Duration p50, Duration p90, Duration p99, Duration max) {

    public static final LatencySummary EMPTY =
            new LatencySummary(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /** Reads the percentiles of a histogram recorded in microseconds. */
    public static LatencySummary ofMicros(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(
                micros(histogram.getValueAtPercentile(50)),
                micros(histogram.getValueAtPercentile(90)),
                micros(histogram.getValueAtPercentile(99)),
                micros(histogram.getMaxValue()));
    }

    private static Duration micros(long value) {
        return Duration.ofNanos(value * 1_000);
    }
}
