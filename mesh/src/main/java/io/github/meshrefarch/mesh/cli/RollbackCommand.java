package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.model.DescriptionReader;
import io.github.meshrefarch.mesh.model.MeshBackend;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.Plan;
import io.github.meshrefarch.mesh.model.RollbackReport;
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
            "Names services (default: every route); routes are updated concurrently, each to completion, then read"
                    + " back: every route is reported as rolled back, unchanged or failed (with the reason).",
            "Exits 3 when any route did not reach its baseline.",
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
        try (MeshWriteLock writing = meshctl.writing(meshctl.mesh(), dryRun);
                MeshBackend backend = meshctl.backend()) {
            MeshDescription baselines =
                    DescriptionReader.readDescription(StepsCommand.descriptionOrDefault(description));
            if (dryRun) {
                Plan plan = meshctl.reconciler(backend).rollback(meshctl.mesh(), baselines, services, true);
                meshctl.output().plan(plan, true);
                return ExitCodes.OK;
            }
            RollbackReport report = meshctl.reconciler(backend).rollbackReported(meshctl.mesh(), baselines, services);
            meshctl.output().rollback(report);
            if (!report.complete()) {
                meshctl.err()
                        .printf(
                                "meshctl: %d of %d routes did not reach their baseline (see above)%n",
                                report.failed(), report.routes().size());
                return ExitCodes.UNEXPECTED_STATE;
            }
        }
        return ExitCodes.OK;
    }
}
