package io.github.meshrefarch.mesh.local.routetable;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the local data plane needs to know of the mesh, derived from the control plane's state: for each virtual
 * service (keyed by mesh and name, the name being the hostname clients call), the HTTP routes that decide where a
 * request goes. Two meshes' virtual services of the same name are two entries, never mixed. The entries keep the
 * order they were given in (the control plane gives the oldest first). Immutable; the control plane publishes a new
 * table after every accepted change, with a higher revision.
 */
public record RouteTable(long revision, Map<VirtualServiceKey, VirtualServiceRoutes> virtualServices) {

    public static final RouteTable EMPTY = new RouteTable(0, Map.of());

    public RouteTable {
        virtualServices = Collections.unmodifiableMap(new LinkedHashMap<>(virtualServices));
    }

    /** A table of {@code services}, each keyed by its mesh and name. */
    public static RouteTable of(long revision, Collection<VirtualServiceRoutes> services) {
        Map<VirtualServiceKey, VirtualServiceRoutes> byKey = new LinkedHashMap<>();
        services.forEach(service -> byKey.put(service.key(), service));
        return new RouteTable(revision, byKey);
    }

    public Optional<VirtualServiceRoutes> virtualService(String meshName, String virtualServiceName) {
        return Optional.ofNullable(virtualServices.get(new VirtualServiceKey(meshName, virtualServiceName)));
    }

    /** The virtual services named {@code virtualServiceName}, one per mesh that has one, in table order. */
    public List<VirtualServiceRoutes> virtualServicesNamed(String virtualServiceName) {
        return virtualServices.values().stream()
                .filter(service -> service.virtualServiceName().equals(virtualServiceName))
                .toList();
    }
}
