package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.model.MeshBackend;
import io.github.meshrefarch.mesh.model.MeshState;
import io.github.meshrefarch.mesh.model.UnexpectedStateException;
import io.github.meshrefarch.mesh.rollout.RolloutLock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show every route's weighted targets and version, and the rollouts in progress on this machine.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    MeshctlCommand meshctl;

    @Mixin
    LocalOptions local;

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
            meshctl.output().status(state, rollouts);
        }
        return ExitCodes.OK;
    }
}
