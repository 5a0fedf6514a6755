package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.local.workloads.ClusterStatus;
import io.github.meshrefarch.mesh.local.workloads.WorkloadEnvironment;
import io.github.meshrefarch.mesh.local.workloads.WorkloadStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /** The JSON shape (a stable contract): {@code {"daemon": {"pid", "running", "controlPlane", "admin",
     * "listeners", "servedListeners"}|null, "workloads": [{"name", "version", "virtualNode", "hostname", "port",
     * "pid", "state", "environment"}]}}; {@code servedListeners} is null when the admin endpoint is unreachable. */
    record StatusJson(DaemonJson daemon, List<WorkloadStatus> workloads) {}

    record DaemonJson(
            long pid,
            boolean running,
            String controlPlane,
            String admin,
            Map<String, Integer> listeners,
            Map<String, String> servedListeners) {}

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
                            status.daemon().admin(),
                            status.daemon().listeners(),
                            status.servedListeners());
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
            if (status.daemon().admin() != null) {
                text.append(String.format("  admin      %s%n", status.daemon().admin()));
            }
            if (status.servedListeners() != null) {
                new TreeMap<>(status.servedListeners())
                        .forEach((service, address) ->
                                text.append(String.format("  listener   %s -> %s%n", service, address)));
                status.daemon().listeners().keySet().stream()
                        .filter(service -> !status.servedListeners().containsKey(service))
                        .sorted()
                        .forEach(service -> text.append(
                                String.format("  listener   %s -> NOT SERVED (no virtual service)%n", service)));
            } else {
                text.append(String.format("  listeners  unknown: %s%n", status.adminProblem()));
                new TreeMap<>(status.daemon().listeners())
                        .forEach((service, port) -> text.append(
                                String.format("  listener   %s -> 127.0.0.1:%d (configured)%n", service, port)));
            }
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
            if (!w.environment().isEmpty()) {
                text.append(String.format("  env        %s%n", WorkloadEnvironment.format(w.environment())));
            }
        }
        return text.toString().stripTrailing();
    }
}
