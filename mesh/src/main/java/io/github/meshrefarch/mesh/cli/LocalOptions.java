package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.local.workloads.LocalCluster;
import io.github.meshrefarch.mesh.local.workloads.LocalTopology;
import io.github.meshrefarch.mesh.model.DescriptionReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every {@code local} command shares: where the local mode keeps its state. */
final class LocalOptions {

    @Option(
            names = "--state-dir",
            description =
                    "State of the local mode: processes, logs, the mesh (default: $MESHCTL_HOME, else ~/.meshctl).")
    Path stateDir;

    Path stateDir() {
        return stateDir != null ? stateDir : defaultStateDir();
    }

    /**
     * $MESHCTL_HOME, else the {@code meshctl.home} system property (a build gives its tests a directory of their own),
     * else ~/.meshctl.
     */
    static Path defaultStateDir() {
        String home = System.getenv("MESHCTL_HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("meshctl.home");
        }
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".meshctl");
    }

    /** The repository whose service jars the workloads run; the ./meshctl launcher passes it. */
    static Path repositoryRoot() {
        return Path.of(System.getProperty("meshctl.root", ".")).toAbsolutePath().normalize();
    }

    LocalCluster cluster(PrintWriter progress) {
        return new LocalCluster(topology(), stateDir(), repositoryRoot(), progress);
    }

    /** Moves ports of the local mode: {@code controlplane=PORT}, {@code WORKLOAD=PORT}, {@code VIRTUAL_SERVICE=PORT}. */
    static final String PORTS_PROPERTY = "meshctl.local.ports";

    /** The walkthrough's topology, derived from its mesh description, with the ports {@value #PORTS_PROPERTY} moves. */
    static LocalTopology topology() {
        LocalTopology walkthrough = walkthrough();
        String moved = System.getProperty(PORTS_PROPERTY, "");
        if (moved.isBlank()) {
            return walkthrough;
        }
        Map<String, Integer> ports = new HashMap<>();
        for (String entry : moved.split(",")) {
            String[] nameAndPort = entry.strip().split("=", 2);
            ports.put(nameAndPort[0], Integer.parseInt(nameAndPort[1]));
        }
        Map<String, Integer> listeners = new HashMap<>(walkthrough.listenerPorts());
        listeners.replaceAll((service, port) -> ports.getOrDefault(service, port));
        return walkthrough.withPorts(
                ports.getOrDefault("controlplane", walkthrough.controlPlanePort()), listeners, ports);
    }

    /** The local mode of the walkthrough's mesh description (mesh/demomesh.yaml): its workloads and listeners. */
    static LocalTopology walkthrough() {
        return LocalTopology.of(DescriptionReader.readDescription(StepsCommand.descriptionOrDefault(null)));
    }
}
