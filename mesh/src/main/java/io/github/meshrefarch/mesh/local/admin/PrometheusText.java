package io.github.meshrefarch.mesh.local.admin;

import io.github.meshrefarch.mesh.local.dataplane.ClusterSnapshot;
import io.github.meshrefarch.mesh.local.dataplane.ListenerSnapshot;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Writes cluster statistics as Envoy's {@code /stats/prometheus} does: Prometheus text format 0.0.4, Envoy's metric
 * names ({@code envoy_cluster_...}, counters without a {@code _total} suffix added) and labels ({@code
 * envoy_cluster_name}, {@code envoy_response_code}, {@code envoy_response_code_class}), one {@code # TYPE} line per
 * metric family.
 */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final String CLUSTER = "envoy_cluster_name";

    private PrometheusText() {}

    static String render(List<ClusterSnapshot> clusters, List<ListenerSnapshot> listeners) {
        var text = new StringBuilder(4096);
        listeners(text, listeners);
        type(text, "envoy_cluster_upstream_rq", "counter");
        for (ClusterSnapshot cluster : clusters) {
            for (Map.Entry<Integer, Long> code : cluster.responseCodes().entrySet()) {
                sample(
                        text,
                        "envoy_cluster_upstream_rq",
                        cluster.clusterName(),
                        ",envoy_response_code=\"" + code.getKey() + "\"",
                        code.getValue());
            }
        }
        type(text, "envoy_cluster_upstream_rq_xx", "counter");
        for (ClusterSnapshot cluster : clusters) {
            for (int codeClass = 1; codeClass <= 5; codeClass++) {
                long count = cluster.responseCodeClass(codeClass);
                if (count > 0 || codeClass == 2 || codeClass == 5) {
                    String label = ",envoy_response_code_class=\"" + codeClass + "\"";
                    sample(text, "envoy_cluster_upstream_rq_xx", cluster.clusterName(), label, count);
                }
            }
        }
        counter(text, clusters, "envoy_cluster_upstream_rq_total", ClusterSnapshot::total);
        counter(text, clusters, "envoy_cluster_upstream_rq_retry", ClusterSnapshot::retries);
        counter(text, clusters, "envoy_cluster_upstream_rq_timeout", ClusterSnapshot::timeouts);
        counter(text, clusters, "envoy_cluster_upstream_rq_per_try_timeout", ClusterSnapshot::perTryTimeouts);
        counter(text, clusters, "envoy_cluster_upstream_cx_connect_fail", ClusterSnapshot::connectFailures);
        histogram(text, clusters);
        return text.toString();
    }

    /**
     * Envoy's {@code listener.<address>.downstream_cx_*} (tag {@code envoy_listener_address}) and its HTTP connection
     * manager's {@code http.<stat prefix>.downstream_*_idle_timeout} (tag {@code envoy_http_conn_manager_prefix}).
     */
    private static void listeners(StringBuilder text, List<ListenerSnapshot> listeners) {
        listenerSeries(text, listeners, "downstream_cx_total", "counter", ListenerSnapshot::connectionsTotal);
        listenerSeries(text, listeners, "downstream_cx_active", "gauge", ListenerSnapshot::connectionsActive);
        listenerSeries(text, listeners, "downstream_cx_overflow", "counter", ListenerSnapshot::connectionsOverflow);
        httpSeries(text, listeners, "downstream_cx_idle_timeout", ListenerSnapshot::connectionIdleTimeouts);
        httpSeries(text, listeners, "downstream_rq_idle_timeout", ListenerSnapshot::streamIdleTimeouts);
    }

    private static void listenerSeries(
            StringBuilder text,
            List<ListenerSnapshot> listeners,
            String stat,
            String type,
            ToLongFunction<ListenerSnapshot> value) {
        String name = "envoy_listener_" + stat;
        type(text, name, type);
        listeners.forEach(listener -> text.append(name)
                .append("{envoy_listener_address=\"")
                .append(escape(listener.address()))
                .append("\"} ")
                .append(value.applyAsLong(listener))
                .append('\n'));
    }

    private static void httpSeries(
            StringBuilder text, List<ListenerSnapshot> listeners, String stat, ToLongFunction<ListenerSnapshot> value) {
        String name = "envoy_http_" + stat;
        type(text, name, "counter");
        listeners.forEach(listener -> text.append(name)
                .append("{envoy_http_conn_manager_prefix=\"")
                .append(escape(listener.statPrefix()))
                .append("\"} ")
                .append(value.applyAsLong(listener))
                .append('\n'));
    }

    private static void counter(
            StringBuilder text, List<ClusterSnapshot> clusters, String name, ToLongFunction<ClusterSnapshot> value) {
        type(text, name, "counter");
        clusters.forEach(cluster -> sample(text, name, cluster.clusterName(), "", value.applyAsLong(cluster)));
    }

    private static void histogram(StringBuilder text, List<ClusterSnapshot> clusters) {
        String name = "envoy_cluster_upstream_rq_time";
        type(text, name, "histogram");
        for (ClusterSnapshot cluster : clusters) {
            ClusterSnapshot.Histogram histogram = cluster.requestTime();
            long[] counts = histogram.cumulativeCounts();
            for (int i = 0; i < counts.length; i++) {
                String le = i < histogram.bounds().length ? number(histogram.bounds()[i]) : "+Inf";
                sample(text, name + "_bucket", cluster.clusterName(), ",le=\"" + le + "\"", counts[i]);
            }
            text.append(name)
                    .append("_sum{")
                    .append(clusterLabel(cluster.clusterName()))
                    .append("} ")
                    .append(number(histogram.sumMillis()))
                    .append('\n');
            sample(text, name + "_count", cluster.clusterName(), "", histogram.count());
        }
    }

    private static void type(StringBuilder text, String name, String type) {
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder text, String name, String cluster, String moreLabels, long value) {
        text.append(name)
                .append('{')
                .append(clusterLabel(cluster))
                .append(moreLabels)
                .append("} ")
                .append(value)
                .append('\n');
    }

    private static String clusterLabel(String cluster) {
        return CLUSTER + "=\"" + escape(cluster) + "\"";
    }

    /** Label values escape backslash, double quote and line feed (text format 0.0.4). */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** 0.5 as {@code 0.5}, 1000 as {@code 1000} (not {@code 1000.0}). */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
