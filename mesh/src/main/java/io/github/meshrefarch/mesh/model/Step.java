package io.github.meshrefarch.mesh.model;

import java.nio.file.Path;
import java.util.List;

/**
 * One numbered step of the walkthrough, read from {@code NN-name.yaml}. It does one of three
 * things: {@code apply} a partial description onto the current mesh (create or update the listed
 * resources, touch nothing else), {@code rollback} the named services to their baseline node, or
 * {@code delete} the mesh and everything in it.
 */
public record Step(String number, String title, Path file, StepFile content) {

    /** The step file's fields, as written. */
    public record StepFile(String title, MeshDescription apply, List<String> rollback, Boolean delete) {

        public StepFile {
            rollback = rollback == null ? null : List.copyOf(rollback);
            delete = Boolean.TRUE.equals(delete);
        }
    }

    public enum Kind {
        APPLY,
        ROLLBACK,
        DELETE
    }

    public Kind kind() {
        if (content.delete()) {
            return Kind.DELETE;
        }
        return content.rollback() != null ? Kind.ROLLBACK : Kind.APPLY;
    }
}
