package io.github.meshrefarch.mesh.local.workloads;

import io.github.meshrefarch.mesh.local.workloads.LocalState.DaemonRecord;
import io.github.meshrefarch.mesh.local.workloads.LocalState.WorkloadRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The local mode's processes: the mesh daemon (control plane and data plane in one JVM) and the workloads, each a JVM
 * of its own, as pods would be. Every process started is recorded in the state file before it is waited for, so
 * {@link #down()} can stop everything by process id, whatever happened in between.
 */
public final class LocalCluster {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final LocalTopology topology;
    private final LocalStateStore store;
    private final JavaProcesses processes;
    private final WorkloadLauncher launcher;
    private final DaemonLauncher daemonLauncher;
    private final PrintWriter progress;

    public LocalCluster(LocalTopology topology, Path stateDir, Path repositoryRoot, PrintWriter progress) {
        this.topology = topology;
        this.store = new LocalStateStore(stateDir);
        this.processes = new JavaProcesses(stateDir);
        this.launcher = new WorkloadLauncher(topology, processes, repositoryRoot, stateDir.resolve("logs"));
        this.daemonLauncher = new DaemonLauncher(topology, processes, stateDir);
        this.progress = progress;
    }

    public LocalTopology topology() {
        return topology;
    }

    public URI controlPlaneEndpoint() {
        return URI.create("http://127.0.0.1:" + topology.controlPlanePort());
    }

    /** Starts the mesh daemon unless it already runs; returns whether it started one. */
    public boolean startDaemon() {
        try (var lock = store.lock()) {
            if (daemonRunning()) {
                return false;
            }
            requireDaemonPortsFree();
            startDaemonLocked();
            return true;
        } catch (IOException e) {
            throw new LocalModeException("cannot use the state directory " + store.directory() + ": " + e, e);
        }
    }

    /**
     * Starts the mesh daemon (unless it runs) and the named workloads at the same time, and waits until all are ready:
     * their JVMs start side by side rather than one after the other. Every port is checked before anything starts.
     */
    public void up(List<String> names) {
        names.forEach(topology::workload); // unknown names fail before anything starts
        try (var lock = store.lock()) {
            boolean daemonNeeded = !daemonRunning();
            if (daemonNeeded) {
                requireDaemonPortsFree();
            }
            List<Workload> missing = missingWorkloads(names);
            missing.forEach(workload -> Probes.requireFree(workload.port(), "workload " + workload.name()));
            var starts = new ArrayList<CompletableFuture<Void>>();
            if (daemonNeeded) {
                starts.add(CompletableFuture.runAsync(this::startDaemonLocked));
            }
            describeRuntime(missing);
            missing.forEach(workload -> starts.add(CompletableFuture.runAsync(() -> startWorkload(workload))));
            joinAll(starts);
        } catch (IOException e) {
            throw new LocalModeException("cannot use the state directory " + store.directory() + ": " + e, e);
        }
    }

    private boolean daemonRunning() {
        DaemonRecord running = store.read().daemon();
        return running != null && processes.find(running.pid()).isPresent();
    }

    private void requireDaemonPortsFree() {
        Probes.requireFree(topology.controlPlanePort(), "the local App Mesh endpoint");
        topology.listenerPorts().forEach((service, port) -> Probes.requireFree(port, "the listener of " + service));
    }

    /** Starts the daemon and waits until its App Mesh endpoint answers; the caller holds the state lock. */
    private void startDaemonLocked() {
        Process daemon = daemonLauncher.start();
        store.update(state -> state.withDaemon(
                new DaemonRecord(daemon.pid(), controlPlaneEndpoint().toString(), topology.listenerPorts())));
        progress.printf("Starting the local mesh (App Mesh endpoint %s) ...%n", controlPlaneEndpoint());
        progress.flush();
        URI meshes = URI.create(controlPlaneEndpoint() + "/v20190125/meshes");
        Probes.awaitReady(daemon, meshes, daemonLauncher.log(), "the mesh daemon", READY_TIMEOUT);
    }

    /** Starts the named workloads that are not running yet, in parallel, each waited for until ready. */
    public void deploy(List<String> names) {
        names.forEach(topology::workload); // unknown names fail before anything starts
        try (var lock = store.lock()) {
            List<Workload> missing = missingWorkloads(names);
            describeRuntime(missing);
            joinAll(missing.stream()
                    .map(workload -> CompletableFuture.runAsync(() -> startWorkload(workload)))
                    .toList());
        } catch (IOException e) {
            throw new LocalModeException("cannot use the state directory " + store.directory() + ": " + e, e);
        }
    }

    private List<Workload> missingWorkloads(List<String> names) {
        var missing = new ArrayList<Workload>();
        Map<String, WorkloadRecord> recorded = store.read().workloads();
        for (String name : names) {
            WorkloadRecord existing = recorded.get(name);
            if (existing != null && processes.find(existing.pid()).isPresent()) {
                progress.printf("%s is already running (pid %d)%n", name, existing.pid());
            } else {
                missing.add(topology.workload(name));
            }
        }
        return missing;
    }

    private void describeRuntime(List<Workload> workloads) {
        if (!workloads.isEmpty()) {
            progress.println(launcher.describe(workloads));
            progress.flush();
        }
    }

    private static void joinAll(List<CompletableFuture<Void>> starts) {
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void startWorkload(Workload workload) {
        Probes.requireFree(workload.port(), "workload " + workload.name());
        int management = Probes.managementPort(workload.port());
        Process process = launcher.start(
                workload, management, !topology.initialWorkloads().contains(workload.name()));
        store.update(state -> state.withWorkload(workload.name(), record(workload, management, process.pid(), false)));
        progress.printf(
                "Starting %s %s on port %d, management port %d (pid %d) ...%n",
                workload.name(), workload.version(), workload.port(), management, process.pid());
        progress.flush();
        try {
            Probes.awaitReady(
                    process, Probes.readiness(management), launcher.log(workload), workload.name(), READY_TIMEOUT);
        } catch (RuntimeException notReady) {
            processes.stop(process.pid(), STOP_GRACE);
            store.update(state -> state.withoutWorkload(workload.name()));
            throw notReady;
        }
        store.update(state -> state.withWorkload(workload.name(), record(workload, management, process.pid(), true)));
        progress.printf("%s is ready as %s (%s)%n", workload.name(), workload.hostname(), workload.virtualNode());
        progress.flush();
    }

    private static WorkloadRecord record(Workload workload, int management, long pid, boolean ready) {
        return new WorkloadRecord(
                pid,
                workload.hostname(),
                workload.virtualNode(),
                workload.port(),
                workload.version(),
                ready,
                management);
    }

    /** Stops one workload: first out of the service registry, so no new request goes to it, then its process. */
    public boolean undeploy(String name) {
        topology.workload(name);
        try (var lock = store.lock()) {
            WorkloadRecord record = store.read().workloads().get(name);
            if (record == null) {
                return false;
            }
            store.update(state -> state.withWorkload(name, withReady(record, false)));
            Probes.sleep(RegistryFile.POLL_INTERVAL.multipliedBy(3));
            processes.stop(record.pid(), STOP_GRACE);
            store.update(state -> state.withoutWorkload(name));
            return true;
        } catch (IOException e) {
            throw new LocalModeException("cannot use the state directory " + store.directory() + ": " + e, e);
        }
    }

    private static WorkloadRecord withReady(WorkloadRecord r, boolean ready) {
        return new WorkloadRecord(
                r.pid(), r.hostname(), r.virtualNode(), r.port(), r.version(), ready, r.managementPort());
    }

    /** Stops every process the state file names (workloads first, then the daemon) and clears the state file. */
    public List<String> down() {
        try (var lock = store.lock()) {
            LocalState state = store.read();
            var stopped = new ArrayList<String>();
            var pids =
                    state.workloads().values().stream().map(WorkloadRecord::pid).toList();
            var stoppedPids = processes.stopAll(pids, STOP_GRACE);
            state.workloads().forEach((name, record) -> {
                if (stoppedPids.contains(record.pid())) {
                    stopped.add(name);
                }
            });
            if (state.daemon() != null
                    && !processes
                            .stopAll(List.of(state.daemon().pid()), STOP_GRACE)
                            .isEmpty()) {
                stopped.add("mesh-daemon");
            }
            store.update(ignored -> LocalState.EMPTY);
            return stopped;
        } catch (IOException e) {
            throw new LocalModeException("cannot use the state directory " + store.directory() + ": " + e, e);
        }
    }

    /** Each recorded process, as it is now. */
    public ClusterStatus status() {
        LocalState state = store.read();
        boolean daemonUp =
                state.daemon() != null && processes.find(state.daemon().pid()).isPresent();
        var workloads = new ArrayList<WorkloadStatus>();
        state.workloads().forEach((name, record) -> workloads.add(WorkloadStatus.of(name, record, processes)));
        return new ClusterStatus(state.daemon(), daemonUp, workloads);
    }
}
