package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.local.workloads.ClusterStatus;
import io.github.meshrefarch.mesh.local.workloads.WorkloadStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show the local mode's processes: ports, health, and the virtual node each workload serves.")
final class LocalStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions local;

    @Override
    public Integer call() {
        spec.commandLine()
                .getOut()
                .println(render(local.cluster(spec.commandLine().getErr()).status()));
        return ExitCodes.OK;
    }

    static String render(ClusterStatus status) {
        if (status.isEmpty()) {
            return "The local mesh is not running (start it with './meshctl local up').";
        }
        var text = new StringBuilder();
        if (status.daemon() != null) {
            text.append(String.format(
                    "mesh daemon  pid %d  %s  App Mesh endpoint %s%n",
                    status.daemon().pid(),
                    status.daemonRunning() ? "running" : "NOT RUNNING",
                    status.daemon().controlPlane()));
            status.daemon()
                    .listeners()
                    .forEach((service, port) ->
                            text.append(String.format("  listener   %s -> 127.0.0.1:%d%n", service, port)));
        }
        String row = "%-12s %-8s %-15s %-40s %-6s %-6s %-8s %s%n";
        text.append(
                String.format(row, "WORKLOAD", "VERSION", "VIRTUAL NODE", "HOSTNAME", "PORT", "MGMT", "PID", "STATE"));
        for (WorkloadStatus w : status.workloads()) {
            text.append(String.format(
                    row,
                    w.name(),
                    w.version(),
                    w.virtualNode(),
                    w.hostname(),
                    w.port(),
                    w.managementPort(),
                    w.pid(),
                    w.state()));
        }
        return text.toString().stripTrailing();
    }
}
