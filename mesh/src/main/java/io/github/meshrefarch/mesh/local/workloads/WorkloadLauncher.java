package io.github.meshrefarch.mesh.local.workloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/** Starts one workload's JVM from its service jar, as the kubelet would start its container. */
final class WorkloadLauncher {

    /** JVM options for workloads: small heaps and quick start-up, since five run on one laptop. */
    static final String DEFAULT_JAVA_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx256m";

    /**
     * Workloads deployed later, beside ones already serving (a canary), start at a lower CPU priority: on a laptop a
     * JVM starting up would otherwise take the CPU from the traffic, which a cluster node's CPU limits prevent.
     */
    static final int LATER_WORKLOAD_NICENESS = 10;

    private final LocalTopology topology;
    private final JavaProcesses processes;
    private final Path repositoryRoot;
    private final Path logs;

    WorkloadLauncher(LocalTopology topology, JavaProcesses processes, Path repositoryRoot, Path logs) {
        this.topology = topology;
        this.processes = processes;
        this.repositoryRoot = repositoryRoot;
        this.logs = logs;
    }

    Process start(Workload workload, boolean beside) {
        Path jar = jar(workload);
        if (!Files.isRegularFile(jar)) {
            throw new LocalModeException("the jar of workload " + workload.name() + " is missing: " + jar
                    + "; build it with './mvnw package -DskipTests -pl " + workload.module() + "'");
        }
        var environment = new HashMap<>(topology.environmentOf(workload));
        environment.put("SERVER_ADDRESS", "127.0.0.1");
        try {
            return processes.start(
                    javaOptions(),
                    List.of("-jar", jar.toString()),
                    environment,
                    log(workload),
                    beside ? LATER_WORKLOAD_NICENESS : 0);
        } catch (IOException e) {
            throw new LocalModeException("cannot start workload " + workload.name() + ": " + e.getMessage(), e);
        }
    }

    Path jar(Workload workload) {
        return repositoryRoot.resolve(workload.module()).resolve("target").resolve(workload.module() + ".jar");
    }

    Path log(Workload workload) {
        return logs.resolve(workload.name() + ".log");
    }

    private static List<String> javaOptions() {
        String options = System.getenv().getOrDefault("MESHCTL_WORKLOAD_JAVA_OPTS", DEFAULT_JAVA_OPTIONS);
        return Arrays.stream(options.trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
