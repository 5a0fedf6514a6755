package io.github.meshrefarch.mesh.load.generator;

import java.time.Duration;

/**
 * The outcome of one request, as handed to a run's listener.
 *
 * @param outcome success (2xx), error status, connection error or timeout
 * @param status the HTTP status, or 0 when no response arrived
 * @param body the response body decoded as UTF-8, empty when no response arrived
 * @param latency from the request's scheduled send time to the end of its response (or failure)
 */
public record LoadResponse(Outcome outcome, int status, String body, Duration latency) {

    /** How a request ended. Everything but {@link #SUCCESS} counts as a failed request. */
    public enum Outcome {
        /** A 2xx response. */
        SUCCESS,
        /** A response with any other status. */
        STATUS_ERROR,
        /** The connection could not be opened or broke before a full response. */
        CONNECTION_ERROR,
        /** No full response within the request timeout. */
        TIMEOUT
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }

    public static LoadResponse ofStatus(int status, String body, Duration latency) {
        Outcome outcome = status >= 200 && status < 300 ? Outcome.SUCCESS : Outcome.STATUS_ERROR;
        return new LoadResponse(outcome, status, body, latency);
    }

    public static LoadResponse ofFailure(Outcome outcome, Duration latency) {
        return new LoadResponse(outcome, 0, "", latency);
    }
}
