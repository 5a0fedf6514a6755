package io.github.meshrefarch.mesh.load.generator;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles of the responses of a run or window, measured from each request's scheduled
 * send time (so a stalled server cannot hide its stall: no coordinated omission). All zero when
 * there was no response.
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
