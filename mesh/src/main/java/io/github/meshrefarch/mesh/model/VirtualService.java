package io.github.meshrefarch.mesh.model;

/** A virtual service: the name clients call, provided by a virtual router. */
public record VirtualService(String name, String virtualRouter) implements MeshResource {

    @Override
    public ResourceKind kind() {
        return ResourceKind.VIRTUAL_SERVICE;
    }

    @Override
    public boolean sameSpecAs(MeshResource other) {
        return equals(other);
    }
}
