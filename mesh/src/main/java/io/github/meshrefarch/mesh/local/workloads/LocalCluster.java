package io.github.meshrefarch.mesh.local.workloads;

import io.github.meshrefarch.mesh.local.DirectoryLock;
import io.github.meshrefarch.mesh.local.admin.AdminClient;
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
    private final Object starts = new Object();
    private final List<Long> startedHere = new ArrayList<>(); // guarded by starts
    private boolean stopping; // guarded by starts

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
        try (var lock = lock()) {
            if (daemonRunning()) {
                return false;
            }
            requireDaemonPortsFree();
            startDaemonLocked();
            return true;
        } catch (IOException e) {
            throw stateDirectoryProblem(e);
        }
    }

    /**
     * Starts the mesh daemon (unless it runs) and the named workloads at the same time, and waits until all are ready:
     * their JVMs start side by side rather than one after the other. Every port is checked before anything starts.
     */
    public void up(List<String> names) {
        names.forEach(topology::workload); // unknown names fail before anything starts
        try (var lock = lock()) {
            boolean daemonNeeded = !daemonRunning();
            if (daemonNeeded) {
                requireDaemonPortsFree();
            }
            List<Workload> missing = missingWorkloads(names, null);
            missing.forEach(workload -> requireFree(workload.port(), "workload " + workload.name()));
            var starts = new ArrayList<CompletableFuture<Void>>();
            if (daemonNeeded) {
                starts.add(CompletableFuture.runAsync(this::startDaemonLocked));
            }
            describeRuntime(missing);
            // while no workload runs, no JVM here takes CPU from requests: none is lowered
            boolean serving = store.read().workloads().values().stream()
                    .anyMatch(running -> processes.find(running.pid()).isPresent());
            missing.forEach(workload ->
                    starts.add(CompletableFuture.runAsync(() -> startWorkload(workload, serving && beside(workload)))));
            joinAll(starts);
        } catch (IOException e) {
            throw stateDirectoryProblem(e);
        }
    }

    private LocalStateStore.Lock lock() throws IOException {
        return store.lock(LocalStateStore.LOCK_WAIT, message -> {
            progress.println(message);
            progress.flush();
        });
    }

    private LocalModeException stateDirectoryProblem(IOException e) {
        String reason = e instanceof DirectoryLock.LockedException ? e.getMessage() : e.toString();
        return new LocalModeException("cannot use the state directory " + store.directory() + ": " + reason, e);
    }

    private boolean daemonRunning() {
        DaemonRecord running = store.read().daemon();
        return running != null && processes.find(running.pid()).isPresent();
    }

    private void requireDaemonPortsFree() {
        requireFree(topology.controlPlanePort(), "the local App Mesh endpoint");
        topology.listenerPorts().forEach((service, port) -> requireFree(port, "the listener of " + service));
        if (topology.adminPort() != 0) {
            requireFree(topology.adminPort(), "the data plane's admin listener");
        }
    }

    /** Starts the daemon and waits until its App Mesh endpoint answers; the caller holds the state lock. */
    private void startDaemonLocked() {
        Process daemon = register(daemonLauncher::start);
        store.update(state -> state.withDaemon(
                new DaemonRecord(daemon.pid(), controlPlaneEndpoint().toString(), topology.listenerPorts(), null)));
        progress.printf("Starting the local mesh (App Mesh endpoint %s) ...%n", controlPlaneEndpoint());
        progress.flush();
        URI meshes = URI.create(controlPlaneEndpoint() + "/v20190125/meshes");
        Probes.awaitReady(daemon, meshes, daemonLauncher.log(), "the mesh daemon", READY_TIMEOUT);
        URI admin = daemonLauncher.awaitAdminEndpoint(daemon, READY_TIMEOUT);
        store.update(state -> state.withDaemon(state.daemon().withAdmin(admin.toString())));
    }

    /** Starts the named workloads that are not running yet, in parallel, each waited for until ready. */
    public void deploy(List<String> names) {
        deploy(names, null);
    }

    /**
     * Starts the named workloads that are not running yet, in parallel, each waited for until ready, with {@code
     * environment} added to their environment and recorded; a running one whose recorded environment differs is
     * restarted with it. A null {@code environment} keeps each workload's recorded one (none for a new workload).
     */
    public void deploy(List<String> names, Map<String, String> environment) {
        names.forEach(topology::workload); // unknown names fail before anything starts
        try (var lock = lock()) {
            List<Workload> missing = missingWorkloads(names, environment);
            describeRuntime(missing);
            joinAll(missing.stream()
                    .map(workload -> CompletableFuture.runAsync(() -> startWorkload(workload, beside(workload))))
                    .toList());
        } catch (IOException e) {
            throw stateDirectoryProblem(e);
        }
    }

    /**
     * The workloads to start, each with the environment it is to run with: the given one, else the recorded one. A
     * running workload is left alone unless the given environment differs from the one it runs with; it is then
     * stopped here, to be started again.
     */
    private List<Workload> missingWorkloads(List<String> names, Map<String, String> environment) {
        var missing = new ArrayList<Workload>();
        Map<String, WorkloadRecord> recorded = store.read().workloads();
        for (String name : names) {
            WorkloadRecord existing = recorded.get(name);
            Map<String, String> wanted =
                    environment != null ? environment : existing != null ? existing.environment() : Map.of();
            boolean running = existing != null && processes.find(existing.pid()).isPresent();
            if (running && existing.environment().equals(wanted)) {
                progress.printf("%s is already running (pid %d)%n", name, existing.pid());
                continue;
            }
            if (running) {
                progress.printf("Restarting %s with environment %s ...%n", name, WorkloadEnvironment.format(wanted));
                stopLocked(name, existing);
            }
            missing.add(topology.workload(name).withEnvironment(wanted));
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

    /** A workload beyond the initial ones (a canary) starts beside workloads that may serve traffic already. */
    private boolean beside(Workload workload) {
        return !topology.initialWorkloads().contains(workload.name());
    }

    /** @param beside start at a lower CPU priority ({@link WorkloadLauncher#LATER_WORKLOAD_NICENESS}) */
    private void startWorkload(Workload workload, boolean beside) {
        requireFree(workload.port(), "workload " + workload.name());
        int management = Probes.managementPort(workload.port());
        Process process = register(() -> launcher.start(workload, management, beside));
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

    /** The record of a workload; its environment is what the user gave beyond the topology's own. */
    private WorkloadRecord record(Workload workload, int management, long pid, boolean ready) {
        Map<String, String> own = topology.workload(workload.name()).environment();
        var given = new java.util.TreeMap<String, String>();
        workload.environment().forEach((key, value) -> {
            if (!value.equals(own.get(key))) {
                given.put(key, value);
            }
        });
        return new WorkloadRecord(
                pid,
                workload.hostname(),
                workload.virtualNode(),
                workload.port(),
                workload.version(),
                ready,
                given,
                management);
    }

    /** Stops one workload: first out of the service registry, so no new request goes to it, then its process. */
    public boolean undeploy(String name) {
        topology.workload(name);
        try (var lock = lock()) {
            WorkloadRecord record = store.read().workloads().get(name);
            if (record == null) {
                return false;
            }
            stopLocked(name, record);
            store.update(state -> state.withoutWorkload(name));
            return true;
        } catch (IOException e) {
            throw stateDirectoryProblem(e);
        }
    }

    /** Takes the workload out of the service registry, so no new request goes to it, then stops its process. */
    private void stopLocked(String name, WorkloadRecord record) {
        store.update(state -> state.withWorkload(name, record.withReady(false)));
        Probes.sleep(RegistryFile.POLL_INTERVAL.multipliedBy(3));
        processes.stop(record.pid(), STOP_GRACE);
    }

    /** Stops every process the state file names (workloads first, then the daemon) and clears the state file. */
    public List<String> down() {
        try (var lock = lock()) {
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
            throw stateDirectoryProblem(e);
        }
    }

    /**
     * Until the returned guard is closed, an interrupt (Ctrl-C) or SIGTERM of this JVM stops every process this cluster
     * started, before the JVM exits: with the workloads in sessions of their own, nothing else would.
     */
    public AutoCloseable stopStartedOnExit() {
        Thread hook = new Thread(this::stopStarted, "local-mode-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs already
            }
        };
    }

    /**
     * Stops every process this cluster started and refuses to start more; takes no lock (another thread of this
     * process may hold the state directory's), and drops the stopped processes from the state file.
     */
    public void stopStarted() {
        List<Long> pids;
        synchronized (starts) {
            stopping = true;
            pids = List.copyOf(startedHere);
        }
        processes.stopAll(pids, STOP_GRACE);
        try {
            store.update(state -> {
                LocalState left = state;
                for (var entry : state.workloads().entrySet()) {
                    if (pids.contains(entry.getValue().pid())) {
                        left = left.withoutWorkload(entry.getKey());
                    }
                }
                return left.daemon() != null && pids.contains(left.daemon().pid()) ? left.withDaemon(null) : left;
            });
        } catch (RuntimeException e) {
            progress.println("could not update " + store.file() + " (run './meshctl local down --state-dir "
                    + store.directory() + "'): " + e.getMessage());
            progress.flush();
        }
    }

    /** Starts a process unless this cluster is stopping, and remembers it as started here in the same step. */
    private Process register(java.util.function.Supplier<Process> start) {
        synchronized (starts) {
            if (stopping) {
                throw new LocalModeException("stopping: no new process is started");
            }
            Process process = start.get();
            startedHere.add(process.pid());
            return process;
        }
    }

    private void requireFree(int port, String what) {
        Probes.requireFree(port, what, store.directory());
    }

    /** Each recorded process, as it is now. */
    public ClusterStatus status() {
        LocalState state = store.read();
        boolean daemonUp =
                state.daemon() != null && processes.find(state.daemon().pid()).isPresent();
        var workloads = new ArrayList<WorkloadStatus>();
        state.workloads().forEach((name, record) -> workloads.add(WorkloadStatus.of(name, record, processes)));
        Map<String, String> served = null;
        String adminProblem = null;
        if (!daemonUp) {
            adminProblem = state.daemon() == null ? null : "the mesh daemon is not running";
        } else if (state.daemon().admin() == null) {
            adminProblem = "no admin endpoint recorded (the daemon is starting, or was started by an older meshctl)";
        } else {
            try {
                served = AdminClient.listeners(URI.create(state.daemon().admin()));
            } catch (IOException | IllegalArgumentException e) {
                adminProblem = "admin endpoint " + state.daemon().admin() + " unreachable: " + e.getMessage();
            }
        }
        return new ClusterStatus(state.daemon(), daemonUp, served, adminProblem, workloads);
    }
}
