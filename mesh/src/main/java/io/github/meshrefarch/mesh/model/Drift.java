package io.github.meshrefarch.mesh.model;

/**
 * A field in which a resource of the mesh differs from its description and that meshctl leaves as it is: either a field
 * a description cannot hold, or a route's retry policy or timeout (members of them) the description does not set.
 *
 * @param resource the resource as it is in the mesh
 * @param field the field's path within the spec, e.g. {@code httpRoute.match.headers} or {@code retryPolicy}
 * @param value the field's value in the mesh
 */
public record Drift(MeshResource resource, String field, String value) {

    /** One line for people, e.g. {@code route product-vr/product-r: priority = 5 (not in the description; ...)}. */
    public String describe() {
        return resource.kind().displayName() + " " + resource.id() + ": " + field + " = " + value
                + " (not in the description; not managed by meshctl: left as is)";
    }
}
