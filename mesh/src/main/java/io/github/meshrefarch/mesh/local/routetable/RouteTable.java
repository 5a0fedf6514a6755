package io.github.meshrefarch.mesh.local.routetable;

import java.util.Map;
import java.util.Optional;

/**
 * What the local data plane needs to know of the mesh, derived from the control plane's state: for each virtual
 * service (keyed by its name, which is the hostname clients call), the HTTP routes that decide where a request goes.
 * Immutable; the control plane publishes a new table after every accepted change, with a higher revision.
 */
public record RouteTable(long revision, Map<String, VirtualServiceRoutes> virtualServices) {

    public static final RouteTable EMPTY = new RouteTable(0, Map.of());

    public RouteTable {
        virtualServices = Map.copyOf(virtualServices);
    }

    public Optional<VirtualServiceRoutes> virtualService(String name) {
        return Optional.ofNullable(virtualServices.get(name));
    }
}
