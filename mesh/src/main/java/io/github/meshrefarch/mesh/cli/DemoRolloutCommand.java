package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.demo.RolloutDemo;
import io.github.meshrefarch.mesh.model.DescriptionReader;
import io.github.meshrefarch.mesh.model.StepCatalog;
import io.github.meshrefarch.mesh.model.UnexpectedStateException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "rollout",
        mixinStandardHelpOptions = true,
        description = {
            "Progressive delivery on the local mesh under load: roll product v1.5 out step by step to 100%% (each step's"
                    + " split tested on order's answers, the canary's error rate and p99 gated) and promote it; then"
                    + " deploy customer v2 with FAULT_ERROR_RATE=0.3 and watch its rollout caught at the first step and"
                    + " rolled back by itself, with no failed request at order.",
            "Exits 0 only when all of that held. Stops everything it started at the end, also on Ctrl-C."
        })
final class DemoRolloutCommand implements Callable<Integer> {

    @ParentCommand
    DemoCommand demo;

    @Option(
            names = "--rps",
            defaultValue = "100",
            description = "Requests per second to order (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--interval",
            defaultValue = "4s",
            converter = DurationConverter.class,
            description = "How long each step is judged (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(
            names = "--state-dir",
            description = "State of the demo's local mode (default: $MESHCTL_HOME/demo, else ~/.meshctl/demo).")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        MeshctlCommand meshctl = demo.meshctl;
        if (rate <= 0 || interval.toMillis() < 500) {
            throw new picocli.CommandLine.ParameterException(
                    meshctl.spec.commandLine(), "--rps must be positive and --interval at least 500ms");
        }
        boolean json = meshctl.output == MeshctlCommand.OutputFormat.json;
        return DemoCommand.onDemoMesh(meshctl, stateDir, cluster -> {
            RolloutDemo rollouts = new RolloutDemo(
                    cluster,
                    new StepCatalog(StepsCommand.stepsDirOrDefault(null)),
                    DescriptionReader.readDescription(StepsCommand.descriptionOrDefault(null)),
                    meshctl.mesh(),
                    new RolloutDemo.Settings(rate, interval, List.of(20, 50, 100), Map.of("FAULT_ERROR_RATE", "0.3")),
                    json ? meshctl.err() : meshctl.out()); // with -o json, progress goes to stderr
            boolean passed = rollouts.run();
            if (json) {
                meshctl.out().println(rollouts.json());
                meshctl.out().flush();
            }
            if (!passed) {
                throw new UnexpectedStateException("the rollout demo did not go as it should (see above)");
            }
            return ExitCodes.OK;
        });
    }
}
