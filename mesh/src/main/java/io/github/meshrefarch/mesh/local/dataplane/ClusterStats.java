package io.github.meshrefarch.mesh.local.dataplane;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Envoy's upstream statistics of one cluster (one virtual node's port, as App Mesh's Envoy names it), updated on the
 * request path without locks. Every upstream attempt is charged exactly one response code: the upstream's status when it
 * answered, 504 when the attempt timed out, 503 when it could not connect, had no endpoint, or was reset before the
 * response headers. So {@code upstream_rq_total} is the sum of {@code upstream_rq} over codes, and a retried request
 * shows each try on the cluster that handled it.
 */
final class ClusterStats {

    /** Envoy's default histogram bucket bounds, in milliseconds; the last bucket is +Inf. */
    static final double[] BUCKET_BOUNDS_MS = {
        0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000
    };

    private static final int MIN_CODE = 100;
    private static final int MAX_CODE = 599;

    private final ClusterName name;
    private final AtomicReferenceArray<LongAdder> byCode = new AtomicReferenceArray<>(MAX_CODE - MIN_CODE + 1);
    private final LongAdder total = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder perTryTimeouts = new LongAdder();
    private final LongAdder connectFailures = new LongAdder();
    private final LongAdder[] buckets = new LongAdder[BUCKET_BOUNDS_MS.length + 1];
    private final LongAdder timeSumNanos = new LongAdder();

    ClusterStats(ClusterName name) {
        this.name = name;
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    ClusterName name() {
        return name;
    }

    /** An attempt was started on this cluster. */
    void attempt() {
        total.increment();
    }

    /** The attempt ended with {@code code}: the upstream's status, or the one Envoy charges for a local failure. */
    void responseCode(int code) {
        int clamped = Math.max(MIN_CODE, Math.min(MAX_CODE, code));
        int index = clamped - MIN_CODE;
        LongAdder adder = byCode.get(index);
        if (adder == null) {
            byCode.compareAndSet(index, null, new LongAdder());
            adder = byCode.get(index);
        }
        adder.increment();
    }

    void retry() {
        retries.increment();
    }

    /** The route's timeout ran out while an attempt on this cluster was in flight. */
    void timeout() {
        timeouts.increment();
        responseCode(504);
    }

    void perTryTimeout() {
        perTryTimeouts.increment();
        responseCode(504);
    }

    void connectFailure() {
        connectFailures.increment();
        responseCode(503);
    }

    /** How long an attempt took, from its start to its response's end (or its headers, when it was retried). */
    void requestTime(long nanos) {
        double millis = nanos / 1e6;
        int bucket = 0;
        while (bucket < BUCKET_BOUNDS_MS.length && millis > BUCKET_BOUNDS_MS[bucket]) {
            bucket++;
        }
        buckets[bucket].increment();
        timeSumNanos.add(nanos);
    }

    ClusterSnapshot snapshot() {
        var codes = new java.util.TreeMap<Integer, Long>();
        for (int i = 0; i < byCode.length(); i++) {
            LongAdder adder = byCode.get(i);
            if (adder != null) {
                codes.put(i + MIN_CODE, adder.sum());
            }
        }
        long[] cumulative = new long[buckets.length];
        long running = 0;
        for (int i = 0; i < buckets.length; i++) {
            running += buckets[i].sum();
            cumulative[i] = running;
        }
        double sumMillis = timeSumNanos.sum() / (double) TimeUnit.MILLISECONDS.toNanos(1);
        return new ClusterSnapshot(
                name.envoyName(),
                name.meshName(),
                name.virtualNodeName(),
                codes,
                total.sum(),
                retries.sum(),
                timeouts.sum(),
                perTryTimeouts.sum(),
                connectFailures.sum(),
                new ClusterSnapshot.Histogram(BUCKET_BOUNDS_MS.clone(), cumulative, sumMillis));
    }
}
