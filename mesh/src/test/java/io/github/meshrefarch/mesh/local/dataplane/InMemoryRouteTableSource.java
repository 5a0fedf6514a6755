package io.github.meshrefarch.mesh.local.dataplane;

import io.github.meshrefarch.mesh.local.routetable.RouteTable;
import io.github.meshrefarch.mesh.local.routetable.RouteTableSource;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceRoutes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Stands in for the local control plane: tests publish tables, subscribers get them synchronously. */
final class InMemoryRouteTableSource implements RouteTableSource {

    private final List<Consumer<RouteTable>> listeners = new CopyOnWriteArrayList<>();
    private volatile RouteTable current = RouteTable.EMPTY;

    @Override
    public RouteTable current() {
        return current;
    }

    @Override
    public synchronized AutoCloseable subscribe(Consumer<RouteTable> listener) {
        listeners.add(listener);
        listener.accept(current);
        return () -> listeners.remove(listener);
    }

    /** Publishes a table with the given virtual services and the next revision; returns once subscribers have it. */
    synchronized void publish(VirtualServiceRoutes... virtualServices) {
        current = RouteTable.of(current.revision() + 1, List.of(virtualServices));
        listeners.forEach(listener -> listener.accept(current));
    }

    int subscriberCount() {
        return listeners.size();
    }
}
