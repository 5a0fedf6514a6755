package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.appmesh.AppMeshConnection;
import io.github.meshrefarch.mesh.model.DescriptionReader;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.Plan;
import io.github.meshrefarch.mesh.model.Reconciler;
import io.github.meshrefarch.mesh.model.Rollback;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = {
            "Send all traffic of services back to their baseline (v1) node.",
            "Names services (default: every route); routes are updated concurrently.",
            "Baselines come from the description."
        })
final class RollbackCommand implements Callable<Integer> {

    @ParentCommand
    MeshctlCommand meshctl;

    @Parameters(
            paramLabel = "SERVICE",
            arity = "0..*",
            description = "Services to roll back, e.g. product (default: all).")
    List<String> services = List.of();

    @Option(
            names = {"-f", "--file"},
            description = "Description holding the routes' baselines (default: mesh/demomesh.yaml).")
    Path description;

    @Option(names = "--dry-run", description = "Read and plan only: make no change.")
    boolean dryRun;

    @Override
    public Integer call() {
        try (AppMeshConnection connection = meshctl.connect()) {
            Plan plan = rollback(
                    meshctl,
                    meshctl.reconciler(connection),
                    StepsCommand.descriptionOrDefault(description),
                    services,
                    dryRun);
            meshctl.output().plan(plan, dryRun);
        }
        return ExitCodes.OK;
    }

    static Plan rollback(
            MeshctlCommand meshctl,
            Reconciler reconciler,
            Path descriptionFile,
            List<String> services,
            boolean dryRun) {
        MeshDescription description = DescriptionReader.readDescription(descriptionFile);
        MeshDescription current = reconciler.requireMesh(meshctl.mesh());
        Rollback rollback = Rollback.of(current, description, services);
        rollback.unknown()
                .forEach(route -> meshctl.err()
                        .println("skipped route " + route + ": not in " + descriptionFile + ", no baseline known"));
        return reconciler.setTargets(meshctl.mesh(), rollback.routes(), dryRun);
    }
}
