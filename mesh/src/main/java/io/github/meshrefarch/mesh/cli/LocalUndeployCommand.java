package io.github.meshrefarch.mesh.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "undeploy",
        mixinStandardHelpOptions = true,
        description = "Stop workloads: out of the service registry first, then the process (graceful shutdown).")
final class LocalUndeployCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions local;

    @Parameters(arity = "1..*", paramLabel = "WORKLOAD")
    List<String> workloads;

    @Override
    public Integer call() {
        var cluster = local.cluster(spec.commandLine().getErr());
        workloads.forEach(cluster.topology()::workload);
        for (String workload : workloads) {
            boolean stopped = cluster.undeploy(workload);
            spec.commandLine().getOut().println(workload + (stopped ? " stopped" : " was not running"));
        }
        return ExitCodes.OK;
    }
}
