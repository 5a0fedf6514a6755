package io.github.meshrefarch.mesh.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Compares a desired mesh with the current one and says what to change. Pure. */
public final class Planner {

    private Planner() {}

    /**
     * Plans the changes from {@code current} (empty when the mesh does not exist) to {@code
     * desired}. Resources only in the current mesh are deleted when {@code prune} is set, else
     * left alone and not listed.
     */
    public static Plan plan(MeshDescription desired, Optional<MeshDescription> current, boolean prune) {
        Map<String, MeshResource> existing = current.map(Planner::byKey).orElse(Map.of());
        List<Change> changes = new ArrayList<>();
        for (MeshResource resource : desired.resources()) {
            MeshResource found = existing.get(key(resource));
            Change.Action action = found == null
                    ? Change.Action.CREATE
                    : resource.satisfiedBy(found) ? Change.Action.UNCHANGED : Change.Action.UPDATE;
            changes.add(new Change(action, resource));
        }
        if (prune && current.isPresent()) {
            Map<String, MeshResource> wanted = byKey(desired);
            current.get().resources().stream()
                    .filter(resource -> !wanted.containsKey(key(resource)))
                    .sorted(Comparator.comparingInt(resource -> resource.kind().deletionOrder()))
                    .forEach(resource -> changes.add(new Change(Change.Action.DELETE, resource)));
        }
        return new Plan(desired.mesh(), changes);
    }

    /** Plans the deletion of every resource of {@code current}, in teardown order. */
    public static Plan teardown(MeshDescription current) {
        List<Change> changes = current.resources().stream()
                .sorted(Comparator.comparingInt(resource -> resource.kind().deletionOrder()))
                .map(resource -> new Change(Change.Action.DELETE, resource))
                .toList();
        return new Plan(current.mesh(), changes);
    }

    private static Map<String, MeshResource> byKey(MeshDescription description) {
        return description.resources().stream().collect(Collectors.toMap(Planner::key, Function.identity()));
    }

    private static String key(MeshResource resource) {
        return resource.kind() + ":" + resource.id();
    }
}
