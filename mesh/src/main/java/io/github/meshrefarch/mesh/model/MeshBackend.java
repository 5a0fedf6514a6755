package io.github.meshrefarch.mesh.model;

import java.util.List;
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

    /**
     * The limits of this backend that {@code after}, the whole mesh once a change is made, would
     * break, one sentence each; checked before any write. App Mesh has none beyond {@link Validator}.
     */
    default List<String> problems(MeshDescription after) {
        return List.of();
    }

    /**
     * {@code desired} as this backend can hold it: route fields it has no place for are left out, each named through
     * the backend's progress, so plans compare like with like and a second run makes no write. App Mesh holds
     * everything meshctl describes.
     */
    default MeshDescription carried(MeshDescription desired) {
        return desired;
    }

    /**
     * Carries out the writes the backend batched since the last commit (a Kubernetes object
     * holding several resources is written once), then waits until they are in effect. App Mesh
     * writes take effect call by call: nothing to do.
     */
    default void commit() {}

    @Override
    void close();
}
