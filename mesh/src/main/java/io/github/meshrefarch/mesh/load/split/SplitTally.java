package io.github.meshrefarch.mesh.load.split;

import io.github.meshrefarch.mesh.load.generator.LoadRun;
import io.github.meshrefarch.mesh.load.order.OrderResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts versions per service as order responses arrive, e.g. from a {@link LoadRun} listener; the
 * demo takes one window per walkthrough step. Thread-safe.
 */
public final class SplitTally {

    private Map<String, Map<String, Long>> counts = new LinkedHashMap<>();

    /** Counts every service and version that answered {@code response}. */
    public synchronized void record(OrderResponse response) {
        response.versions()
                .forEach((service, version) ->
                        counts.computeIfAbsent(service, s -> new TreeMap<>()).merge(version, 1L, Long::sum));
    }

    /** The counts so far. */
    public synchronized SplitCounts snapshot() {
        return new SplitCounts(counts);
    }

    /** The counts since the previous call (or creation), then starts again from zero. */
    public synchronized SplitCounts takeWindow() {
        SplitCounts window = new SplitCounts(counts);
        counts = new LinkedHashMap<>();
        return window;
    }
}
