package io.github.meshrefarch.mesh.load.watch;

import io.github.meshrefarch.mesh.load.generator.Formats;
import io.github.meshrefarch.mesh.load.generator.LatencySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Renders watch snapshots: a block of bars for a terminal, or one summary line for a log or pipe. */
final class WatchView {

    private static final int BAR_WIDTH = 30;

    private WatchView() {}

    /**
     * One JSON object on one line (a stable contract): {@code {"elapsedSeconds", "coveredSeconds", "responses",
     * "ratePerSecond", "split": {service: {version: count}}, "unreadable", "errors": {"connection", "timeout",
     * "status": {code: count}}, "latencyMillis": {"p50", "p90", "p99", "max"}}}.
     */
    static String json(long elapsedSeconds, WatchSnapshot snapshot) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("elapsedSeconds", elapsedSeconds);
        json.put("coveredSeconds", snapshot.covered().toMillis() / 1000.0);
        json.put("responses", snapshot.responses());
        json.put("ratePerSecond", snapshot.rate());
        ObjectNode split = json.putObject("split");
        snapshot.split().counts().forEach((service, versions) -> {
            ObjectNode counts = split.putObject(service);
            versions.forEach(counts::put);
        });
        json.put("unreadable", snapshot.unreadable());
        ObjectNode errors = json.putObject("errors");
        errors.put("connection", snapshot.errors().connection());
        errors.put("timeout", snapshot.errors().timeout());
        ObjectNode status = errors.putObject("status");
        snapshot.errors().status().forEach((code, count) -> status.put(Integer.toString(code), count));
        ObjectNode latency = json.putObject("latencyMillis");
        latency.put("p50", snapshot.latency().p50().toNanos() / 1e6);
        latency.put("p90", snapshot.latency().p90().toNanos() / 1e6);
        latency.put("p99", snapshot.latency().p99().toNanos() / 1e6);
        latency.put("max", snapshot.latency().max().toNanos() / 1e6);
        return json.toString();
    }

    /**
     * One line, e.g. {@code 5s 100 responses (20.0/s) | Order 1.0=100.0% | Product 1.0=75.0% 1.5=25.0%
     * | errors 0 (...) | p50 3.10 ms p99 8.20 ms max 12.00 ms}.
     */
    static String line(long elapsedSeconds, WatchSnapshot snapshot) {
        StringBuilder line = new StringBuilder()
                .append(elapsedSeconds)
                .append("s ")
                .append(snapshot.responses())
                .append(" responses (")
                .append(Formats.decimal(snapshot.rate()))
                .append("/s)");
        snapshot.split().counts().forEach((service, versions) -> {
            line.append(" | ").append(service);
            versions.keySet()
                    .forEach(version -> line.append(' ')
                            .append(version)
                            .append('=')
                            .append(Formats.percent(snapshot.split().share(service, version))));
        });
        line.append(" | errors ").append(Formats.errors(snapshot.errors()));
        if (snapshot.unreadable() > 0) {
            line.append(" | unreadable ").append(snapshot.unreadable());
        }
        return line.append(" | ").append(latency(snapshot.latency())).toString();
    }

    /** Lines for a terminal: a header, one bar per service version, errors and latency. */
    static List<String> block(String header, WatchSnapshot snapshot) {
        List<String> lines = new ArrayList<>();
        lines.add(header);
        snapshot.split().counts().forEach((service, versions) -> {
            String name = service;
            for (Map.Entry<String, Long> version : versions.entrySet()) {
                double share = snapshot.split().share(service, version.getKey());
                lines.add(String.format(
                        java.util.Locale.ROOT,
                        "%-10s %-6s %6s  [%s]  %d",
                        name,
                        version.getKey(),
                        Formats.percent(share),
                        bar(share),
                        version.getValue()));
                name = "";
            }
        });
        if (snapshot.split().counts().isEmpty()) {
            lines.add("(no order response yet)");
        }
        lines.add("responses  " + snapshot.responses() + " (" + Formats.decimal(snapshot.rate()) + "/s)   errors "
                + Formats.errors(snapshot.errors())
                + (snapshot.unreadable() > 0 ? "   unreadable " + snapshot.unreadable() : ""));
        lines.add("latency    " + latency(snapshot.latency()));
        return lines;
    }

    static String bar(double share) {
        int filled = (int) Math.round(share * BAR_WIDTH);
        return "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
    }

    private static String latency(LatencySummary latency) {
        return "p50 " + Formats.millis(latency.p50()) + " p90 " + Formats.millis(latency.p90()) + " p99 "
                + Formats.millis(latency.p99()) + " max " + Formats.millis(latency.max());
    }
}
