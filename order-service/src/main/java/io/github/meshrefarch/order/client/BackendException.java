package io.github.meshrefarch.order.client;

/**
 * One backend call failed: an error status, a refused connection, an invalid body, or no answer in time.
 *
 * <p>It carries two texts: the message, for the log, says where the backend is and what the client library reported
 * (URL, exception class); the public detail, for the answer to order's caller, names the backend and the kind of
 * failure only, so an error body reveals nothing of the internal network.
 */
public class BackendException extends RuntimeException {

    private final String backend;
    private final boolean timedOut;
    private final String publicDetail;

    /** A failure whose detail may be shown as it is. */
    public BackendException(String backend, boolean timedOut, String detail) {
        this(backend, timedOut, detail, detail);
    }

    /**
     * @param publicDetail what the caller of order may read, e.g. {@code product did not answer within 500 ms}
     * @param logDetail what the log gets, e.g. with the backend's URL and the exception
     */
    public BackendException(String backend, boolean timedOut, String publicDetail, String logDetail) {
        super(logDetail, null, false, false);
        this.backend = backend;
        this.timedOut = timedOut;
        this.publicDetail = publicDetail;
    }

    /** The backend's name, e.g. {@code product}. */
    public String backend() {
        return backend;
    }

    /** Whether the backend gave no answer within the timeout. */
    public boolean timedOut() {
        return timedOut;
    }

    /** The backend and the kind of failure, without URL or exception class. */
    public String publicDetail() {
        return publicDetail;
    }
}
