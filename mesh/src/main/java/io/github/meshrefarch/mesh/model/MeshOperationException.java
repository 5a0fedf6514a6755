package io.github.meshrefarch.mesh.model;

/** A backend call failed (service error, endpoint unreachable); the message names the resource. Exit code 1. */
public class MeshOperationException extends RuntimeException {

    public MeshOperationException(String message, Throwable cause) {
        super(message, cause);
    }
}
