package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.local.workloads.Workload;
import io.github.meshrefarch.mesh.model.InvalidInputException;
import io.github.meshrefarch.mesh.rollout.Gates;
import io.github.meshrefarch.mesh.rollout.RolloutPlan;
import io.github.meshrefarch.mesh.rollout.metrics.EnvoyAdminSource;
import io.github.meshrefarch.mesh.rollout.metrics.MetricsSource;
import io.github.meshrefarch.mesh.rollout.metrics.PromQueries;
import io.github.meshrefarch.mesh.rollout.metrics.PrometheusSource;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options of {@code meshctl rollout}, turned into the engine's plan and metrics source. */
final class RolloutOptions {

    static class Steps {
        @Option(
                names = "--steps",
                split = ",",
                paramLabel = "W,W,...",
                description = "The canary's weight per step, ascending, ending at 100, e.g. 10,25,50,100.")
        List<Integer> list;

        @Option(
                names = "--step-weight",
                paramLabel = "N",
                description = "Raise the canary by N per step: 10 gives 10,20,...,100 (default: 10).")
        Integer weight;
    }

    @ArgGroup(exclusive = true)
    Steps steps;

    @Option(
            names = "--interval",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How long each step is judged (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(
            names = "--max-error-rate",
            defaultValue = "1%",
            paramLabel = "RATE",
            description = "Gate: the canary's 5xx share of upstream requests, e.g. 1%% or 0.01 (default: 1%%).")
    String maxErrorRate;

    @Option(
            names = "--max-p99",
            defaultValue = "500ms",
            converter = DurationConverter.class,
            description = "Gate: the canary's 99th percentile latency (default: ${DEFAULT-VALUE}).")
    Duration maxP99;

    @Option(
            names = "--min-requests",
            defaultValue = "10",
            paramLabel = "N",
            description = "Canary requests an interval needs to be judged; fewer extend the step by up to two"
                    + " intervals, then fail it (default: ${DEFAULT-VALUE}).")
    long minRequests;

    @Option(
            names = "--threshold",
            defaultValue = "1",
            paramLabel = "N",
            description = "Failed checks that roll the canary back (Flagger's analysis threshold). Before the Nth, a"
                    + " failed check holds the canary's weight and judges the step again (default: ${DEFAULT-VALUE},"
                    + " the first failed check rolls back).")
    int threshold;

    @Option(
            names = "--metrics",
            paramLabel = "SOURCE",
            description = "Where the canary's figures come from: local (the local data plane's admin endpoint,"
                    + " /stats/prometheus scraped at the start and end of each interval; default in local mode),"
                    + " local=URL (another admin endpoint) or prometheus=URL.")
    String metrics;

    @Option(
            names = "--query-requests",
            paramLabel = "PROMQL",
            description = "PromQL template: the canary's requests over the interval. Variables: {{mesh}},"
                    + " {{canary}}, {{baseline}}, {{interval}}.")
    String queryRequests;

    @Option(
            names = "--query-error-rate",
            paramLabel = "PROMQL",
            description = "PromQL template: the canary's 5xx share.")
    String queryErrorRate;

    @Option(names = "--query-p99", paramLabel = "PROMQL", description = "PromQL template: the canary's p99 in ms.")
    String queryP99;

    /** Order's local address: where a rollout samples traffic unless the global {@code --verify-url} says otherwise. */
    static final URI LOCAL_ORDER = URI.create("http://127.0.0.1:8080/");

    @Option(
            names = "--verify-rate",
            defaultValue = "300",
            paramLabel = "RPS",
            description = "Requests per second sent to the verify URL (default: ${DEFAULT-VALUE}).")
    double verifyRate;

    @Option(
            names = "--baseline",
            paramLabel = "NODE",
            description = "The node traffic returns to on a rollback (default: the route's heaviest other target).")
    String baseline;

    @Option(
            names = "--false-alarm",
            defaultValue = "0.001",
            paramLabel = "P",
            description = "The split test's false-alarm limit per step (default: ${DEFAULT-VALUE}).")
    double falseAlarm;

    RolloutPlan plan(String mesh, String service, String canary) {
        List<Integer> weights = steps != null && steps.list != null
                ? steps.list
                : RolloutPlan.everyStepOf(steps != null && steps.weight != null ? steps.weight : 10);
        Gates gates = new Gates(rate(maxErrorRate), maxP99, minRequests);
        if (!(verifyRate > 0)) {
            throw new IllegalArgumentException("--verify-rate must be positive");
        }
        return new RolloutPlan(
                mesh,
                service,
                canary,
                baseline,
                weights,
                interval,
                Duration.ofMillis(500),
                gates,
                threshold,
                falseAlarm,
                answers(canary));
    }

    /**
     * The walkthrough's workloads (derived from its mesh description) tell which version each virtual node answers
     * with; without that description there is nothing to check order's answers against, as for a canary it lacks.
     */
    private RolloutPlan.Answers answers(String canary) {
        if (!java.nio.file.Files.isRegularFile(StepsCommand.descriptionOrDefault(null))) {
            return null;
        }
        Map<String, String> versions = new HashMap<>();
        String service = null;
        for (Workload workload : LocalOptions.walkthrough().workloads().values()) {
            versions.put(workload.virtualNode(), workload.version());
            if (workload.virtualNode().equals(canary)) {
                service = workload.serviceName();
            }
        }
        return service == null ? null : new RolloutPlan.Answers(service, versions);
    }

    /** The metrics source; {@code local} reads the admin endpoint the local mode recorded (else Envoy's 9901). */
    MetricsSource metricsSource(Target target, Supplier<URI> localAdmin) {
        String source = metrics != null ? metrics : target == Target.LOCAL ? "local" : null;
        if (source == null) {
            throw new InvalidInputException("name where the canary's metrics come from: --metrics prometheus=URL");
        }
        if (source.equals("local")) {
            return new EnvoyAdminSource(localAdmin.get());
        }
        if (source.startsWith("local=")) {
            return new EnvoyAdminSource(url(source.substring(6)));
        }
        if (source.startsWith("prometheus=")) {
            PromQueries d = PromQueries.DEFAULTS;
            return new PrometheusSource(
                    url(source.substring(11)),
                    new PromQueries(
                            queryRequests != null ? queryRequests : d.requests(),
                            queryErrorRate != null ? queryErrorRate : d.errorRate(),
                            queryP99 != null ? queryP99 : d.p99()));
        }
        throw new InvalidInputException("--metrics must be local, local=URL or prometheus=URL, got '" + source + "'");
    }

    private static URI url(String text) {
        URI uri = URI.create(text);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new InvalidInputException("not an http(s) URL: '" + text + "'");
        }
        return uri;
    }

    /** {@code 1%} or {@code 0.01}. */
    static double rate(String text) {
        try {
            return text.endsWith("%")
                    ? Double.parseDouble(text.substring(0, text.length() - 1)) / 100
                    : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--max-error-rate must be a share such as 1% or 0.01, got '" + text + "'");
        }
    }
}
