package io.github.meshrefarch.mesh.cli;

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
    public Integer call() {
        local.cluster(spec.commandLine().getErr()).deploy(workloads);
        return ExitCodes.OK;
    }
}
