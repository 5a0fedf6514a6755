package io.github.meshrefarch.mesh.load.watch;

import io.github.meshrefarch.mesh.load.generator.ErrorCounts;
import io.github.meshrefarch.mesh.load.generator.LatencySummary;
import io.github.meshrefarch.mesh.load.generator.LoadResponse;
import io.github.meshrefarch.mesh.load.order.MalformedOrderResponseException;
import io.github.meshrefarch.mesh.load.order.OrderResponse;
import io.github.meshrefarch.mesh.load.split.SplitCounts;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * A sliding window over the last {@code seconds} seconds of order responses, kept as one bucket per
 * second of a ring: a snapshot adds up the buckets still inside the window. Thread-safe.
 */
final class WatchWindow {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Bucket[] ring;
    private final LongSupplier nanoClock;
    private final long startNanos;

    WatchWindow(int seconds, LongSupplier nanoClock) {
        if (seconds < 1) {
            throw new IllegalArgumentException("the window must cover at least one second, got " + seconds);
        }
        this.ring = new Bucket[seconds];
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    void record(LoadResponse response) {
        OrderResponse order = response.succeeded() ? parseOrNull(response.body()) : null;
        add(response, order);
    }

    private static OrderResponse parseOrNull(String body) {
        try {
            return OrderResponse.parse(body);
        } catch (MalformedOrderResponseException e) {
            return null;
        }
    }

    private synchronized void add(LoadResponse response, OrderResponse order) {
        long second = (nanoClock.getAsLong() - startNanos) / SECOND;
        int slot = (int) (second % ring.length);
        if (ring[slot] == null || ring[slot].second != second) {
            ring[slot] = new Bucket(second);
        }
        ring[slot].add(response, order);
    }

    synchronized WatchSnapshot snapshot() {
        long elapsed = nanoClock.getAsLong() - startNanos;
        long current = elapsed / SECOND;
        Bucket sum = new Bucket(current);
        for (Bucket bucket : ring) {
            if (bucket != null && current - bucket.second < ring.length) {
                sum.addAll(bucket);
            }
        }
        // the buckets summed: the current, partial second and the full seconds before it
        long covered = Math.min(elapsed, (ring.length - 1) * SECOND + elapsed % SECOND);
        return new WatchSnapshot(
                Duration.ofNanos(covered),
                sum.responses,
                new SplitCounts(sum.versions),
                sum.unreadable,
                new ErrorCounts(sum.connection, sum.timeout, sum.status),
                LatencySummary.ofMicros(sum.micros));
    }

    private static final class Bucket {
        private final long second;
        private final Map<String, Map<String, Long>> versions = new LinkedHashMap<>();
        private final Map<Integer, Long> status = new HashMap<>();
        private final Histogram micros = new Histogram(HIGHEST_MICROS, 3);
        private long responses;
        private long unreadable;
        private long connection;
        private long timeout;

        Bucket(long second) {
            this.second = second;
        }

        void add(LoadResponse response, OrderResponse order) {
            responses++;
            // every outcome counts, a timeout at the time the generator gave up (see LatencySummary)
            micros.recordValue(
                    Math.min(HIGHEST_MICROS, Math.max(0, response.latency().toNanos() / 1_000)));
            switch (response.outcome()) {
                case SUCCESS -> addVersions(order);
                case STATUS_ERROR -> status.merge(response.status(), 1L, Long::sum);
                case CONNECTION_ERROR -> connection++;
                case TIMEOUT -> timeout++;
            }
        }

        private void addVersions(OrderResponse order) {
            if (order == null) {
                unreadable++;
                return;
            }
            order.versions()
                    .forEach((service, version) -> versions.computeIfAbsent(service, s -> new TreeMap<>())
                            .merge(version, 1L, Long::sum));
        }

        void addAll(Bucket other) {
            responses += other.responses;
            unreadable += other.unreadable;
            connection += other.connection;
            timeout += other.timeout;
            other.status.forEach((code, count) -> status.merge(code, count, Long::sum));
            other.versions.forEach((service, counts) -> counts.forEach((version, count) ->
                    versions.computeIfAbsent(service, s -> new TreeMap<>()).merge(version, count, Long::sum)));
            micros.add(other.micros);
        }
    }
}
