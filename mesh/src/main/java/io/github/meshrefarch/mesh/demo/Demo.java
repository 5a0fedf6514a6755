package io.github.meshrefarch.mesh.demo;

import io.github.meshrefarch.mesh.appmesh.AppMeshConnection;
import io.github.meshrefarch.mesh.appmesh.AppMeshTarget;
import io.github.meshrefarch.mesh.load.generator.LoadConfig;
import io.github.meshrefarch.mesh.load.generator.LoadGenerator;
import io.github.meshrefarch.mesh.load.generator.LoadResult;
import io.github.meshrefarch.mesh.load.generator.LoadRun;
import io.github.meshrefarch.mesh.load.order.OrderResponse;
import io.github.meshrefarch.mesh.load.split.SplitCounts;
import io.github.meshrefarch.mesh.load.split.SplitTally;
import io.github.meshrefarch.mesh.load.split.SplitTest;
import io.github.meshrefarch.mesh.load.split.SplitVerdict;
import io.github.meshrefarch.mesh.local.workloads.LocalCluster;
import io.github.meshrefarch.mesh.local.workloads.Workload;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.Reconciler;
import io.github.meshrefarch.mesh.model.Route;
import io.github.meshrefarch.mesh.model.Step;
import io.github.meshrefarch.mesh.model.StepCatalog;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole walkthrough on the local mesh with live traffic: brings up the local mode, runs steps 01..08 and 99 with
 * the deployments between them while a load generator calls order, and measures after each step the versions that
 * order's answers show against the weights the mesh was given, and every failed request.
 */
public final class Demo {

    /** Backend services whose versions the routes choose, as order's answers name them. */
    static final List<String> BACKENDS = List.of("Product", "Customer");

    /**
     * How the demo measures.
     *
     * @param rate requests per second sent to order
     * @param settle time after a step before its measurement starts (weight changes apply in milliseconds)
     * @param window how long each step is measured
     * @param falseAlarmLimit the split test's false-alarm limit per service and step (see {@link SplitTest})
     */
    public record Settings(double rate, Duration settle, Duration window, double falseAlarmLimit) {}

    private final LocalCluster cluster;
    private final StepCatalog steps;
    private final MeshDescription baselines;
    private final String mesh;
    private final Settings settings;
    private final DemoReport report;
    private final List<StepResult> results = new ArrayList<>();
    private final long startNanos = System.nanoTime();

    public Demo(
            LocalCluster cluster,
            StepCatalog steps,
            MeshDescription baselines,
            String mesh,
            Settings settings,
            PrintWriter out) {
        this.cluster = cluster;
        this.steps = steps;
        this.baselines = baselines;
        this.mesh = mesh;
        this.settings = settings;
        this.report = new DemoReport(out);
    }

    /**
     * Runs the walkthrough; the caller stops the local mode afterwards.
     *
     * @return whether every step's split was within bounds and no request failed
     */
    public boolean run() {
        report.phase("Starting the local mesh");
        cluster.up(List.of());
        URI order = URI.create(
                "http://127.0.0.1:" + cluster.topology().workload("order").port() + "/");
        try (AppMeshConnection connection =
                AppMeshConnection.open(AppMeshTarget.LOCAL, cluster.controlPlaneEndpoint(), null)) {
            Reconciler reconciler = new Reconciler(connection.backend(), report::change);
            if (reconciler.read(mesh).isPresent()) {
                report.phase("Deleting mesh " + mesh + ", left by an earlier run");
                reconciler.delete(mesh, false);
            }
            return walkthrough(reconciler, order).stream().allMatch(StepResult::passed);
        }
    }

    /** The result as one JSON document (see {@link DemoJson}), after {@link #run()}. */
    public String json() {
        return DemoJson.write(mesh, List.copyOf(results), Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private List<StepResult> walkthrough(Reconciler reconciler, URI order) {
        SplitTally tally = new SplitTally();
        LoadRun load = null;
        try {
            for (DemoStep demoStep : DemoStep.of(steps, cluster.topology())) {
                if (!demoStep.deployFirst().isEmpty()) {
                    report.phase("Deploying " + String.join(", ", demoStep.deployFirst()) + " (under load)");
                    cluster.deploy(demoStep.deployFirst());
                }
                if (!demoStep.measured() && load != null) {
                    load.stop(); // step 99 deletes the mesh order depends on: traffic ends first
                }
                Step step = steps.step(demoStep.step());
                report.step(step);
                reconciler.run(mesh, step, baselines, false);
                if (load == null) {
                    // as in the walkthrough: the mesh first, then the v1 services, whose warm-up (each calls its own
                    // API before it reports ready, service-warmup) then takes the mesh's routes to the backends
                    report.phase("Deploying the v1 workloads ("
                            + String.join(", ", cluster.topology().initialWorkloads()) + ")");
                    cluster.up(cluster.topology().initialWorkloads());
                    report.phase(String.format("Sending %.0f requests/s to order at %s", settings.rate(), order));
                    load = LoadGenerator.start(LoadConfig.untilStopped(order, settings.rate()), response -> {
                        if (response.succeeded()) {
                            tally.record(OrderResponse.parse(response.body()));
                        }
                    });
                }
                StepResult result = demoStep.measured()
                        ? measure(step, reconciler, tally, load)
                        : new StepResult(step.number(), step.title(), Map.of(), load.takeWindow());
                report.result(result);
                results.add(result);
            }
        } finally {
            if (load != null) {
                load.stop();
            }
        }
        report.summary(results);
        return results;
    }

    private StepResult measure(Step step, Reconciler reconciler, SplitTally tally, LoadRun load) {
        Map<String, Map<String, Integer>> weights = configuredWeights(reconciler.requireMesh(mesh));
        sleep(settings.settle());
        tally.takeWindow(); // answers that may predate the change
        sleep(settings.window());
        SplitCounts split = tally.takeWindow();
        LoadResult traffic = load.takeWindow();
        var checks = new LinkedHashMap<String, SplitVerdict>();
        for (String service : BACKENDS) {
            checks.put(
                    service,
                    SplitTest.test(
                            split.versionsOf(service),
                            weights.getOrDefault(service, Map.of()),
                            settings.falseAlarmLimit()));
        }
        return new StepResult(step.number(), step.title(), checks, traffic);
    }

    /** Service to version to weight, from the mesh's routes, mapping each virtual node to the workload it serves. */
    Map<String, Map<String, Integer>> configuredWeights(MeshDescription current) {
        var weights = new TreeMap<String, Map<String, Integer>>();
        for (Route route : current.routes()) {
            for (WeightedTarget target : route.weightedTargets()) {
                Workload workload = cluster.topology().workloads().values().stream()
                        .filter(w -> w.virtualNode().equals(target.virtualNode()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException(
                                "no local workload serves virtual node " + target.virtualNode()));
                weights.computeIfAbsent(workload.serviceName(), s -> new TreeMap<>())
                        .merge(workload.version(), target.weight(), Integer::sum);
            }
        }
        return weights;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
