package io.github.meshrefarch.mesh.load.split;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many responses each version of each service gave: service (in first-seen order) to version
 * (ascending) to count. Immutable.
 */
public record SplitCounts(Map<String, Map<String, Long>> counts) {

    public static final SplitCounts EMPTY = new SplitCounts(Map.of());

    public SplitCounts {
        Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        counts.forEach((service, versions) -> copy.put(service, Collections.unmodifiableMap(new TreeMap<>(versions))));
        counts = Collections.unmodifiableMap(copy);
    }

    /** Counts per version of {@code service}, empty when it was never seen. */
    public Map<String, Long> versionsOf(String service) {
        return counts.getOrDefault(service, Map.of());
    }

    /** Responses that named {@code service}. */
    public long total(String service) {
        return versionsOf(service).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The fraction (0..1) of {@code service}'s responses that came from {@code version}; 0 when none. */
    public double share(String service, String version) {
        long total = total(service);
        return total == 0 ? 0 : versionsOf(service).getOrDefault(version, 0L) / (double) total;
    }

    /** The counts of this and {@code other} added up. */
    public SplitCounts plus(SplitCounts other) {
        Map<String, Map<String, Long>> sum = new LinkedHashMap<>();
        for (SplitCounts part : new SplitCounts[] {this, other}) {
            part.counts.forEach((service, versions) -> versions.forEach((version, count) ->
                    sum.computeIfAbsent(service, s -> new TreeMap<>()).merge(version, count, Long::sum)));
        }
        return new SplitCounts(sum);
    }
}
