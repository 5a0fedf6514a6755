package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.local.workloads.LocalCluster;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions local;

    @Override
    public Integer call() {
        LocalCluster cluster = local.cluster(spec.commandLine().getErr());
        cluster.startDaemon();
        cluster.deploy(cluster.topology().initialWorkloads());
        spec.commandLine().getOut().println(LocalStatusCommand.render(cluster.status()));
        return ExitCodes.OK;
    }
}
