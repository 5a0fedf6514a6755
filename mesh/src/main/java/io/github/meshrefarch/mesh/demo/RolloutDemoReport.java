package io.github.meshrefarch.mesh.demo;

import io.github.meshrefarch.mesh.load.generator.Formats;
import io.github.meshrefarch.mesh.load.generator.LoadResult;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import io.github.meshrefarch.mesh.rollout.RolloutJson;
import io.github.meshrefarch.mesh.rollout.RolloutRecord;
import io.github.meshrefarch.mesh.rollout.SplitText;
import io.github.meshrefarch.mesh.rollout.StepRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** What the rollout demo prints: progress, a line per step, and the summary table with the verdict at the end. */
final class RolloutDemoReport {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private record Row(String service, StepRecord step, int total, LoadResult load) {}

    private final PrintWriter out;
    private final long started = System.nanoTime();
    private final List<Row> rows = new ArrayList<>();
    private long requests;
    private long failed;
    private List<RolloutRecord> records = List.of();
    private boolean passed;

    RolloutDemoReport(PrintWriter out) {
        this.out = out;
    }

    void phase(String text) {
        line("%s %s", clock(), text);
    }

    void change(String text) {
        line("         %s", text);
    }

    void step(String service, StepRecord step, int total, LoadResult load) {
        rows.add(new Row(service, step, total, load));
        count(load);
        line(
                "%s %s step %d/%d: %s | split %s (%s) | canary %s | order %d requests, failed %s",
                clock(),
                service,
                step.number(),
                total,
                step.verdict(),
                step.split() == null ? "-" : SplitText.observed(step.split()),
                step.split() == null ? "-" : step.split().figures(),
                canary(step),
                load.sent(),
                load.errors().total() == 0 ? "0" : Formats.errors(load.errors()));
    }

    void finished(String service, RolloutRecord record, LoadResult afterLastStep) {
        count(afterLastStep);
        line("%s %s: %s", clock(), service, record.summary());
    }

    /** Traffic after the last rollout's end, until the load stopped: counted in the totals. */
    void afterRollouts(LoadResult load) {
        count(load);
    }

    private void count(LoadResult load) {
        requests += load.sent();
        failed += load.errors().total();
    }

    /** Prints the table; true when product was promoted, customer rolled back (verified) and no request failed. */
    boolean summary(RolloutRecord product, RolloutRecord customer) {
        line("");
        line(
                "%-9s %-5s %-36s %-36s %-17s %7s %9s %8s %6s  %s",
                "SERVICE",
                "STEP",
                "WEIGHTS",
                "OBSERVED SPLIT",
                "FALSE-ALARM/CATCH",
                "CAN.ERR",
                "CAN.P99",
                "REQUESTS",
                "FAILED",
                "VERDICT");
        for (Row row : rows) {
            StepRecord step = row.step();
            line(
                    "%-9s %-5s %-36s %-36s %-17s %7s %9s %8d %6d  %s",
                    row.service(),
                    step.number() + "/" + row.total(),
                    weights(step.weights()),
                    step.split() == null ? "-" : SplitText.observed(step.split()),
                    figures(step),
                    percent(step.canary().errorRate()),
                    p99(step),
                    row.load().sent(),
                    row.load().errors().total(),
                    step.breach() == null
                            ? step.verdict()
                            : "FAILED " + step.breach().gate());
        }
        records = List.of(product, customer);
        boolean promoted = product.outcome() == RolloutRecord.Outcome.PROMOTED;
        boolean caught = customer.outcome() == RolloutRecord.Outcome.ROLLED_BACK
                && customer.lastStep().number() == 1
                && "max-error-rate".equals(customer.breach().gate())
                && customer.rollback().verified();
        line("");
        line("product: %s", product.summary());
        line("customer: %s", customer.summary());
        line(
                "%d requests to order, %d failed; %s in %s.",
                requests,
                failed,
                promoted && caught && failed == 0
                        ? "product promoted, customer v2 caught at step 1 and rolled back"
                        : "NOT AS EXPECTED (see above)",
                seconds(Duration.ofNanos(System.nanoTime() - started)));
        passed = promoted && caught && failed == 0;
        return passed;
    }

    /**
     * The result as one JSON document, after {@link #summary}: {@code {"passed", "durationMs", "requests", "failed",
     * "steps": [{"service", "step", "of", "verdict", "requests", "failed", "inFlight"}], "rollouts": [record, record]}},
     * each record as {@code meshctl -o json rollout} prints it (product's, then customer's).
     */
    String json() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("passed", passed);
        document.put("durationMs", Duration.ofNanos(System.nanoTime() - started).toMillis());
        document.put("requests", requests);
        document.put("failed", failed);
        document.put(
                "steps",
                rows.stream()
                        .map(row -> {
                            Map<String, Object> step = new LinkedHashMap<>();
                            step.put("service", row.service());
                            step.put("step", row.step().number());
                            step.put("of", row.total());
                            step.put("verdict", row.step().verdict().name());
                            step.put("requests", row.load().sent());
                            step.put("failed", row.load().errors().total());
                            step.put("inFlight", row.load().inFlight());
                            return step;
                        })
                        .toList());
        document.put(
                "rollouts",
                records.stream().map(r -> JSON.readTree(RolloutJson.of(r))).toList());
        return JSON.writeValueAsString(document);
    }

    private static String weights(List<WeightedTarget> weights) {
        return weights.stream().map(t -> t.virtualNode() + " " + t.weight()).collect(Collectors.joining(" / "));
    }

    private static String figures(StepRecord step) {
        if (step.split() == null) {
            return "-";
        }
        double misroute = step.split().smallestMisroute();
        return String.format(
                Locale.ROOT,
                "%.4f %s",
                step.split().falseAlarm(),
                misroute >= 1 ? "none" : String.format(Locale.ROOT, "±%.1f", misroute * 100));
    }

    private static String canary(StepRecord step) {
        return String.format(
                Locale.ROOT,
                "%d requests, errors %s, p99 %s",
                step.canary().requests(),
                percent(step.canary().errorRate()),
                p99(step));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String p99(StepRecord step) {
        return step.canary().p99() == null
                ? "-"
                : String.format(Locale.ROOT, "%.1f ms", step.canary().p99().toNanos() / 1e6);
    }

    private String clock() {
        return "[" + seconds(Duration.ofNanos(System.nanoTime() - started)) + "]";
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%5.1fs", duration.toMillis() / 1000.0);
    }

    private void line(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
