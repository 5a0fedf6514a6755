package io.github.meshrefarch.mesh.local.workloads;

import io.github.meshrefarch.mesh.local.dataplane.ServiceRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The mesh daemon's view of the workloads, as Kubernetes endpoints are the mesh's: polls the state file and publishes
 * DNS hostname to the endpoints of the workloads that are ready and alive. A workload that crashes drops out within
 * one poll; one being undeployed drops out before its process is stopped.
 */
public final class RegistryFile implements ServiceRegistry, AutoCloseable {

    static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final LocalStateStore store;
    private final ScheduledExecutorService poller;
    private volatile Map<String, List<InetSocketAddress>> published = Map.of();

    public RegistryFile(LocalStateStore store) {
        this.store = store;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "registry-file");
            thread.setDaemon(true);
            return thread;
        });
        poll();
        poller.scheduleWithFixedDelay(this::pollQuietly, 0, POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public List<InetSocketAddress> endpoints(String hostname) {
        return hostname == null ? List.of() : published.getOrDefault(hostname, List.of());
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException unreadable) {
            // A state file being replaced is read again at the next poll; the last good view stays in place.
        }
    }

    private void poll() {
        var endpoints = new HashMap<String, List<InetSocketAddress>>();
        store.read().workloads().values().stream()
                .filter(LocalState.WorkloadRecord::ready)
                .filter(record -> ProcessHandle.of(record.pid())
                        .map(ProcessHandle::isAlive)
                        .orElse(false))
                .forEach(record -> endpoints
                        .computeIfAbsent(record.hostname(), host -> new ArrayList<>())
                        .add(new InetSocketAddress("127.0.0.1", record.port())));
        if (!Objects.equals(endpoints, published)) {
            published = Map.copyOf(endpoints);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
