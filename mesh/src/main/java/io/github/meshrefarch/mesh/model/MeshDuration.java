package io.github.meshrefarch.mesh.model;

import java.time.Duration;

/**
 * An App Mesh {@code Duration}: {@code {unit: s|ms, value: n}}, as a route's retry policy and timeouts give them.
 *
 * @param unit {@code s} or {@code ms}
 * @param value 0 or more units
 */
public record MeshDuration(String unit, Long value) {

    public static MeshDuration millis(long value) {
        return new MeshDuration("ms", value);
    }

    public static MeshDuration seconds(long value) {
        return new MeshDuration("s", value);
    }

    /** The same length of time as a {@link Duration}; only for a valid duration. */
    public Duration toDuration() {
        return "s".equals(unit) ? Duration.ofSeconds(value) : Duration.ofMillis(value);
    }

    @Override
    public String toString() {
        return value + unit;
    }
}
