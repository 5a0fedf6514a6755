package io.github.meshrefarch.mesh.load.generator;

import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/** Number and duration formats shared by the reports, fixed to the root locale. */
public final class Formats {

    private Formats() {}

    /** {@code 3.10 ms}. */
    public static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.2f ms", millisValue(duration));
    }

    /** Milliseconds with microsecond precision, e.g. 3.105. */
    public static double millisValue(Duration duration) {
        return Math.round(duration.toNanos() / 1_000d) / 1_000d;
    }

    /** {@code 75.0%}. */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** {@code 499.6}. */
    public static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A duration as the CLI accepts it: {@code 500ms}, {@code 10s}, {@code 1m30s}. */
    public static String duration(Duration duration) {
        if (duration.toMillisPart() != 0 || duration.isZero()) {
            return duration.toMillis() + "ms";
        }
        long minutes = duration.toMinutes();
        int seconds = duration.toSecondsPart();
        if (minutes == 0) {
            return seconds + "s";
        }
        return seconds == 0 ? minutes + "m" : minutes + "m" + seconds + "s";
    }

    /** {@code 4 (connection 0, timeout 1, status 3: 502 x2, 504 x1)}. */
    public static String errors(ErrorCounts errors) {
        String status = errors.status().isEmpty()
                ? ""
                : ": "
                        + errors.status().entrySet().stream()
                                .map(entry -> entry.getKey() + " x" + entry.getValue())
                                .collect(Collectors.joining(", "));
        return errors.total() + " (connection " + errors.connection() + ", timeout " + errors.timeout() + ", status "
                + errors.statusTotal() + status + ")";
    }
}
