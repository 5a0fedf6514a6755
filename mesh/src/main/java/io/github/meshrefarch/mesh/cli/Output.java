package io.github.meshrefarch.mesh.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.meshrefarch.mesh.cli.MeshctlCommand.OutputFormat;
import io.github.meshrefarch.mesh.model.Change;
import io.github.meshrefarch.mesh.model.Drift;
import io.github.meshrefarch.mesh.model.HttpTimeout;
import io.github.meshrefarch.mesh.model.MeshResource;
import io.github.meshrefarch.mesh.model.MeshState;
import io.github.meshrefarch.mesh.model.Plan;
import io.github.meshrefarch.mesh.model.ResourceKind;
import io.github.meshrefarch.mesh.model.RetryPolicy;
import io.github.meshrefarch.mesh.model.RollbackReport;
import io.github.meshrefarch.mesh.model.Route;
import io.github.meshrefarch.mesh.model.Step;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import io.github.meshrefarch.mesh.rollout.RolloutLock;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints data on stdout, as text tables for people or as JSON for scripts. The JSON shapes are
 * a stable contract (documented in the README):
 *
 * <ul>
 *   <li>plan: {@code {"mesh", "dryRun", "changes": [{"action": "create|update|delete|unchanged",
 *       "kind": "mesh|virtualRouter|virtualService|virtualNode|route", "name", "virtualRouter"?}], "drift": [...]}}
 *   <li>status: {@code {"mesh", "routes": [{"virtualRouter", "route", "version",
 *       "weightedTargets": [{"virtualNode", "weight"}], "retryPolicy"?: {"maxRetries",
 *       "perRetryTimeout": {"unit", "value"}, "httpRetryEvents"?, "tcpRetryEvents"?},
 *       "timeout"?: {"perRequest"?, "idle"?}}], "rollouts": [...], "drift": [...]}}
 *   <li>drift (fields of the mesh that differ from the description and that meshctl leaves as they are):
 *       {@code [{"kind", "name", "virtualRouter"?, "field", "value"}]}
 *   <li>steps: {@code {"steps": [{"step", "title", "file"}]}}
 *   <li>rollback: {@code {"mesh", "complete", "routes": [{"virtualRouter", "route", "baseline",
 *       "result": "rolledBack|unchanged|failed", "reason"?, "weightedTargets": [{"virtualNode", "weight"}]}],
 *       "skipped": ["router/route"]}}
 * </ul>
 */
final class Output {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final PrintWriter out;
    private final OutputFormat format;

    Output(PrintWriter out, OutputFormat format) {
        this.out = out;
        this.format = format;
    }

    record PlanJson(String mesh, boolean dryRun, List<ChangeJson> changes, List<DriftJson> drift) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DriftJson(String kind, String name, String virtualRouter, String field, String value) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChangeJson(String action, String kind, String name, String virtualRouter) {}

    record StatusJson(String mesh, List<RouteJson> routes, List<RolloutLock.Holder> rollouts, List<DriftJson> drift) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RouteJson(
            String virtualRouter,
            String route,
            long version,
            List<WeightedTarget> weightedTargets,
            RetryPolicy retryPolicy,
            HttpTimeout timeout) {}

    record StepsJson(List<StepJson> steps) {}

    record StepJson(String step, String title, String file) {}

    void plan(Plan plan, boolean dryRun) {
        if (format == OutputFormat.json) {
            json(new PlanJson(
                    plan.mesh(),
                    dryRun,
                    plan.changes().stream().map(Output::changeJson).toList(),
                    driftJson(plan.drift())));
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ACTION", "KIND", "NAME"});
        plan.changes()
                .forEach(c -> rows.add(new String[] {
                    c.action() == Change.Action.UNCHANGED && plan.drifted(c.resource())
                            ? "drifted"
                            : c.action().label(),
                    c.resource().kind().displayName(),
                    c.resource().id()
                }));
        table(rows);
        out.println((dryRun ? "Dry run, nothing changed: " : "Mesh " + plan.mesh() + ": ") + plan.summary() + ".");
        drift(plan.drift());
    }

    /** One line per drifted field, after a heading; nothing when there is no drift. */
    private void drift(List<Drift> drift) {
        if (!drift.isEmpty()) {
            out.println("Drift: " + drift.size() + " field(s) differ from the description and are not managed by"
                    + " meshctl (left as is):");
            drift.forEach(d -> out.println("  " + d.describe()));
        }
    }

    private static List<DriftJson> driftJson(List<Drift> drift) {
        return drift.stream()
                .map(d -> new DriftJson(
                        kindJson(d.resource().kind()),
                        d.resource().name(),
                        d.resource() instanceof Route route ? route.virtualRouter() : null,
                        d.field(),
                        d.value()))
                .toList();
    }

    /**
     * The routes' weights, then the rollouts in progress on this machine (JSON: {@code rollouts}), then the fields that
     * differ from the description and that meshctl leaves as they are (JSON: {@code drift}).
     */
    void status(MeshState state, List<RolloutLock.Holder> rollouts, List<Drift> drift) {
        List<Route> routes = state.resources().routes().stream()
                .sorted(Comparator.comparing(Route::id))
                .toList();
        if (format == OutputFormat.json) {
            json(new StatusJson(
                    state.resources().mesh(),
                    routes.stream()
                            .map(r -> new RouteJson(
                                    r.virtualRouter(),
                                    r.name(),
                                    state.versionOf(r),
                                    r.weightedTargets(),
                                    r.retryPolicy(),
                                    r.timeout()))
                            .toList(),
                    rollouts,
                    driftJson(drift)));
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"VIRTUAL ROUTER", "ROUTE", "VERSION", "WEIGHTED TARGETS", "RETRY POLICY", "TIMEOUT"});
        routes.forEach(r -> rows.add(new String[] {
            r.virtualRouter(),
            r.name(),
            String.valueOf(state.versionOf(r)),
            targets(r.weightedTargets()),
            r.retryPolicy() == null ? "-" : r.retryPolicy().toString(),
            r.timeout() == null ? "-" : r.timeout().toString()
        }));
        out.println("Mesh " + state.resources().mesh() + ":");
        table(rows);
        rollouts.forEach(rollout -> out.println("Rollout in progress: " + rollout.describe()));
        drift(drift);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RollbackRouteJson(
            String virtualRouter,
            String route,
            String baseline,
            String result,
            String reason,
            List<WeightedTarget> weightedTargets) {}

    record RollbackJson(String mesh, boolean complete, List<RollbackRouteJson> routes, List<String> skipped) {}

    /** A rollback's result per route: {@code rolledBack}, {@code unchanged} or {@code failed} (with the reason). */
    void rollback(RollbackReport report) {
        if (format == OutputFormat.json) {
            json(new RollbackJson(
                    report.mesh(),
                    report.complete(),
                    report.routes().stream()
                            .map(r -> new RollbackRouteJson(
                                    r.route().virtualRouter(),
                                    r.route().name(),
                                    r.baseline(),
                                    outcomeJson(r.outcome()),
                                    r.reason(),
                                    r.weightedTargets()))
                            .toList(),
                    report.skipped()));
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ROUTE", "BASELINE", "RESULT", "WEIGHTED TARGETS", "REASON"});
        report.routes()
                .forEach(r -> rows.add(new String[] {
                    r.route().id(),
                    r.baseline(),
                    r.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    targets(r.weightedTargets()),
                    r.reason() == null ? "" : r.reason()
                }));
        table(rows);
        long failed = report.failed();
        out.println("Mesh " + report.mesh() + ": " + (report.routes().size() - failed) + " of "
                + report.routes().size() + " routes at their baseline"
                + (report.skipped().isEmpty() ? "" : ", " + report.skipped().size() + " skipped (no baseline known)")
                + ".");
    }

    private static String outcomeJson(RollbackReport.Outcome outcome) {
        return switch (outcome) {
            case ROLLED_BACK -> "rolledBack";
            case UNCHANGED -> "unchanged";
            case FAILED -> "failed";
        };
    }

    void steps(List<Step> steps) {
        if (format == OutputFormat.json) {
            json(new StepsJson(steps.stream()
                    .map(s -> new StepJson(
                            s.number(), s.title(), s.file().getFileName().toString()))
                    .toList()));
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"STEP", "TITLE"});
        steps.forEach(s -> rows.add(new String[] {s.number(), s.title()}));
        table(rows);
    }

    static String targets(List<WeightedTarget> targets) {
        return targets.stream()
                .map(t -> t.virtualNode() + " " + t.weight() + "%")
                .collect(Collectors.joining(", "));
    }

    private static ChangeJson changeJson(Change change) {
        MeshResource resource = change.resource();
        String router = resource instanceof Route route ? route.virtualRouter() : null;
        return new ChangeJson(change.action().label(), kindJson(resource.kind()), resource.name(), router);
    }

    private static String kindJson(ResourceKind kind) {
        String[] words = kind.displayName().split(" ");
        return words.length == 1
                ? words[0]
                : words[0] + Character.toUpperCase(words[1].charAt(0)) + words[1].substring(1);
    }

    private void json(Object value) {
        out.println(JSON.writeValueAsString(value));
    }

    private void table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
