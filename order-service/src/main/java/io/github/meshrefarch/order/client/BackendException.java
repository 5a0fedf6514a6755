package io.github.meshrefarch.order.client;

/** One backend call failed: an error status, a refused connection, an invalid body, or no answer in time. */
public class BackendException extends RuntimeException {

    private final String backend;
    private final boolean timedOut;

    public BackendException(String backend, boolean timedOut, String detail) {
        super(detail, null, false, false);
        this.backend = backend;
        this.timedOut = timedOut;
    }

    /** The backend's name, e.g. {@code product}. */
    public String backend() {
        return backend;
    }

    /** Whether the backend gave no answer within the timeout. */
    public boolean timedOut() {
        return timedOut;
    }
}
