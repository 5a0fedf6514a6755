package io.github.meshrefarch.mesh.local.workloads;

import io.github.meshrefarch.mesh.local.controlplane.LocalControlPlane;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the mesh daemon: {@code meshctl local daemon} in a JVM of its own, on this process's class path, serving the
 * local App Mesh endpoint and the data plane listeners of the topology.
 */
final class DaemonLauncher {

    private final LocalTopology topology;
    private final JavaProcesses processes;
    private final Path stateDir;

    DaemonLauncher(LocalTopology topology, JavaProcesses processes, Path stateDir) {
        this.topology = topology;
        this.processes = processes;
        this.stateDir = stateDir;
    }

    Process start() {
        try {
            // The class path goes in an argument file: it keeps the command line short enough to be read back whole.
            Path classPath = stateDir.resolve("mesh-daemon.classpath");
            Files.writeString(classPath, "-cp \"" + System.getProperty("java.class.path") + "\"");
            // also on the command line: the JDK reads it once, when the process's first HTTP server starts
            String noDelay = "-D" + LocalControlPlane.NO_DELAY_PROPERTY + "=true";
            return processes.start(
                    List.of("-XX:+UseSerialGC", "-Xmx512m", noDelay, "@" + classPath), arguments(), Map.of(), log());
        } catch (IOException e) {
            throw new LocalModeException("cannot start the mesh daemon: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until the daemon has written its admin endpoint (it binds it after the App Mesh endpoint) and the endpoint
     * answers {@code /ready}; returns it.
     */
    URI awaitAdminEndpoint(Process daemon, Duration timeout) {
        Path file = new LocalStateStore(stateDir).adminEndpointFile();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && daemon.isAlive()) {
            try {
                URI admin = URI.create(Files.readString(file).trim());
                Probes.awaitReady(daemon, admin.resolve("/ready"), log(), "the data plane's admin listener", timeout);
                return admin;
            } catch (NoSuchFileException notYet) {
                Probes.sleep(Duration.ofMillis(50));
            } catch (IOException e) {
                throw new LocalModeException("cannot read " + file + ": " + e, e);
            }
        }
        throw new LocalModeException(
                "the mesh daemon did not publish its admin endpoint in " + file + "; see " + log());
    }

    Path log() {
        return stateDir.resolve("logs").resolve("mesh-daemon.log");
    }

    private List<String> arguments() {
        var arguments = new ArrayList<>(List.of(
                "io.github.meshrefarch.mesh.cli.Main",
                "local",
                "daemon",
                "--state-dir",
                stateDir.toString(),
                "--port",
                Integer.toString(topology.controlPlanePort()),
                "--admin-port",
                Integer.toString(topology.adminPort())));
        topology.listenerPorts()
                .forEach((service, port) -> arguments.addAll(List.of("--listener", service + "=" + port)));
        return arguments;
    }
}
