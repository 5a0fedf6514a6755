package io.github.meshrefarch.mesh.local.controlplane;

import java.util.Comparator;

/**
 * Identifies one resource: its kind, its mesh, its virtual router (routes only, else empty) and its name. For a mesh,
 * {@code meshName} and {@code name} are the same.
 */
record ResourceKey(ResourceType type, String meshName, String virtualRouterName, String name)
        implements Comparable<ResourceKey> {

    private static final Comparator<ResourceKey> ORDER = Comparator.comparing(ResourceKey::type)
            .thenComparing(ResourceKey::meshName)
            .thenComparing(ResourceKey::virtualRouterName)
            .thenComparing(ResourceKey::name);

    static ResourceKey mesh(String meshName) {
        return new ResourceKey(ResourceType.MESH, meshName, "", meshName);
    }

    static ResourceKey inMesh(ResourceType type, String meshName, String name) {
        return new ResourceKey(type, meshName, "", name);
    }

    static ResourceKey route(String meshName, String virtualRouterName, String routeName) {
        return new ResourceKey(ResourceType.ROUTE, meshName, virtualRouterName, routeName);
    }

    /** The key of the resource this one lives in: the router for a route, the mesh for the rest, null for a mesh. */
    ResourceKey parent() {
        return switch (type) {
            case MESH -> null;
            case ROUTE -> inMesh(ResourceType.VIRTUAL_ROUTER, meshName, virtualRouterName);
            default -> mesh(meshName);
        };
    }

    /** How App Mesh words the resource in messages. */
    String describe() {
        return switch (type) {
            case MESH -> "Mesh with name %s".formatted(name);
            case ROUTE ->
                "Route with name %s under virtual router %s in mesh %s".formatted(name, virtualRouterName, meshName);
            default -> "%s with name %s in mesh %s".formatted(type.displayName(), name, meshName);
        };
    }

    @Override
    public int compareTo(ResourceKey other) {
        return ORDER.compare(this, other);
    }
}
