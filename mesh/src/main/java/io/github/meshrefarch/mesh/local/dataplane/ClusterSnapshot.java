package io.github.meshrefarch.mesh.local.dataplane;

import java.util.Map;

/**
 * The upstream statistics of one Envoy cluster (one virtual node's port) at one moment, counted since the data plane
 * started. Each attempt is charged one response code (see {@code ClusterStats}), so {@code total} equals the sum of
 * {@code responseCodes}.
 *
 * @param clusterName {@code cds_egress_<mesh>_<virtualNode>_http_<port>}
 * @param meshName the mesh of the route that sent the attempts
 * @param virtualNodeName the target virtual node
 * @param responseCodes attempts by response code ({@code envoy_cluster_upstream_rq})
 * @param total attempts ({@code envoy_cluster_upstream_rq_total})
 * @param retries retries of attempts that failed on this cluster ({@code envoy_cluster_upstream_rq_retry})
 * @param timeouts route timeouts hit while an attempt on this cluster was in flight ({@code
 *     envoy_cluster_upstream_rq_timeout})
 * @param perTryTimeouts attempts over the retry policy's per-retry timeout ({@code
 *     envoy_cluster_upstream_rq_per_try_timeout})
 * @param connectFailures attempts that could not connect ({@code envoy_cluster_upstream_cx_connect_fail})
 * @param requestTime attempt durations in milliseconds ({@code envoy_cluster_upstream_rq_time})
 */
public record ClusterSnapshot(
        String clusterName,
        String meshName,
        String virtualNodeName,
        Map<Integer, Long> responseCodes,
        long total,
        long retries,
        long timeouts,
        long perTryTimeouts,
        long connectFailures,
        Histogram requestTime) {

    public ClusterSnapshot {
        responseCodes = Map.copyOf(responseCodes);
    }

    /** Attempts whose code is in the class {@code codeClass} (1 to 5), i.e. {@code envoy_cluster_upstream_rq_xx}. */
    public long responseCodeClass(int codeClass) {
        return responseCodes.entrySet().stream()
                .filter(entry -> entry.getKey() / 100 == codeClass)
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /**
     * A latency histogram as Prometheus exposes one.
     *
     * @param bounds upper bounds of the finite buckets, in milliseconds
     * @param cumulativeCounts per bucket, observations at most its bound; one more entry than {@code bounds}, the last
     *     being +Inf (the count)
     * @param sumMillis the sum of all observations
     */
    public record Histogram(double[] bounds, long[] cumulativeCounts, double sumMillis) {

        public long count() {
            return cumulativeCounts[cumulativeCounts.length - 1];
        }
    }
}
