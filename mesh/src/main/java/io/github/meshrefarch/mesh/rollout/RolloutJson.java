package io.github.meshrefarch.mesh.rollout;

import io.github.meshrefarch.mesh.load.split.SplitVerdict;
import io.github.meshrefarch.mesh.rollout.metrics.NodeMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The record of a rollout as JSON, a stable contract (fields are only ever added):
 *
 * <pre>
 * {"mesh":"demomesh","route":"product-vr/product-r","canary":"product-v15-vn","baseline":"product-vn",
 *  "outcome":"PROMOTED","started":"...","ended":"...","failedChecks":0,"breach":null,"rollback":null,
 *  "steps":[{"step":1,"canaryWeight":10,"weights":{"product-vn":90,"product-v15-vn":10},
 *            "split":{"samples":3000,"observed":{"1.0":2702,"1.5":298},"configured":{"1.0":90,"1.5":10},
 *                     "within":true,"falseAlarm":0.0009,"smallestMisroute":0.0327},
 *            "canary":{"requests":312,"errorRate":0.0,"p99Ms":12.5},"verdict":"PASSED","breach":null,
 *            "started":"...","measuredMs":10003}, ...]}
 * </pre>
 *
 * A step judged again after a failed check (a threshold above 1) appears once per check, with the same step number.
 */
public final class RolloutJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RolloutJson() {}

    public static String of(RolloutRecord record) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("mesh", record.mesh());
        document.put("route", record.route());
        document.put("canary", record.canary());
        document.put("baseline", record.baseline());
        document.put("outcome", record.outcome().name());
        document.put("started", record.started().toString());
        document.put("ended", record.ended().toString());
        document.put("failedChecks", record.failedChecks());
        document.put("breach", breach(record.breach()));
        document.put("rollback", record.rollback() == null ? null : rollback(record.rollback()));
        document.put("steps", record.steps().stream().map(RolloutJson::step).toList());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
    }

    private static Map<String, Object> step(StepRecord step) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("step", step.number());
        json.put("canaryWeight", step.canaryWeight());
        Map<String, Integer> weights = new LinkedHashMap<>();
        step.weights().forEach(t -> weights.put(t.virtualNode(), t.weight()));
        json.put("weights", weights);
        json.put("split", step.split() == null ? null : split(step.split()));
        json.put("canary", metrics(step.canary()));
        json.put("verdict", step.verdict().name());
        json.put("breach", breach(step.breach()));
        json.put("started", step.started().toString());
        json.put("measuredMs", step.measured().toMillis());
        return json;
    }

    private static Map<String, Object> split(SplitVerdict split) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("samples", split.samples());
        Map<String, Long> observed = new LinkedHashMap<>();
        Map<String, Integer> configured = new LinkedHashMap<>();
        split.checks().forEach(c -> {
            observed.put(c.version(), c.observed());
            configured.put(c.version(), (int) Math.round(c.expectedShare() * 100));
        });
        json.put("observed", observed);
        json.put("configured", configured);
        json.put("within", split.within());
        json.put("falseAlarm", split.falseAlarm());
        json.put("smallestMisroute", split.smallestMisroute());
        return json;
    }

    private static Map<String, Object> metrics(NodeMetrics metrics) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("requests", metrics.requests());
        json.put("errorRate", metrics.errorRate());
        json.put("p99Ms", metrics.p99() == null ? null : metrics.p99().toNanos() / 1e6);
        return json;
    }

    private static Map<String, Object> rollback(RollbackCheck check) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verified", check.verified());
        json.put("weightsReadBack", check.weightsReadBack());
        json.put("split", check.split() == null ? null : split(check.split()));
        return json;
    }

    private static Object breach(Breach breach) {
        if (breach == null) {
            return null;
        }
        return new LinkedHashMap<>(
                Map.of("gate", breach.gate(), "measured", breach.measured(), "limit", breach.limit()));
    }
}
