package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.local.workloads.LocalCluster;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Start workloads and wait until they are ready, as 'kubectl apply' of a Deployment would;"
                    + " a running one is left as it is.",
            "Workloads: order, product, customer, product-v15, customer-v2."
        })
final class LocalDeployCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions local;

    @Parameters(arity = "1..*", paramLabel = "WORKLOAD")
    List<String> workloads;

    @Override
    public Integer call() throws Exception {
        LocalCluster cluster = local.cluster(spec.commandLine().getErr());
        try (AutoCloseable interruptible = cluster.stopStartedOnExit()) { // Ctrl-C until ready: stop what it started
            cluster.deploy(workloads);
        }
        return ExitCodes.OK;
    }
}
