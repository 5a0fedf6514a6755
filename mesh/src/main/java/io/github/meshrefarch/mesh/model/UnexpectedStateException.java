package io.github.meshrefarch.mesh.model;

/** The mesh is not in a state the command can work with (a missing route, weights not as set). Exit code 3. */
public class UnexpectedStateException extends RuntimeException {

    public UnexpectedStateException(String message) {
        super(message);
    }
}
