package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.model.InvalidInputException;
import io.github.meshrefarch.mesh.model.MeshBackend;
import io.github.meshrefarch.mesh.model.Reconciler;
import io.github.meshrefarch.mesh.model.RouteSelector;
import io.github.meshrefarch.mesh.model.UnexpectedStateException;
import io.github.meshrefarch.mesh.rollout.Rollout;
import io.github.meshrefarch.mesh.rollout.RolloutJson;
import io.github.meshrefarch.mesh.rollout.RolloutListener;
import io.github.meshrefarch.mesh.rollout.RolloutLock;
import io.github.meshrefarch.mesh.rollout.RolloutPlan;
import io.github.meshrefarch.mesh.rollout.RolloutProgress;
import io.github.meshrefarch.mesh.rollout.RolloutRecord;
import io.github.meshrefarch.mesh.rollout.VerifyTraffic;
import io.github.meshrefarch.mesh.rollout.metrics.EnvoyAdminSource;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "rollout",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Roll a canary out step by step and verify every step: set the weights through the mesh backend and read"
                    + " them back, check the split order's answers show (an exact binomial test), and judge the"
                    + " canary's error rate and p99 over the interval; at 100%% the canary is promoted (exit 0).",
            "On a breached gate all traffic goes back to the baseline at once, the rollback is verified, and meshctl"
                    + " exits 3 naming the gate, the measured value and the step. Ctrl-C aborts the same way: it rolls"
                    + " back and verifies before exiting.",
            "Defaults: 10s per step at 300 requests/s to the verify URL give ~3000 answers per step, enough for the"
                    + " split test to catch 30%% observed against 25%% configured with probability 0.998 at a false-alarm"
                    + " rate of 0.0009 per step (it needs 2537 answers for 0.99 at most 0.001).",
            "One rollout per route at a time on this machine (a lock in the state directory, shown by 'meshctl"
                    + " status'); on a remote mesh, rollouts from other machines are not seen."
        })
final class RolloutCommand implements Callable<Integer> {

    @ParentCommand
    MeshctlCommand meshctl;

    @Mixin
    LocalOptions local;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "Service (product), router or ROUTER/ROUTE.")
    String service;

    @Option(names = "--to", required = true, paramLabel = "NODE", description = "The canary's virtual node.")
    String canary;

    @Mixin
    RolloutOptions options;

    @Override
    public Integer call() {
        RolloutPlan plan;
        try {
            plan = options.plan(meshctl.mesh(), service, canary);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        var metrics = options.metricsSource(meshctl.target, this::localAdmin);
        try (MeshBackend backend = meshctl.backend()) {
            Reconciler reconciler = meshctl.reconciler(backend);
            String route = RouteSelector.select(reconciler.requireMesh(meshctl.mesh()), service)
                    .id();
            try (RolloutLock lock = RolloutLock.acquire(local.stateDir(), meshctl.mesh(), route, canary);
                    VerifyTraffic verify =
                            plan.answers() == null ? null : VerifyTraffic.start(verifyUrl(), options.verifyRate)) {
                Rollout rollout = new Rollout(
                        reconciler, plan, metrics, verify == null ? null : verify.tally(), listener(plan, lock));
                return report(runAbortable(rollout));
            }
        }
    }

    private URI localAdmin() {
        var daemon = local.cluster(meshctl.err()).status().daemon();
        return daemon != null && daemon.admin() != null ? URI.create(daemon.admin()) : EnvoyAdminSource.DEFAULT_ADMIN;
    }

    /** Runs the rollout; Ctrl-C (a shutdown hook) aborts it and waits until it has rolled back and reported. */
    private RolloutRecord runAbortable(Rollout rollout) {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    rollout.abort();
                    try {
                        done.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "rollout-abort");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            RolloutRecord record = rollout.run();
            print(record);
            return record;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and returns now
            }
        }
    }

    private RolloutListener listener(RolloutPlan plan, RolloutLock lock) {
        long start = System.nanoTime();
        RolloutProgress progress = new RolloutProgress(
                meshctl.err(),
                System.console() != null,
                plan.answers() == null ? null : plan.answers().service(),
                line -> String.format(Locale.ROOT, "[%5.1fs] %s", (System.nanoTime() - start) / 1e9, line));
        return lock.recorder().andThen(progress);
    }

    private void print(RolloutRecord record) {
        if (meshctl.output == MeshctlCommand.OutputFormat.json) {
            meshctl.out().println(RolloutJson.of(record));
        } else {
            record.steps()
                    .forEach(step -> meshctl.out()
                            .println(RolloutProgress.describe(
                                    step, record.steps().size())));
            meshctl.out().println(record.summary());
        }
        meshctl.out().flush();
    }

    /** Order's address, from the global {@code --verify-url}, else the local mode's order. */
    private java.net.URI verifyUrl() {
        return meshctl.gatewayApi.verifyUrl != null ? meshctl.gatewayApi.verifyUrl : RolloutOptions.LOCAL_ORDER;
    }

    private static int report(RolloutRecord record) {
        if (record.outcome() != RolloutRecord.Outcome.PROMOTED) {
            throw new UnexpectedStateException(record.summary());
        }
        return ExitCodes.OK;
    }
}
