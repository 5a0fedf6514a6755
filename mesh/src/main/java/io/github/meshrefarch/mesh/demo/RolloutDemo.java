package io.github.meshrefarch.mesh.demo;

import io.github.meshrefarch.mesh.appmesh.AppMeshConnection;
import io.github.meshrefarch.mesh.appmesh.AppMeshTarget;
import io.github.meshrefarch.mesh.load.generator.LoadConfig;
import io.github.meshrefarch.mesh.load.generator.LoadGenerator;
import io.github.meshrefarch.mesh.load.generator.LoadRun;
import io.github.meshrefarch.mesh.load.order.OrderResponse;
import io.github.meshrefarch.mesh.load.split.SplitTally;
import io.github.meshrefarch.mesh.local.workloads.LocalCluster;
import io.github.meshrefarch.mesh.local.workloads.Workload;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.Reconciler;
import io.github.meshrefarch.mesh.model.StepCatalog;
import io.github.meshrefarch.mesh.rollout.Gates;
import io.github.meshrefarch.mesh.rollout.Rollout;
import io.github.meshrefarch.mesh.rollout.RolloutListener;
import io.github.meshrefarch.mesh.rollout.RolloutPlan;
import io.github.meshrefarch.mesh.rollout.RolloutRecord;
import io.github.meshrefarch.mesh.rollout.StepRecord;
import io.github.meshrefarch.mesh.rollout.metrics.EnvoyAdminSource;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Progressive delivery on the local mesh under load: product v1.5 rolled out step by step and promoted, then customer
 * v2 deployed with a fault ({@code FAULT_ERROR_RATE=0.3}) and its rollout caught by the error-rate gate at the first
 * step and rolled back by itself; order's callers see no failed request (the routes retry server errors).
 */
public final class RolloutDemo {

    /**
     * How the demo runs its rollouts.
     *
     * @param rate requests per second to order (the users; their answers are also what each step's split is tested on)
     * @param interval how long each step is judged
     * @param productSteps the canary weights of product's rollout
     * @param faultyEnvironment the environment customer-v2 is deployed with
     */
    public record Settings(
            double rate, Duration interval, List<Integer> productSteps, Map<String, String> faultyEnvironment) {}

    /**
     * A step may fail one check and be judged again; the second failed check rolls back. Six JVMs share this machine's
     * cores with the load: one noisy interval (a canary's first compilations, a neighbour's burst) must not decide.
     */
    static final int THRESHOLD = 2;

    private final LocalCluster cluster;
    private final StepCatalog steps;
    private final MeshDescription baselines;
    private final String mesh;
    private final Settings settings;
    private final RolloutDemoReport report;

    public RolloutDemo(
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
        this.report = new RolloutDemoReport(out);
    }

    /** Runs both rollouts; the caller stops the local mode afterwards. Returns whether everything held. */
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
            for (String step : List.of("01", "02", "05")) {
                report.phase("Step " + step + ": " + steps.step(step).title());
                reconciler.run(mesh, steps.step(step), baselines, false);
            }
            // the mesh first, then the workloads, whose warm-up before readiness (service-warmup) takes its routes
            report.phase("Deploying order, product, customer, product-v15");
            cluster.up(List.of("order", "product", "customer", "product-v15"));
            // a JVM starting under load on two cores stalls order's answers: the faulty canary starts first, unrouted
            report.phase(
                    "Deploying customer-v2 with " + settings.faultyEnvironment() + " (no traffic until its rollout)");
            cluster.deploy(List.of("customer-v2"), settings.faultyEnvironment());
            return rollouts(reconciler, order);
        }
    }

    private boolean rollouts(Reconciler reconciler, URI order) {
        SplitTally tally = new SplitTally();
        report.phase(String.format("Sending %.0f requests/s to order at %s", settings.rate(), order));
        try (LoadRun load = LoadGenerator.start(LoadConfig.untilStopped(order, settings.rate()), response -> {
            if (response.succeeded()) {
                tally.record(OrderResponse.parse(response.body()));
            }
        })) {
            RolloutRecord product =
                    rollout(reconciler, tally, load, "product", "product-v15-vn", settings.productSteps());
            RolloutRecord customer =
                    rollout(reconciler, tally, load, "customer", "customer-v2-vn", RolloutPlan.everyStepOf(10));
            load.stop(); // every request sent is counted, those in flight at the end too
            report.afterRollouts(load.takeWindow());
            return report.summary(product, customer);
        }
    }

    /** The result as one JSON document (see {@link RolloutDemoReport#json()}), after {@link #run()}. */
    public String json() {
        return report.json();
    }

    private RolloutRecord rollout(
            Reconciler reconciler,
            SplitTally tally,
            LoadRun load,
            String service,
            String canary,
            List<Integer> weights) {
        report.phase("Rolling " + canary + " out: " + service + " to " + weights + ", "
                + settings.interval().toMillis() + " ms per step");
        load.takeWindow(); // requests before the rollout are not its own
        RolloutPlan plan = new RolloutPlan(
                mesh,
                service,
                canary,
                null,
                weights,
                settings.interval(),
                Duration.ofMillis(300),
                Gates.DEFAULTS,
                THRESHOLD,
                0.001,
                answers(canary));
        RolloutListener perStep = new RolloutListener() {
            @Override
            public void stepEnded(StepRecord step, int total) {
                report.step(service, step, total, load.takeWindow());
            }

            @Override
            public void holding(StepRecord step, int failedChecks, int threshold) {
                report.phase(service + ": " + RolloutRecord.holding(step, failedChecks, threshold));
            }

            @Override
            public void rollingBack(String reason) {
                report.phase("Rolling back " + service + ": " + reason);
            }
        };
        EnvoyAdminSource metrics =
                new EnvoyAdminSource(URI.create(cluster.status().daemon().admin()));
        RolloutRecord record = new Rollout(reconciler, plan, metrics, tally, perStep).run();
        report.finished(service, record, load.takeWindow());
        return record;
    }

    private RolloutPlan.Answers answers(String canary) {
        Map<String, String> versions = new HashMap<>();
        String service = null;
        for (Workload workload : cluster.topology().workloads().values()) {
            versions.put(workload.virtualNode(), workload.version());
            if (workload.virtualNode().equals(canary)) {
                service = workload.serviceName();
            }
        }
        return new RolloutPlan.Answers(service, versions);
    }
}
