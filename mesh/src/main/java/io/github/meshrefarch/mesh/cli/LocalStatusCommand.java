package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.local.workloads.ClusterStatus;
import io.github.meshrefarch.mesh.local.workloads.WorkloadStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show the local mode's processes: ports, health, and the virtual node each workload serves.")
final class LocalStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions local;

    /** The JSON shape (a stable contract): {@code {"daemon": {"pid", "running", "controlPlane", "listeners"}|null,
     * "workloads": [{"name", "version", "virtualNode", "hostname", "port", "pid", "state"}]}}. */
    record StatusJson(DaemonJson daemon, List<WorkloadStatus> workloads) {}

    record DaemonJson(long pid, boolean running, String controlPlane, Map<String, Integer> listeners) {}

    @Override
    public Integer call() {
        ClusterStatus status = local.cluster(spec.commandLine().getErr()).status();
        MeshctlCommand meshctl = (MeshctlCommand) spec.root().userObject();
        if (meshctl.output == MeshctlCommand.OutputFormat.json) {
            DaemonJson daemon = status.daemon() == null
                    ? null
                    : new DaemonJson(
                            status.daemon().pid(),
                            status.daemonRunning(),
                            status.daemon().controlPlane(),
                            status.daemon().listeners());
            spec.commandLine().getOut().println(JSON.writeValueAsString(new StatusJson(daemon, status.workloads())));
        } else {
            spec.commandLine().getOut().println(render(status));
        }
        return ExitCodes.OK;
    }

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

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
        String row = "%-12s %-8s %-15s %-40s %-6s %-8s %s%n";
        text.append(String.format(row, "WORKLOAD", "VERSION", "VIRTUAL NODE", "HOSTNAME", "PORT", "PID", "STATE"));
        for (WorkloadStatus w : status.workloads()) {
            text.append(String.format(
                    row, w.name(), w.version(), w.virtualNode(), w.hostname(), w.port(), w.pid(), w.state()));
        }
        return text.toString().stripTrailing();
    }
}
