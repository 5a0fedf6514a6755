package io.github.meshrefarch.mesh.rollout.metrics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the cluster counters out of Envoy's {@code /stats/prometheus} (the Prometheus text format, 0.0.4): samples
 * {@code name{label="value",...} value [timestamp]}, comments and other metrics skipped. Only the upstream request
 * counters and the latency histogram of each {@code envoy_cluster_name} are kept.
 */
public final class EnvoyStatsText {

    static final String REQUESTS = "envoy_cluster_upstream_rq_total";
    static final String BY_CLASS = "envoy_cluster_upstream_rq_xx";
    static final String LATENCY_BUCKET = "envoy_cluster_upstream_rq_time_bucket";
    static final String CLUSTER = "envoy_cluster_name";

    private EnvoyStatsText() {}

    /** Cluster name to its counters. */
    public static Map<String, ClusterCounters> parse(String text) {
        Map<String, long[]> counts = new LinkedHashMap<>(); // cluster -> {requests, errors, requests by class}
        Map<String, Map<Double, Long>> buckets = new HashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Sample sample = Sample.parse(trimmed);
            String cluster = sample.labels().get(CLUSTER);
            if (cluster == null) {
                continue;
            }
            long value = Math.round(sample.value());
            long[] c = counts.computeIfAbsent(cluster, k -> new long[3]);
            switch (sample.name()) {
                case REQUESTS -> c[0] += value;
                case BY_CLASS -> {
                    c[2] += value;
                    if ("5".equals(sample.labels().get("envoy_response_code_class"))) {
                        c[1] += value;
                    }
                }
                case LATENCY_BUCKET ->
                    buckets.computeIfAbsent(cluster, k -> new TreeMap<>())
                            .merge(bound(sample.labels().get("le")), value, Long::sum);
                default -> {}
            }
        }
        Map<String, ClusterCounters> clusters = new LinkedHashMap<>();
        counts.forEach((cluster, c) -> clusters.put(
                cluster, new ClusterCounters(c[0] > 0 ? c[0] : c[2], c[1], buckets.getOrDefault(cluster, Map.of()))));
        return clusters;
    }

    /** The sum of the counters of every cluster whose name starts with {@code prefix}. */
    public static ClusterCounters sum(Map<String, ClusterCounters> clusters, String prefix) {
        return clusters.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix))
                .map(Map.Entry::getValue)
                .reduce(ClusterCounters.ZERO, ClusterCounters::plus);
    }

    private static double bound(String le) {
        if (le == null) {
            throw new IllegalArgumentException("histogram bucket without 'le'");
        }
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {

        static Sample parse(String line) {
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            Map<String, String> labels = new HashMap<>();
            int end;
            String name;
            if (brace >= 0 && (space < 0 || brace < space)) {
                name = line.substring(0, brace);
                end = labels(line, brace + 1, labels);
            } else if (space > 0) {
                name = line.substring(0, space);
                end = space;
            } else {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            String[] rest = line.substring(end).strip().split("\\s+");
            return new Sample(name, labels, value(rest[0], line));
        }

        /** Reads {@code key="value",...}} from {@code from}; returns the index after the closing brace. */
        private static int labels(String line, int from, Map<String, String> labels) {
            int i = from;
            while (i < line.length() && line.charAt(i) != '}') {
                int equals = line.indexOf('=', i);
                if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                    throw new IllegalArgumentException("malformed labels: " + line);
                }
                String key = line.substring(i, equals).strip();
                StringBuilder value = new StringBuilder();
                int j = equals + 2;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char ch = line.charAt(j);
                    if (ch == '\\' && j + 1 < line.length()) {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(ch);
                    }
                }
                labels.put(key, value.toString());
                i = j + 1;
                if (i < line.length() && line.charAt(i) == ',') {
                    i++;
                }
            }
            if (i >= line.length()) {
                throw new IllegalArgumentException("unclosed labels: " + line);
            }
            return i + 1;
        }

        private static double value(String text, String line) {
            return switch (text) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> {
                    try {
                        yield Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("not a sample value in: " + line, e);
                    }
                }
            };
        }
    }
}
