package io.github.meshrefarch.mesh.demo;

import io.github.meshrefarch.mesh.load.generator.Formats;
import io.github.meshrefarch.mesh.load.generator.LoadResult;
import io.github.meshrefarch.mesh.load.split.SplitCheck;
import io.github.meshrefarch.mesh.load.split.SplitVerdict;
import io.github.meshrefarch.mesh.model.Step;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the demo prints: progress as it goes, each step's measurement, and the summary table at the end. */
final class DemoReport {

    private final PrintWriter out;
    private final long started = System.nanoTime();

    DemoReport(PrintWriter out) {
        this.out = out;
    }

    void phase(String text) {
        line("%s %s", clock(), text);
    }

    void step(Step step) {
        line("%s Step %s: %s", clock(), step.number(), step.title());
    }

    void change(String text) {
        line("         %s", text);
    }

    void result(StepResult result) {
        result.checks()
                .forEach((service, verdict) -> line(
                        "         %-9s configured %-22s observed %-34s %s (%s)",
                        service,
                        configured(verdict.checks()),
                        observed(verdict.checks()),
                        verdict.within() ? "within bounds" : "OUT OF BOUNDS",
                        verdict.figures()));
        line(
                "         requests %d, failed %s%s%s",
                result.load().sent(),
                result.failed() == 0 ? "0" : Formats.errors(result.load().errors()),
                result.load().inFlight() > 0
                        ? ", still in flight " + result.load().inFlight()
                        : "",
                latency(result.load()));
    }

    void summary(List<StepResult> results) {
        line("");
        line(
                "%-5s %-34s %-34s %-16s %8s %7s  %s",
                "STEP",
                "PRODUCT configured -> observed",
                "CUSTOMER configured -> observed",
                "FALSE-ALARM/CATCH",
                "REQUESTS",
                "FAILED",
                "RESULT");
        for (StepResult result : results) {
            line(
                    "%-5s %-34s %-34s %-16s %8d %7d  %s",
                    result.step(),
                    split(result, "Product"),
                    split(result, "Customer"),
                    figures(result),
                    result.load().sent(),
                    result.failed(),
                    result.passed() ? "ok" : "FAILED");
        }
        long failed = results.stream().mapToLong(StepResult::failed).sum();
        long sent = results.stream().mapToLong(r -> r.load().sent()).sum();
        line("");
        line(
                "%d requests to order, %d failed; %s in %s.",
                sent,
                failed,
                results.stream().allMatch(StepResult::passed)
                        ? "every step's split within bounds"
                        : "SOME STEPS FAILED",
                seconds(Duration.ofNanos(System.nanoTime() - started)));
    }

    private static String split(StepResult result, String service) {
        SplitVerdict verdict = result.checks().get(service);
        if (verdict == null) {
            return "-";
        }
        return verdict.checks().stream()
                .map(c -> String.format(Locale.ROOT, "%s %d%% -> %.1f%%", c.version(), c.weight(), share(c)))
                .collect(Collectors.joining(", "));
    }

    /** The step's false-alarm rate and the smallest misroute caught at 0.99, e.g. {@code 0.0019 ±4.6}. */
    private static String figures(StepResult result) {
        if (result.checks().isEmpty()) {
            return "-";
        }
        double misroute = result.smallestMisroute();
        return String.format(
                Locale.ROOT,
                "%.4f %s",
                result.falseAlarm(),
                misroute >= 1 ? "none" : String.format(Locale.ROOT, "±%.1f", misroute * 100));
    }

    private static String configured(List<SplitCheck> checks) {
        return checks.stream()
                .filter(c -> c.weight() > 0)
                .map(c -> c.version() + " " + c.weight() + "%")
                .collect(Collectors.joining(" / "));
    }

    private static String observed(List<SplitCheck> checks) {
        return checks.stream()
                .map(c -> String.format(Locale.ROOT, "%s %d (%.1f%%)", c.version(), c.observed(), share(c)))
                .collect(Collectors.joining(" / "));
    }

    private static double share(SplitCheck check) {
        return check.samples() == 0 ? 0 : 100.0 * check.observed() / check.samples();
    }

    private static String latency(LoadResult load) {
        if (load.completed() == 0) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                ", latency p50 %.1f ms, p99 %.1f ms",
                load.latency().p50().toNanos() / 1e6,
                load.latency().p99().toNanos() / 1e6);
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
