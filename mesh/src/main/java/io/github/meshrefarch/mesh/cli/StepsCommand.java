package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.model.StepCatalog;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "steps", mixinStandardHelpOptions = true, description = "List the walkthrough's numbered steps.")
final class StepsCommand implements Callable<Integer> {

    @ParentCommand
    MeshctlCommand meshctl;

    @Option(names = "--steps-dir", description = "Directory of the step files NN-name.yaml (default: mesh/steps).")
    Path stepsDir;

    @Override
    public Integer call() {
        meshctl.output().steps(new StepCatalog(stepsDirOrDefault(stepsDir)).steps());
        return ExitCodes.OK;
    }

    static Path stepsDirOrDefault(Path stepsDir) {
        return stepsDir != null
                ? stepsDir
                : MeshctlCommand.root().resolve("mesh").resolve("steps");
    }

    static Path descriptionOrDefault(Path file) {
        return file != null ? file : MeshctlCommand.root().resolve("mesh").resolve("demomesh.yaml");
    }
}
