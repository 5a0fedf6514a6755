package io.github.meshrefarch.mesh.model;

import java.util.Map;

/**
 * A mesh as a backend reports it: its resources, and the version of each route (App Mesh's
 * resource version, raised by every update), keyed by {@link Route#id()}.
 */
public record MeshState(MeshDescription resources, Map<String, Long> routeVersions) {

    public MeshState {
        routeVersions = Map.copyOf(routeVersions);
    }

    public long versionOf(Route route) {
        return routeVersions.getOrDefault(route.id(), 0L);
    }
}
