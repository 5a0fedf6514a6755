package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.demo.Demo;
import io.github.meshrefarch.mesh.load.split.SplitTest;
import io.github.meshrefarch.mesh.local.workloads.LocalCluster;
import io.github.meshrefarch.mesh.model.DescriptionReader;
import io.github.meshrefarch.mesh.model.StepCatalog;
import io.github.meshrefarch.mesh.model.UnexpectedStateException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        subcommands = DemoRolloutCommand.class,
        description = {
            "Run the whole walkthrough on the local mesh with live traffic: start the local mode, run steps 01..08"
                    + " and 99 (deploying product-v15 and customer-v2 on the way) while order is called, and show"
                    + " after each step the configured weights, the versions order's answers showed, and failed"
                    + " requests.",
            "Exits 0 only when every step's split is within bounds of its weights and no request failed."
                    + " Stops everything it started at the end, also on Ctrl-C.",
            "With -o json, progress goes to stderr and the result (steps, per step requests, failed requests,"
                    + " answers by version and weights, totals, duration) to stdout as one JSON document.",
            "'demo rollout' shows meshctl rollout instead: one promoted rollout, one automatic rollback."
        })
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    MeshctlCommand meshctl;

    @Option(
            names = "--rps",
            defaultValue = "100",
            description = "Requests per second to order (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--window",
            defaultValue = "2500ms",
            converter = DurationConverter.class,
            description = "How long each step is measured (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(
            names = "--state-dir",
            description = "State of the demo's local mode (default: $MESHCTL_HOME/demo, else ~/.meshctl/demo).")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        if (rate <= 0 || window.isNegative() || window.isZero()) {
            throw new picocli.CommandLine.ParameterException(
                    meshctl.spec.commandLine(), "--rps and --window must be positive");
        }
        return onDemoMesh(meshctl, stateDir, this::demo);
    }

    /**
     * Runs {@code demo} on the demo's own local mesh ({@code stateDir}, else $MESHCTL_HOME/demo) and stops everything
     * it started at the end; Ctrl-C or SIGTERM at any moment, also while stopping, stops it too (the guard takes no
     * lock, which the demo may hold). Shared with {@code demo rollout}.
     */
    static int onDemoMesh(MeshctlCommand meshctl, Path stateDir, Function<LocalCluster, Integer> demo)
            throws Exception {
        LocalOptions local = new LocalOptions();
        local.stateDir = stateDir != null ? stateDir : local.stateDir().resolve("demo");
        LocalCluster cluster = local.cluster(meshctl.err());
        try (AutoCloseable interruptible = cluster.stopStartedOnExit()) {
            try {
                return demo.apply(cluster);
            } finally {
                meshctl.err().println("Stopping the local mesh ...");
                meshctl.err().flush();
                cluster.down();
            }
        }
    }

    private Integer demo(LocalCluster cluster) {
        boolean json = meshctl.output == MeshctlCommand.OutputFormat.json;
        Demo demo = new Demo(
                cluster,
                new StepCatalog(StepsCommand.stepsDirOrDefault(null)),
                DescriptionReader.readDescription(StepsCommand.descriptionOrDefault(null)),
                meshctl.mesh(),
                new Demo.Settings(rate, Duration.ofMillis(200), window, SplitTest.DEFAULT_FALSE_ALARM_LIMIT),
                json ? meshctl.err() : meshctl.out()); // with -o json, progress goes to stderr
        boolean passed = demo.run();
        if (json) {
            meshctl.out().println(demo.json());
            meshctl.out().flush();
        }
        if (!passed) {
            throw new UnexpectedStateException("the demo saw failed requests or a split out of bounds (see above)");
        }
        return ExitCodes.OK;
    }
}
