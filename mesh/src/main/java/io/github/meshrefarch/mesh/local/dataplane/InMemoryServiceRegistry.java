package io.github.meshrefarch.mesh.local.dataplane;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe {@link ServiceRegistry} kept in memory: registrations take effect for the next request. */
public final class InMemoryServiceRegistry implements ServiceRegistry {

    private final Map<String, List<InetSocketAddress>> endpoints = new ConcurrentHashMap<>();

    @Override
    public List<InetSocketAddress> endpoints(String hostname) {
        return hostname == null ? List.of() : endpoints.getOrDefault(hostname, List.of());
    }

    /** Adds {@code endpoint} to the ones serving {@code hostname}; registering it twice keeps one. */
    public void register(String hostname, InetSocketAddress endpoint) {
        endpoints.compute(hostname, (name, current) -> {
            List<InetSocketAddress> updated = new ArrayList<>(current == null ? List.of() : current);
            if (!updated.contains(endpoint)) {
                updated.add(endpoint);
            }
            return List.copyOf(updated);
        });
    }

    /** Removes {@code endpoint} from the ones serving {@code hostname}, if it was there. */
    public void deregister(String hostname, InetSocketAddress endpoint) {
        endpoints.computeIfPresent(hostname, (name, current) -> {
            List<InetSocketAddress> updated = new ArrayList<>(current);
            updated.remove(endpoint);
            return updated.isEmpty() ? null : List.copyOf(updated);
        });
    }

    /** Removes every endpoint of {@code hostname}. */
    public void deregisterAll(String hostname) {
        endpoints.remove(hostname);
    }
}
