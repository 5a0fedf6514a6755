package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.appmesh.AppMeshConnection;
import io.github.meshrefarch.mesh.appmesh.AppMeshTarget;
import io.github.meshrefarch.mesh.local.workloads.LocalCluster;
import io.github.meshrefarch.mesh.model.MeshBackend;
import io.github.meshrefarch.mesh.model.Reconciler;
import io.github.meshrefarch.mesh.model.Step;
import io.github.meshrefarch.mesh.model.StepCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Start the local mesh: the App Mesh control plane and data plane, and the v1 workloads (order, product,"
                    + " customer); create the walkthrough's mesh (step 01) when there is none.",
            "Running it again starts only what is missing. Order answers on http://localhost:8080."
        })
final class LocalUpCommand implements Callable<Integer> {

    /** The step that creates the walkthrough's mesh for v1. */
    static final String FIRST_STEP = "01";

    @Spec
    CommandSpec spec;

    @ParentCommand
    LocalCommand parent;

    @Mixin
    LocalOptions local;

    @Override
    public Integer call() throws Exception {
        MeshctlCommand meshctl = parent.meshctl;
        LocalCluster cluster = local.cluster(meshctl.err());
        Step first = new StepCatalog(StepsCommand.stepsDirOrDefault(null)).step(FIRST_STEP);
        try (AutoCloseable interruptible = cluster.stopStartedOnExit()) { // Ctrl-C until up: stop what it started
            return up(meshctl, cluster, first);
        }
    }

    private Integer up(MeshctlCommand meshctl, LocalCluster cluster, Step first) {
        cluster.startDaemon();
        try (MeshWriteLock writing = MeshWriteLock.acquire(
                        LocalOptions.defaultStateDir(), Target.LOCAL, meshctl.mesh(), meshctl.err());
                MeshBackend backend = AppMeshConnection.open(AppMeshTarget.LOCAL, cluster.controlPlaneEndpoint(), null)
                        .backend()) {
            Reconciler reconciler = meshctl.reconciler(backend);
            if (reconciler.read(meshctl.mesh()).isEmpty()) {
                meshctl.err().println("Step " + first.number() + ": " + first.title());
                reconciler.applyPartial(
                        meshctl.mesh(), first.content().apply(), first.file().toString(), false);
            }
        }
        cluster.deploy(cluster.topology().initialWorkloads());
        meshctl.out().println(LocalStatusCommand.render(cluster.status()));
        return ExitCodes.OK;
    }
}
