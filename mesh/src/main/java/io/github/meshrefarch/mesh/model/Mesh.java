package io.github.meshrefarch.mesh.model;

/** The mesh itself: the boundary of every other resource. */
public record Mesh(String name) implements MeshResource {

    @Override
    public ResourceKind kind() {
        return ResourceKind.MESH;
    }

    @Override
    public boolean sameSpecAs(MeshResource other) {
        return other instanceof Mesh mesh && name.equals(mesh.name);
    }
}
