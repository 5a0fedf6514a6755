package io.github.meshrefarch.mesh.local.workloads;

/** The local mode could not do what was asked: a port is taken, a process did not come up, a jar is missing. */
public final class LocalModeException extends RuntimeException {

    public LocalModeException(String message) {
        super(message);
    }

    public LocalModeException(String message, Throwable cause) {
        super(message, cause);
    }
}
