package io.github.meshrefarch.mesh.model;

import java.util.List;

/**
 * The changes that bring a mesh to its desired state, in the order they must be carried out:
 * creates and updates in dependency order, then deletes in teardown order; and the fields in which the mesh differs
 * from the description that meshctl leaves as they are ({@code drift}).
 */
public record Plan(String mesh, List<Change> changes, List<Drift> drift) {

    public Plan {
        changes = List.copyOf(changes);
        drift = drift == null ? List.of() : List.copyOf(drift);
    }

    public Plan(String mesh, List<Change> changes) {
        this(mesh, changes, List.of());
    }

    /** This plan with the drift found beside it. */
    public Plan withDrift(List<Drift> found) {
        return new Plan(mesh, changes, found);
    }

    /** True when the mesh differs from the description in fields of {@code resource} meshctl leaves as they are. */
    public boolean drifted(MeshResource resource) {
        return drift.stream()
                .anyMatch(d -> d.resource().kind() == resource.kind()
                        && d.resource().id().equals(resource.id()));
    }

    public List<Change> writes() {
        return changes.stream().filter(Change::isWrite).toList();
    }

    public long count(Change.Action action) {
        return changes.stream().filter(change -> change.action() == action).count();
    }

    /** One line for people: {@code 2 to create, 1 to update, 0 to delete, 8 unchanged}. */
    public String summary() {
        return "%d to create, %d to update, %d to delete, %d unchanged"
                .formatted(
                        count(Change.Action.CREATE),
                        count(Change.Action.UPDATE),
                        count(Change.Action.DELETE),
                        count(Change.Action.UNCHANGED));
    }
}
