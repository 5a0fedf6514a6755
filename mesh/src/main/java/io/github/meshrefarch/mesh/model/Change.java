package io.github.meshrefarch.mesh.model;

/** One line of a plan: what happens to one resource. {@code resource} is the desired one, or the current one for DELETE. */
public record Change(Action action, MeshResource resource) {

    public enum Action {
        CREATE,
        UPDATE,
        DELETE,
        UNCHANGED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** True when carrying out this change writes to the backend. */
    public boolean isWrite() {
        return action != Action.UNCHANGED;
    }
}
