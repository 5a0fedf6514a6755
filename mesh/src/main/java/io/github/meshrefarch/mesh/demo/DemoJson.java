package io.github.meshrefarch.mesh.demo;

import io.github.meshrefarch.mesh.load.generator.Formats;
import io.github.meshrefarch.mesh.load.generator.LatencySummary;
import io.github.meshrefarch.mesh.load.generator.LoadResult;
import io.github.meshrefarch.mesh.load.split.SplitVerdict;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's result as one JSON document ({@code meshctl -o json demo}), a stable contract whose fields are only ever
 * added:
 *
 * <pre>
 * {"mesh": "demomesh", "passed": true, "durationMs": 61234, "requests": 2705, "failed": 0,
 *  "steps": [{"step": "03", "title": "...", "passed": true, "requests": 327, "failed": 0, "inFlight": 0,
 *             "errors": {"connection": 0, "timeout": 0, "status": {"502": 1}},
 *             "latencyMs": {"p50": 5.6, "p90": 9.1, "p99": 23.4, "max": 40.2},
 *             "services": {"Product": {"withinBounds": true, "falseAlarm": 0.0019, "smallestMisroute": 0.046,
 *                                      "versions": [{"version": "1.0", "weight": 75, "answers": 245}, ...]}}}]}
 * </pre>
 *
 * {@code requests} are the requests sent during a step, {@code failed} those that failed during it, {@code inFlight}
 * those not answered yet when its measurement ended (they count in the next step); {@code services} is empty for a
 * step that is not measured (99). Latencies are as {@link LatencySummary} describes them.
 */
final class DemoJson {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private DemoJson() {}

    record Document(String mesh, boolean passed, long durationMs, long requests, long failed, List<StepJson> steps) {}

    record StepJson(
            String step,
            String title,
            boolean passed,
            long requests,
            long failed,
            long inFlight,
            Map<String, Object> errors,
            Map<String, Double> latencyMs,
            Map<String, ServiceJson> services) {}

    record ServiceJson(boolean withinBounds, double falseAlarm, double smallestMisroute, List<VersionJson> versions) {}

    record VersionJson(String version, int weight, long answers) {}

    static String write(String mesh, List<StepResult> results, Duration duration) {
        Document document = new Document(
                mesh,
                results.stream().allMatch(StepResult::passed),
                duration.toMillis(),
                results.stream().mapToLong(r -> r.load().sent()).sum(),
                results.stream().mapToLong(StepResult::failed).sum(),
                results.stream().map(DemoJson::step).toList());
        return JSON.writeValueAsString(document);
    }

    private static StepJson step(StepResult result) {
        LoadResult load = result.load();
        Map<String, Object> errors = new LinkedHashMap<>();
        errors.put("connection", load.errors().connection());
        errors.put("timeout", load.errors().timeout());
        Map<String, Long> status = new LinkedHashMap<>();
        load.errors().status().forEach((code, count) -> status.put(String.valueOf(code), count));
        errors.put("status", status);
        Map<String, ServiceJson> services = new LinkedHashMap<>();
        result.checks().forEach((service, verdict) -> services.put(service, service(verdict)));
        return new StepJson(
                result.step(),
                result.title(),
                result.passed(),
                load.sent(),
                result.failed(),
                load.inFlight(),
                errors,
                latency(load.latency()),
                services);
    }

    private static ServiceJson service(SplitVerdict verdict) {
        return new ServiceJson(
                verdict.within(),
                verdict.falseAlarm(),
                verdict.smallestMisroute(),
                verdict.checks().stream()
                        .map(c -> new VersionJson(c.version(), c.weight(), c.observed()))
                        .toList());
    }

    private static Map<String, Double> latency(LatencySummary latency) {
        Map<String, Double> millis = new LinkedHashMap<>();
        millis.put("p50", Formats.millisValue(latency.p50()));
        millis.put("p90", Formats.millisValue(latency.p90()));
        millis.put("p99", Formats.millisValue(latency.p99()));
        millis.put("max", Formats.millisValue(latency.max()));
        return millis;
    }
}
