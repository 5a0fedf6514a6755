package io.github.meshrefarch.mesh.local.controlplane;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** An immutable snapshot of every resource, ordered by key (so listings and pages are stable). */
final class MeshState {

    static final MeshState EMPTY = new MeshState(new TreeMap<>());

    private final NavigableMap<ResourceKey, StoredResource> resources;

    private MeshState(NavigableMap<ResourceKey, StoredResource> resources) {
        this.resources = Collections.unmodifiableNavigableMap(resources);
    }

    static MeshState of(Collection<StoredResource> resources) {
        TreeMap<ResourceKey, StoredResource> map = new TreeMap<>();
        resources.forEach(resource -> map.put(resource.key(), resource));
        return new MeshState(map);
    }

    Optional<StoredResource> find(ResourceKey key) {
        return Optional.ofNullable(resources.get(key));
    }

    boolean contains(ResourceKey key) {
        return resources.containsKey(key);
    }

    MeshState with(StoredResource resource) {
        TreeMap<ResourceKey, StoredResource> copy = new TreeMap<>(resources);
        copy.put(resource.key(), resource);
        return new MeshState(copy);
    }

    MeshState without(ResourceKey key) {
        TreeMap<ResourceKey, StoredResource> copy = new TreeMap<>(resources);
        copy.remove(key);
        return new MeshState(copy);
    }

    Collection<StoredResource> all() {
        return resources.values();
    }

    /** Resources of one kind directly inside {@code parent} (a mesh, or a virtual router for routes), in name order. */
    List<StoredResource> children(ResourceType type, ResourceKey parent) {
        return select(resource ->
                resource.key().type() == type && parent.equals(resource.key().parent()));
    }

    List<StoredResource> ofType(ResourceType type) {
        return select(resource -> resource.key().type() == type);
    }

    List<StoredResource> inMesh(String meshName) {
        return select(resource -> resource.key().type() != ResourceType.MESH
                && resource.key().meshName().equals(meshName));
    }

    private List<StoredResource> select(Predicate<StoredResource> filter) {
        return resources.values().stream().filter(filter).toList();
    }
}
