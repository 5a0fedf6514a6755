package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.local.MeshDaemon;
import io.github.meshrefarch.mesh.local.workloads.LocalTopology;
import java.nio.file.Path;
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

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        MeshDaemon daemon = MeshDaemon.start(stateDir, port, listeners, adminPort);
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
