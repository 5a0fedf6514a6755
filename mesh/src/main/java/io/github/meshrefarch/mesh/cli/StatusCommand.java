package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.model.DescriptionReader;
import io.github.meshrefarch.mesh.model.Drifts;
import io.github.meshrefarch.mesh.model.MeshBackend;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.MeshState;
import io.github.meshrefarch.mesh.model.UnexpectedStateException;
import io.github.meshrefarch.mesh.rollout.RolloutLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description =
                "Show every route's weighted targets and version, the rollouts in progress on this machine, and the"
                        + " fields that differ from the description that meshctl does not manage (drift).")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    MeshctlCommand meshctl;

    @Mixin
    LocalOptions local;

    @Option(
            names = {"-f", "--file"},
            description = "Description to report drift against (default: mesh/demomesh.yaml, when it exists).")
    Path file;

    @Override
    public Integer call() {
        try (MeshBackend backend = meshctl.backend()) {
            MeshState state = meshctl.reconciler(backend)
                    .read(meshctl.mesh())
                    .orElseThrow(() -> new UnexpectedStateException(
                            "mesh " + meshctl.mesh() + " does not exist (create it with 'meshctl step 01')"));
            List<RolloutLock.Holder> rollouts = RolloutLock.inProgress(local.stateDir()).stream()
                    .filter(rollout -> rollout.mesh().equals(meshctl.mesh()))
                    .toList();
            meshctl.output().status(state, rollouts, Drifts.ofMesh(state, description()));
        }
        return ExitCodes.OK;
    }

    /**
     * The description drift is reported against. Without one, only the fields no description can hold are reported,
     * not a route's retry policy or timeout.
     */
    private MeshDescription description() {
        Path path = StepsCommand.descriptionOrDefault(file);
        if (file == null && !Files.isRegularFile(path)) {
            return MeshDescription.empty(meshctl.mesh());
        }
        return DescriptionReader.readDescription(path);
    }
}
