package io.github.meshrefarch.mesh.rollout.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Envoy cluster's counters as {@code /stats/prometheus} publishes them: upstream requests, the 5xx among them, and
 * the latency histogram (cumulative counts per upper bound in milliseconds, {@code +Inf} last). Counters only grow,
 * so an interval is the difference of two scrapes ({@link #minus}).
 *
 * @param requests {@code envoy_cluster_upstream_rq_total}
 * @param errors {@code envoy_cluster_upstream_rq_xx{envoy_response_code_class="5"}}
 * @param buckets {@code envoy_cluster_upstream_rq_time_bucket}: upper bound (ms) to cumulative count
 */
public record ClusterCounters(long requests, long errors, Map<Double, Long> buckets) {

    public static final ClusterCounters ZERO = new ClusterCounters(0, 0, Map.of());

    public ClusterCounters {
        buckets = java.util.Collections.unmodifiableMap(new TreeMap<>(buckets));
    }

    public ClusterCounters plus(ClusterCounters other) {
        return combine(other, 1);
    }

    /** The counts between an earlier scrape and this one. */
    public ClusterCounters minus(ClusterCounters earlier) {
        return combine(earlier, -1);
    }

    private ClusterCounters combine(ClusterCounters other, int sign) {
        var sum = new TreeMap<Double, Long>(buckets);
        other.buckets.forEach((le, count) -> sum.merge(le, sign * count, Long::sum));
        return new ClusterCounters(requests + sign * other.requests, errors + sign * other.errors, sum);
    }

    /** The figures of this interval. */
    public NodeMetrics metrics() {
        if (requests <= 0) {
            return NodeMetrics.NONE;
        }
        return new NodeMetrics(requests, Math.min(1, Math.max(0, errors / (double) requests)), quantile(0.99));
    }

    /**
     * The {@code q} quantile of the latency histogram, interpolated linearly inside its bucket as Prometheus'
     * {@code histogram_quantile} does; the highest finite bound when it falls into {@code +Inf}; {@code null} when the
     * histogram is empty.
     */
    public Duration quantile(double q) {
        Long total = buckets.get(Double.POSITIVE_INFINITY);
        if (total == null || total <= 0) {
            return null;
        }
        double rank = q * total;
        double lower = 0;
        long below = 0;
        for (var bucket : buckets.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return millis(lower);
                }
                long inBucket = bucket.getValue() - below;
                double fraction = inBucket == 0 ? 1 : (rank - below) / inBucket;
                return millis(lower + (bucket.getKey() - lower) * fraction);
            }
            lower = bucket.getKey();
            below = bucket.getValue();
        }
        return millis(lower);
    }

    private static Duration millis(double value) {
        return Duration.ofNanos(Math.round(value * 1_000_000));
    }
}
