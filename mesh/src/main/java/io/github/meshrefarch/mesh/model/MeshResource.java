package io.github.meshrefarch.mesh.model;

/** One App Mesh resource of a mesh description: what a plan creates, updates or deletes. */
public sealed interface MeshResource permits Mesh, VirtualNode, VirtualRouter, Route, VirtualService {

    ResourceKind kind();

    String name();

    /** The name that identifies the resource within its mesh: {@code router/route} for a route. */
    default String id() {
        return name();
    }

    /** True when both resources have the same App Mesh spec (meshctl-only metadata ignored). */
    boolean sameSpecAs(MeshResource other);

    /**
     * True when {@code current}, the resource as it is in the mesh, already has every field this desired resource sets:
     * a plan then leaves it unchanged. Fields a description may leave out (a route's retry policy and timeout) are not
     * compared when this resource leaves them out.
     */
    default boolean satisfiedBy(MeshResource current) {
        return sameSpecAs(current);
    }
}
