package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.local.MeshDaemon;
import io.github.meshrefarch.mesh.local.dataplane.DataPlaneLimits;
import io.github.meshrefarch.mesh.local.workloads.LocalTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The background process {@code local up} starts; not meant to be run by hand, hence hidden. */
@Command(
        name = "daemon",
        hidden = true,
        description = "Run the local control plane and data plane in the foreground (started by 'local up').")
final class LocalDaemonCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--state-dir", required = true)
    Path stateDir;

    @Option(names = "--port", defaultValue = "" + LocalControlPlaneCommand.DEFAULT_PORT)
    int port;

    @Option(names = "--listener", description = "VIRTUAL_SERVICE=PORT of a data plane listener")
    Map<String, Integer> listeners = new LinkedHashMap<>();

    @Option(
            names = "--admin-port",
            defaultValue = "" + LocalTopology.DEFAULT_ADMIN_PORT,
            description = "Port of the data plane's admin listener (Envoy's admin interface), 0 for a free one;"
                    + " default: ${DEFAULT-VALUE}")
    int adminPort;

    @Option(
            names = "--max-connections-per-listener",
            defaultValue = "" + DataPlaneLimits.DEFAULT_MAX_CONNECTIONS_PER_LISTENER,
            description =
                    "Connections a data plane listener holds at most; beyond, closed at accept. Default: ${DEFAULT-VALUE}")
    int maxConnectionsPerListener;

    @Option(
            names = "--connection-idle-timeout-seconds",
            defaultValue = "" + DataPlaneLimits.DEFAULT_CONNECTION_IDLE_SECONDS,
            description =
                    "Close a downstream connection with no request for this long (0: never). Default: ${DEFAULT-VALUE}")
    long connectionIdleSeconds;

    @Option(
            names = "--stream-idle-timeout-seconds",
            defaultValue = "" + DataPlaneLimits.DEFAULT_STREAM_IDLE_SECONDS,
            description = "Cut a request with no byte either way for this long, unless its route sets timeout.idle"
                    + " (0: never). Default: ${DEFAULT-VALUE}")
    long streamIdleSeconds;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        DataPlaneLimits limits = new DataPlaneLimits(
                Duration.ofSeconds(streamIdleSeconds),
                Duration.ofSeconds(connectionIdleSeconds),
                maxConnectionsPerListener);
        MeshDaemon daemon = MeshDaemon.start(stateDir, port, listeners, adminPort, limits);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            daemon.close();
                            stopped.countDown();
                        },
                        "mesh-daemon-shutdown"));
        spec.commandLine()
                .getOut()
                .println("App Mesh endpoint: " + daemon.endpoint() + "; listeners: " + listeners + "; admin: "
                        + daemon.adminEndpoint());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
