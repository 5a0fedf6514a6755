package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.local.controlplane.LocalControlPlane;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "controlplane",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the App Mesh API (2019-01-25) on 127.0.0.1 in the foreground until Ctrl-C.",
            "Point any AWS client at it, e.g. aws appmesh list-meshes --endpoint-url http://127.0.0.1:9080"
        })
final class LocalControlPlaneCommand implements Callable<Integer> {

    static final int DEFAULT_PORT = 9080;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--port",
            defaultValue = "" + DEFAULT_PORT,
            description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(
            names = "--state-dir",
            description =
                    "Where the mesh state is kept (default: $MESHCTL_HOME/controlplane, else ~/.meshctl/controlplane).")
    Path stateDir;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            spec.commandLine().getErr().println("meshctl: --port must be between 0 and 65535, not " + port);
            return 2;
        }
        Path directory = stateDir != null ? stateDir : defaultStateDir();
        LocalControlPlane controlPlane;
        try {
            controlPlane = LocalControlPlane.start(port, directory);
        } catch (BindException e) {
            spec.commandLine().getErr().println("meshctl: port " + port + " on 127.0.0.1 is already in use");
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("meshctl: cannot start the control plane: " + e.getMessage());
            return 1;
        }
        Thread shutdown = new Thread(() -> stop(controlPlane), "controlplane-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        spec.commandLine().getOut().println("App Mesh endpoint: " + controlPlane.endpoint());
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println("State in " + directory.toAbsolutePath() + "; Ctrl-C stops.");
        stopped.await();
        return 0;
    }

    private void stop(LocalControlPlane controlPlane) {
        controlPlane.close();
        stopped.countDown();
    }

    static Path defaultStateDir() {
        return LocalOptions.defaultStateDir().resolve("controlplane");
    }
}
