package io.github.meshrefarch.mesh.model;

import java.util.List;
import java.util.Map;

/**
 * A mesh as a backend reports it: its resources, the version of each route (App Mesh's resource version, raised by
 * every update) keyed by {@link Route#id()}, and the fields set on each resource that meshctl does not manage, keyed by
 * {@link #key(MeshResource)} (none for a backend that reads only what meshctl manages).
 */
public record MeshState(
        MeshDescription resources, Map<String, Long> routeVersions, Map<String, List<UnmanagedField>> unmanaged) {

    public MeshState {
        routeVersions = Map.copyOf(routeVersions);
        unmanaged = Map.copyOf(unmanaged);
    }

    public MeshState(MeshDescription resources, Map<String, Long> routeVersions) {
        this(resources, routeVersions, Map.of());
    }

    public long versionOf(Route route) {
        return routeVersions.getOrDefault(route.id(), 0L);
    }

    public List<UnmanagedField> unmanagedOf(MeshResource resource) {
        return unmanaged.getOrDefault(key(resource), List.of());
    }

    /** The key of a resource in {@link #unmanaged()}: its kind and id, e.g. {@code ROUTE:product-vr/product-r}. */
    public static String key(MeshResource resource) {
        return resource.kind().name() + ":" + resource.id();
    }
}
