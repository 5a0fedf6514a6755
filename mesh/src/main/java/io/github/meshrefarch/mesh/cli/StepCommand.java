package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.model.DescriptionReader;
import io.github.meshrefarch.mesh.model.MeshBackend;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.Plan;
import io.github.meshrefarch.mesh.model.Reconciler;
import io.github.meshrefarch.mesh.model.Step;
import io.github.meshrefarch.mesh.model.StepCatalog;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "step",
        mixinStandardHelpOptions = true,
        description = {
            "Run one numbered step of the walkthrough (see 'meshctl steps').",
            "Steps are files: edit one (e.g. the weights of 03) and run it again."
        })
final class StepCommand implements Callable<Integer> {

    @ParentCommand
    MeshctlCommand meshctl;

    @Parameters(index = "0", paramLabel = "NN", description = "Step number, e.g. 01 or 3.")
    String number;

    @Option(names = "--dry-run", description = "Read and plan only: make no change.")
    boolean dryRun;

    @Option(names = "--steps-dir", description = "Directory of the step files NN-name.yaml (default: mesh/steps).")
    Path stepsDir;

    @Option(
            names = {"-f", "--file"},
            description =
                    "Description holding the routes' baselines, for a rollback step (default: mesh/demomesh.yaml).")
    Path description;

    @Override
    public Integer call() {
        Step step = new StepCatalog(StepsCommand.stepsDirOrDefault(stepsDir)).step(number);
        meshctl.err().println("Step " + step.number() + ": " + step.title());
        try (MeshWriteLock writing = meshctl.writing(meshctl.mesh(), dryRun);
                MeshBackend backend = meshctl.backend()) {
            Reconciler reconciler = meshctl.reconciler(backend);
            MeshDescription baselines = step.kind() == Step.Kind.ROLLBACK
                    ? DescriptionReader.readDescription(StepsCommand.descriptionOrDefault(description))
                    : null;
            Plan plan = reconciler.run(meshctl.mesh(), step, baselines, dryRun);
            meshctl.output().plan(plan, dryRun);
        }
        return ExitCodes.OK;
    }
}
