package io.github.meshrefarch.mesh.model;

import java.util.List;

/**
 * The changes that bring a mesh to its desired state, in the order they must be carried out:
 * creates and updates in dependency order, then deletes in teardown order.
 */
public record Plan(String mesh, List<Change> changes) {

    public Plan {
        changes = List.copyOf(changes);
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
