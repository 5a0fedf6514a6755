package io.github.meshrefarch.mesh.local.workloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/** Starts one workload's JVM from its service jar, as the kubelet would start its container. */
final class WorkloadLauncher {

    /**
     * JVM options for a service jar built before the AOT layout existed; a jar built now brings its own options (in
     * {@code target/aot/aot.properties}, the ones its AOT cache was trained with).
     */
    static final String DEFAULT_JAVA_OPTIONS = "-XX:+UseSerialGC -Xss512k -Xmx80m";

    /**
     * Workloads deployed later, beside ones already serving (a canary), start at a lower CPU priority: on a laptop a
     * JVM starting up would otherwise take the CPU from the traffic, which a cluster node's CPU limits prevent.
     */
    static final int LATER_WORKLOAD_NICENESS = 10;

    /**
     * Calls to its own API a workload waits to see answered 2xx before it reports ready ({@code WARM_UP_REQUESTS}, see
     * service-warmup), unless meshctl's environment or the workload's sets another number: a canary then takes its
     * first routed request with its request path compiled. Measured in bench/README.md.
     */
    static final String WARM_UP_REQUESTS = "300";

    private final LocalTopology topology;
    private final JavaProcesses processes;
    private final Path repositoryRoot;
    private final Path logs;
    private final WorkloadRuntime runtime;

    WorkloadLauncher(LocalTopology topology, JavaProcesses processes, Path repositoryRoot, Path logs) {
        this(topology, processes, repositoryRoot, logs, WorkloadRuntime.find());
    }

    WorkloadLauncher(
            LocalTopology topology, JavaProcesses processes, Path repositoryRoot, Path logs, WorkloadRuntime runtime) {
        this.topology = topology;
        this.processes = processes;
        this.repositoryRoot = repositoryRoot;
        this.logs = logs;
        this.runtime = runtime;
    }

    /** The runtime, and how each module runs on it, for the progress line. */
    String describe(List<Workload> workloads) {
        var notes = new java.util.TreeMap<String, String>();
        workloads.forEach(w -> notes.put(w.module(), launch(w).note()));
        var text = new StringBuilder("Workloads run on " + runtime.describe());
        notes.forEach(
                (module, note) -> text.append(", ").append(module).append(": ").append(note));
        return text.toString();
    }

    /**
     * Starts the workload's JVM.
     *
     * @param managementPort the port Actuator listens on ({@code MANAGEMENT_PORT}), where the probes go
     */
    Process start(Workload workload, int managementPort, boolean beside) {
        Path jar = jar(workload);
        if (!Files.isRegularFile(jar)) {
            throw new LocalModeException("the jar of workload " + workload.name() + " is missing: " + jar
                    + "; build it with './mvnw package -DskipTests -pl " + workload.module() + "'");
        }
        var environment = new HashMap<>(topology.environmentOf(workload));
        environment.put("SERVER_ADDRESS", "127.0.0.1");
        environment.put("MANAGEMENT_PORT", Integer.toString(managementPort));
        environment.putIfAbsent("WARM_UP_REQUESTS", System.getenv().getOrDefault("WARM_UP_REQUESTS", WARM_UP_REQUESTS));
        WorkloadRuntime.ServiceLaunch launch = launch(workload);
        List<String> options = System.getenv("MESHCTL_WORKLOAD_JAVA_OPTS") == null
                ? launch.options()
                : javaOptions(launch.builtWith());
        try {
            return processes.start(
                    runtime.executable(),
                    options,
                    List.of("-jar", launch.jar().toString()),
                    environment,
                    log(workload),
                    beside ? LATER_WORKLOAD_NICENESS : 0);
        } catch (IOException e) {
            throw new LocalModeException("cannot start workload " + workload.name() + ": " + e.getMessage(), e);
        }
    }

    private WorkloadRuntime.ServiceLaunch launch(Workload workload) {
        Path target = repositoryRoot.resolve(workload.module()).resolve("target");
        return runtime.launch(target, workload.module(), javaOptions(List.of()));
    }

    Path jar(Workload workload) {
        return repositoryRoot.resolve(workload.module()).resolve("target").resolve(workload.module() + ".jar");
    }

    Path log(Workload workload) {
        return logs.resolve(workload.name() + ".log");
    }

    /** {@code builtWith} (how the jar was built), then {@code MESHCTL_WORKLOAD_JAVA_OPTS} when set, else the defaults. */
    private static List<String> javaOptions(List<String> builtWith) {
        String options = System.getenv().getOrDefault("MESHCTL_WORKLOAD_JAVA_OPTS", DEFAULT_JAVA_OPTIONS);
        var all = new java.util.ArrayList<String>(builtWith);
        Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(all::add);
        return all;
    }
}
