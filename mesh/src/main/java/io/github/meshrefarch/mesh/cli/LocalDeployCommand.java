package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.local.workloads.LocalCluster;
import io.github.meshrefarch.mesh.local.workloads.WorkloadEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Start workloads and wait until they are ready, as 'kubectl apply' of a Deployment would;"
                    + " a running one is left as it is, unless --env changes its environment: it is then restarted.",
            "Workloads: one per virtual node of the mesh description (mesh/demomesh.yaml), named after the first label"
                    + " of its hostname ('local status' lists them).",
            "Example, a bad canary: ./meshctl local deploy product-v15 --env FAULT_ERROR_RATE=0.3"
        })
final class LocalDeployCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions local;

    @Parameters(arity = "1..*", paramLabel = "WORKLOAD")
    List<String> workloads;

    @Option(
            names = "--env",
            paramLabel = "KEY=VALUE",
            description = "Environment of the workloads, e.g. FAULT_ERROR_RATE=0.3 or FAULT_DELAY_MS=300 (repeatable)."
                    + " It replaces the environment given before, is recorded, shown by 'local status' and kept"
                    + " when the workload is started again; without --env the recorded one is kept.")
    List<String> environment;

    @Override
    public Integer call() throws Exception {
        Map<String, String> parsed = environment == null ? null : WorkloadEnvironment.parse(environment);
        LocalCluster cluster = local.cluster(spec.commandLine().getErr());
        try (AutoCloseable interruptible = cluster.stopStartedOnExit()) { // Ctrl-C until ready: stop what it started
            cluster.deploy(workloads, parsed);
        }
        return ExitCodes.OK;
    }
}
