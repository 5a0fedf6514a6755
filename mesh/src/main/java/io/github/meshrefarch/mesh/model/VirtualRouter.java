package io.github.meshrefarch.mesh.model;

/** A virtual router: the traffic entry of a virtual service, holding its routes. */
public record VirtualRouter(String name, Listener listener) implements MeshResource {

    public VirtualRouter {
        listener = listener == null ? Listener.HTTP_8080 : listener;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.VIRTUAL_ROUTER;
    }

    @Override
    public boolean sameSpecAs(MeshResource other) {
        return equals(other);
    }
}
