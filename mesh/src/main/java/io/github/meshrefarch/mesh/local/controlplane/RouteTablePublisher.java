package io.github.meshrefarch.mesh.local.controlplane;

import io.github.meshrefarch.mesh.local.routetable.RouteTable;
import io.github.meshrefarch.mesh.local.routetable.RouteTableSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Hands every new route table to the subscribers, synchronously and in order. Publishing and subscribing hold the same
 * monitor, so a new subscriber never sees an older table after a newer one.
 */
final class RouteTablePublisher implements RouteTableSource {

    private final List<Consumer<RouteTable>> listeners = new CopyOnWriteArrayList<>();
    private volatile RouteTable current;

    RouteTablePublisher(RouteTable initial) {
        this.current = initial;
    }

    @Override
    public RouteTable current() {
        return current;
    }

    @Override
    public synchronized AutoCloseable subscribe(Consumer<RouteTable> listener) {
        listener.accept(current);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    synchronized void publish(RouteTable table) {
        current = table;
        for (Consumer<RouteTable> listener : listeners) {
            try {
                listener.accept(table);
            } catch (RuntimeException e) {
                // A listener must not throw; one that does must not keep the others (or the API answer) from happening.
            }
        }
    }
}
