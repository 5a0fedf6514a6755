package io.github.meshrefarch.mesh.rollout.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL templates a rollout asks Prometheus, in the manner of Flagger's metric templates and Argo Rollouts'
 * analysis queries: variables in double braces, filled in before each query. Variables: {@code {{mesh}}}, {@code
 * {{canary}}} and {@code {{baseline}}} (virtual node names), {@code {{interval}}} (the interval as PromQL writes it,
 * e.g. {@code 10s}). The defaults fit the metric names Envoy (and the local data plane) publishes.
 *
 * @param requests the canary's upstream requests over the interval
 * @param errorRate the share of them answered 5xx (0..1)
 * @param p99 their 99th percentile latency in milliseconds
 */
public record PromQueries(String requests, String errorRate, String p99) {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-z]+)\\s*}}");

    private static final String CANARY = "envoy_cluster_name=~\"cds_egress_{{mesh}}_{{canary}}_http_.*\"";

    public static final PromQueries DEFAULTS = new PromQueries(
            "sum(increase(envoy_cluster_upstream_rq_total{" + CANARY + "}[{{interval}}]))",
            "sum(increase(envoy_cluster_upstream_rq_xx{" + CANARY + ",envoy_response_code_class=\"5\"}[{{interval}}]))"
                    + " / sum(increase(envoy_cluster_upstream_rq_total{" + CANARY + "}[{{interval}}]))",
            "histogram_quantile(0.99, sum by (le) (increase(envoy_cluster_upstream_rq_time_bucket{" + CANARY
                    + "}[{{interval}}])))");

    /** Checks that every template names only known variables, so a typo fails before the rollout starts. */
    public PromQueries {
        for (String template : new String[] {requests, errorRate, p99}) {
            if (template == null || template.isBlank()) {
                throw new IllegalArgumentException("a PromQL template is empty");
            }
            Matcher matcher = VARIABLE.matcher(template);
            while (matcher.find()) {
                if (!java.util.List.of("mesh", "canary", "baseline", "interval").contains(matcher.group(1))) {
                    throw new IllegalArgumentException("unknown variable {{" + matcher.group(1) + "}} in '" + template
                            + "' (known: {{mesh}}, {{canary}}, {{baseline}}, {{interval}})");
                }
            }
        }
    }

    /** A template with its variables filled in. */
    public static String fill(String template, MetricsTarget target, Duration interval) {
        Map<String, String> values = Map.of(
                "mesh", target.mesh(),
                "canary", target.canary(),
                "baseline", target.baseline(),
                "interval", Math.max(1, (interval.toMillis() + 999) / 1000) + "s");
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(filled, Matcher.quoteReplacement(values.get(matcher.group(1))));
        }
        return matcher.appendTail(filled).toString();
    }
}
