package io.github.meshrefarch.mesh.rollout;

import io.github.meshrefarch.mesh.load.split.SplitCounts;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import io.github.meshrefarch.mesh.rollout.metrics.NodeMetrics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Progress for people: on a terminal one live line per step, redrawn every second and then replaced by the step's
 * verdict; elsewhere (a log, a pipe) one line per event.
 */
public final class RolloutProgress implements RolloutListener {

    private static final String REDRAW = "\r\033[K";

    private final PrintWriter out;
    private final boolean terminal;
    private final String answerService;
    private final Function<String, String> clock;

    /**
     * @param answerService the service whose versions order's answers show during a step ({@code null}: none)
     * @param clock prefixes each line, e.g. with the elapsed time
     */
    public RolloutProgress(PrintWriter out, boolean terminal, String answerService, Function<String, String> clock) {
        this.out = out;
        this.terminal = terminal;
        this.answerService = answerService;
        this.clock = clock;
    }

    @Override
    public void stepStarted(int number, int total, List<WeightedTarget> weights) {
        String line = "step " + number + "/" + total + ": " + weights(weights) + " set and read back";
        if (terminal) {
            out.print(REDRAW + clock.apply(line));
        } else {
            out.println(clock.apply(line));
        }
        out.flush();
    }

    @Override
    public void tick(int number, Duration elapsed, Duration interval, SplitCounts answers) {
        if (!terminal) {
            return;
        }
        String counts = answerService == null
                ? ""
                : "   answers "
                        + answers.versionsOf(answerService).entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(" / "));
        out.print(REDRAW
                + clock.apply("step " + number + ": measuring " + elapsed.toSeconds() + "s/" + interval.toSeconds()
                        + "s" + counts));
        out.flush();
    }

    @Override
    public void stepEnded(StepRecord step, int total) {
        out.print(terminal ? REDRAW : "");
        out.println(clock.apply(describe(step, total)));
        out.flush();
    }

    @Override
    public void holding(StepRecord step, int failedChecks, int threshold) {
        out.println(clock.apply(RolloutRecord.holding(step, failedChecks, threshold)));
        out.flush();
    }

    @Override
    public void rollingBack(String reason) {
        out.println(clock.apply("rolling back: " + reason));
        out.flush();
    }

    @Override
    public void finished(RolloutRecord record) {
        out.println(clock.apply(record.summary()));
        out.flush();
    }

    /** E.g. {@code step 1/4 canary 10%: PASSED split 1.0 2702 (90.1%) / 1.5 298 (9.9%) ... canary 312 requests ...}. */
    public static String describe(StepRecord step, int total) {
        StringBuilder line = new StringBuilder()
                .append("step ")
                .append(step.number())
                .append('/')
                .append(total)
                .append(" canary ")
                .append(step.canaryWeight())
                .append("%: ")
                .append(step.verdict());
        if (step.split() != null) {
            line.append(" | split ")
                    .append(SplitText.observed(step.split()))
                    .append(", ")
                    .append(step.split().within() ? "as configured" : "NOT as configured")
                    .append(" (")
                    .append(step.split().figures())
                    .append(')');
        }
        if (step.verdict() != StepRecord.Verdict.ABORTED) {
            line.append(" | canary ").append(metrics(step.canary()));
        }
        if (step.breach() != null) {
            line.append(" | breach ").append(step.breach().describe());
        }
        return line.toString();
    }

    static String metrics(NodeMetrics metrics) {
        return String.format(
                Locale.ROOT,
                "%d requests, errors %s, p99 %s",
                metrics.requests(),
                Gates.percent(metrics.errorRate()),
                metrics.p99() == null ? "-" : Gates.millis(metrics.p99()));
    }

    static String weights(List<WeightedTarget> weights) {
        return weights.stream().map(t -> t.virtualNode() + " " + t.weight()).collect(Collectors.joining(" / "));
    }
}
