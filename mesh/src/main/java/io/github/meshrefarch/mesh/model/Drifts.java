package io.github.meshrefarch.mesh.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the fields in which the mesh differs from a description and that meshctl leaves as they are (see {@link
 * Drift}). Pure.
 *
 * <p>What meshctl manages, and so writes: a node's DNS hostname, its first listener's port mapping and its virtual
 * service backends (by name); a router's first listener's port mapping; a service's router provider; a route's
 * prefix (on a route that matches by prefix), its weighted targets' nodes and weights, and its retry policy and timeout
 * members when the description sets them. Every other field is kept as read, whatever tool set it.
 */
public final class Drifts {

    private Drifts() {}

    /** The drift of the resources {@code described} lists that exist in the mesh (for apply and steps). */
    public static List<Drift> of(MeshDescription described, MeshState current) {
        List<Drift> drift = new ArrayList<>();
        for (MeshResource resource : described.resources()) {
            find(current.resources(), resource)
                    .ifPresent(found -> drift.addAll(of(found, Optional.of(resource), current)));
        }
        return drift;
    }

    /**
     * The drift of every resource of the mesh (for status): the fields a description cannot hold, and for the routes
     * {@code description} lists, the retry policy and timeout members it does not set.
     */
    public static List<Drift> ofMesh(MeshState current, MeshDescription description) {
        List<Drift> drift = new ArrayList<>();
        for (MeshResource found : current.resources().resources()) {
            drift.addAll(of(found, find(description, found), current));
        }
        return drift;
    }

    private static List<Drift> of(MeshResource found, Optional<MeshResource> described, MeshState current) {
        List<Drift> drift = new ArrayList<>();
        if (found instanceof Route route && described.orElse(null) instanceof Route wanted) {
            if (wanted.retryPolicy() == null && route.retryPolicy() != null) {
                drift.add(new Drift(route, "retryPolicy", route.retryPolicy().toString()));
            }
            HttpTimeout timeout = route.timeout();
            HttpTimeout set = wanted.timeout() == null ? new HttpTimeout(null, null) : wanted.timeout();
            if (timeout != null && timeout.perRequest() != null && set.perRequest() == null) {
                drift.add(new Drift(
                        route, "timeout.perRequest", timeout.perRequest().toString()));
            }
            if (timeout != null && timeout.idle() != null && set.idle() == null) {
                drift.add(new Drift(route, "timeout.idle", timeout.idle().toString()));
            }
        }
        current.unmanagedOf(found).forEach(field -> drift.add(new Drift(found, field.path(), field.value())));
        return drift;
    }

    private static Optional<MeshResource> find(MeshDescription description, MeshResource resource) {
        return description.resources().stream()
                .filter(candidate ->
                        candidate.kind() == resource.kind() && candidate.id().equals(resource.id()))
                .findFirst();
    }
}
