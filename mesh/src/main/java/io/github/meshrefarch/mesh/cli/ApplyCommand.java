package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.model.DescriptionReader;
import io.github.meshrefarch.mesh.model.MeshBackend;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.Plan;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description = {
            "Reconcile the mesh to a description and print the plan.",
            "Creates what is missing, updates what differs, deletes what is extra (only with --prune),",
            "in dependency order. A second apply makes no change."
        })
final class ApplyCommand implements Callable<Integer> {

    @ParentCommand
    MeshctlCommand meshctl;

    @Option(
            names = {"-f", "--file"},
            required = true,
            description = "Mesh description (YAML), e.g. mesh/demomesh.yaml.")
    Path file;

    @Option(names = "--dry-run", description = "Read and plan only: make no change.")
    boolean dryRun;

    @Option(names = "--prune", description = "Also delete resources of the mesh that the description does not list.")
    boolean prune;

    @Option(
            names = {"-y", "--yes"},
            description =
                    "With --prune on a remote target (aws, gateway-api): delete without asking; required there when not on a terminal.")
    boolean yes;

    @Override
    public Integer call() {
        MeshDescription description = DescriptionReader.readDescription(file);
        if (meshctl.mesh != null) {
            description = description.withMesh(meshctl.mesh);
        }
        if (prune && !dryRun) {
            Terminal.confirm(
                    meshctl.target,
                    yes,
                    "delete what mesh " + description.mesh() + " has beyond " + file.getFileName());
        }
        try (MeshWriteLock writing = meshctl.writing(description.mesh(), dryRun);
                MeshBackend backend = meshctl.backend()) {
            Plan plan = meshctl.reconciler(backend).apply(description, prune, dryRun);
            meshctl.output().plan(plan, dryRun);
        }
        return ExitCodes.OK;
    }
}
