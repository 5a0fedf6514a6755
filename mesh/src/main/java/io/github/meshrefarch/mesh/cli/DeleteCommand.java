package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.model.MeshBackend;
import io.github.meshrefarch.mesh.model.Plan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = {
            "Delete the mesh and everything in it.",
            "Order: virtual services, routes, routers, nodes, then the mesh.",
            "Idempotent: finishes a half-deleted mesh, and a missing mesh is nothing to do."
        })
final class DeleteCommand implements Callable<Integer> {

    @ParentCommand
    MeshctlCommand meshctl;

    @Option(names = "--dry-run", description = "Read and plan only: make no change.")
    boolean dryRun;

    @Option(
            names = {"-y", "--yes"},
            description =
                    "Delete on a remote target (aws, gateway-api) without asking; required there when not on a terminal.")
    boolean yes;

    @Override
    public Integer call() {
        if (!dryRun) {
            Terminal.confirm(meshctl.target, yes, "delete mesh " + meshctl.mesh() + " and everything in it");
        }
        try (MeshWriteLock writing = meshctl.writing(meshctl.mesh(), dryRun);
                MeshBackend backend = meshctl.backend()) {
            Plan plan = meshctl.reconciler(backend).delete(meshctl.mesh(), dryRun);
            if (plan.changes().isEmpty()) {
                meshctl.err().println("mesh " + meshctl.mesh() + " does not exist: nothing to delete");
            }
            meshctl.output().plan(plan, dryRun);
        }
        return ExitCodes.OK;
    }
}
