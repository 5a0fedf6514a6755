package io.github.meshrefarch.mesh.local.workloads;

import io.github.meshrefarch.mesh.local.controlplane.LocalControlPlane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
                Integer.toString(topology.controlPlanePort())));
        topology.listenerPorts()
                .forEach((service, port) -> arguments.addAll(List.of("--listener", service + "=" + port)));
        return arguments;
    }
}
