package io.github.meshrefarch.mesh.load.watch;

import io.github.meshrefarch.mesh.load.generator.Formats;
import io.github.meshrefarch.mesh.load.generator.LatencySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders watch snapshots: a block of bars for a terminal, or one summary line for a log or pipe. */
final class WatchView {

    private static final int BAR_WIDTH = 30;

    private WatchView() {}

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
