package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.local.workloads.LocalCluster;
import io.github.meshrefarch.mesh.local.workloads.LocalTopology;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every {@code local} command shares: where the local mode keeps its state. */
final class LocalOptions {

    @Option(
            names = "--state-dir",
            description =
                    "State of the local mode: processes, logs, the mesh (default: $MESHCTL_HOME, else ~/.meshctl).")
    Path stateDir;

    Path stateDir() {
        if (stateDir != null) {
            return stateDir;
        }
        String home = System.getenv("MESHCTL_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".meshctl");
    }

    /** The repository whose service jars the workloads run; the ./meshctl launcher passes it. */
    static Path repositoryRoot() {
        return Path.of(System.getProperty("meshctl.root", ".")).toAbsolutePath().normalize();
    }

    LocalCluster cluster(PrintWriter progress) {
        return new LocalCluster(LocalTopology.walkthrough(), stateDir(), repositoryRoot(), progress);
    }
}
