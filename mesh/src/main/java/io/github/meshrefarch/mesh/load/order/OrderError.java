package io.github.meshrefarch.mesh.load.order;

/**
 * The body of a failed order request (502 or 504), e.g.
 * {@code {"error":"product unavailable","detail":"..."}}.
 *
 * @param error what failed, naming the backend
 * @param detail the cause, empty when the body gives none
 */
public record OrderError(String error, String detail) {

    /** Parses an error body; see {@link OrderResponseParser#parseError}. */
    public static OrderError parse(String body) {
        return OrderResponseParser.parseError(body);
    }
}
