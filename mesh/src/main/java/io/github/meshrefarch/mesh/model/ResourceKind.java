package io.github.meshrefarch.mesh.model;

/**
 * The kinds of App Mesh resources meshctl manages, declared in creation order: a resource only
 * refers to kinds declared before it (a virtual service to its router, a node's backends to
 * virtual services, a route to its router and nodes). Deletion runs in {@link #deletionOrder()}.
 */
public enum ResourceKind {
    MESH("mesh"),
    VIRTUAL_ROUTER("virtual router"),
    VIRTUAL_SERVICE("virtual service"),
    VIRTUAL_NODE("virtual node"),
    ROUTE("route");

    private final String displayName;

    ResourceKind(String displayName) {
        this.displayName = displayName;
    }

    /** App Mesh's own noun, as people read it: {@code virtual node}. */
    public String displayName() {
        return displayName;
    }

    /** Teardown order: virtual services, routes, routers, nodes, then the mesh. */
    public int deletionOrder() {
        return switch (this) {
            case VIRTUAL_SERVICE -> 0;
            case ROUTE -> 1;
            case VIRTUAL_ROUTER -> 2;
            case VIRTUAL_NODE -> 3;
            case MESH -> 4;
        };
    }
}
