package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.model.MeshBackend;
import io.github.meshrefarch.mesh.model.MeshState;
import io.github.meshrefarch.mesh.model.UnexpectedStateException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show every route's weighted targets and version.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    MeshctlCommand meshctl;

    @Override
    public Integer call() {
        try (MeshBackend backend = meshctl.backend()) {
            MeshState state = meshctl.reconciler(backend)
                    .read(meshctl.mesh())
                    .orElseThrow(() -> new UnexpectedStateException(
                            "mesh " + meshctl.mesh() + " does not exist (create it with 'meshctl step 01')"));
            meshctl.output().status(state);
        }
        return ExitCodes.OK;
    }
}
