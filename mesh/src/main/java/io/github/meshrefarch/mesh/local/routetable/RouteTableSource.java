package io.github.meshrefarch.mesh.local.routetable;

import java.util.function.Consumer;

/** The in-process feed from the local control plane to the local data plane. */
public interface RouteTableSource {

    /** The table as of the last accepted change. */
    RouteTable current();

    /**
     * Calls {@code listener} with the current table at once, then with every new table, synchronously, before the
     * control plane answers the API call that caused the change. Listeners must be quick and must not throw.
     *
     * @return closing it stops the notifications
     */
    AutoCloseable subscribe(Consumer<RouteTable> listener);
}
