package io.github.meshrefarch.mesh.model;

import java.util.Optional;

/**
 * What meshctl needs from a service mesh, in the spirit of Flagger's router and Argo Rollouts'
 * traffic routing reconciler: read the current state, and create, update or delete one
 * resource. Planning, weights and verification are built on top in {@link Reconciler}, so a
 * new backend (say, the Kubernetes Gateway API) only maps these calls.
 *
 * <p>Every method throws {@link MeshOperationException} naming the resource when a call fails.
 */
public interface MeshBackend extends AutoCloseable {

    /** The mesh and every resource in it, or empty when there is no such mesh. */
    Optional<MeshState> read(String mesh);

    void create(String mesh, MeshResource resource);

    void update(String mesh, MeshResource resource);

    /** Deletes the resource; one that is already gone is not an error, so teardown is idempotent. */
    void delete(String mesh, MeshResource resource);

    @Override
    void close();
}
