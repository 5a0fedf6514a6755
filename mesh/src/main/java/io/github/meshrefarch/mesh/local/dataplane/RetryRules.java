package io.github.meshrefarch.mesh.local.dataplane;

import io.github.meshrefarch.mesh.local.routetable.RetryPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * When a request is tried again, as Envoy applies an App Mesh retry policy.
 *
 * <ul>
 *   <li>{@code server-error}: 500-508, 510, 511, and a connection reset before the response headers;
 *   <li>{@code gateway-error}: 502, 503, 504, and a reset;
 *   <li>{@code client-error}: 409;
 *   <li>{@code stream-error}: refused HTTP/2 streams, which cannot happen on the HTTP/1.1 hops used here;
 *   <li>tcp {@code connection-error}: the upstream could not be connected to (or has no endpoint).
 * </ul>
 *
 * A route without a policy gets the one App Mesh adds to every route it creates (user guide, "Envoy defaults set by App
 * Mesh"): 2 retries on 503 and on connection failures, each attempt bounded by the route's timeout only.
 *
 * @param maxRetries attempts after the first
 * @param perTryTimeout bound of each attempt, or null for none (then only the request timeout applies); a policy's
 *     {@code perRetryTimeout} of 0 means none, as in Envoy
 * @param retryStatuses upstream statuses that are retried
 * @param onConnectFailure whether a failure to connect is retried
 * @param onReset whether a connection closed before the response headers is retried
 */
record RetryRules(
        int maxRetries, Duration perTryTimeout, Set<Integer> retryStatuses, boolean onConnectFailure, boolean onReset) {

    static final RetryRules APP_MESH_DEFAULT = new RetryRules(2, null, Set.of(503), true, false);

    private static final Set<Integer> SERVER_ERRORS = Set.of(500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511);
    private static final Set<Integer> GATEWAY_ERRORS = Set.of(502, 503, 504);

    RetryRules {
        retryStatuses = Set.copyOf(retryStatuses);
    }

    static RetryRules of(RetryPolicy policy) {
        if (policy == null) {
            return APP_MESH_DEFAULT;
        }
        Set<Integer> statuses = new HashSet<>();
        boolean reset = false;
        for (String event : policy.httpRetryEvents()) {
            switch (event) {
                case "server-error" -> {
                    statuses.addAll(SERVER_ERRORS);
                    reset = true;
                }
                case "gateway-error" -> {
                    statuses.addAll(GATEWAY_ERRORS);
                    reset = true;
                }
                case "client-error" -> statuses.add(409);
                default -> {
                    // stream-error: HTTP/2 refused streams only
                }
            }
        }
        boolean connectFailure = policy.tcpRetryEvents().contains("connection-error");
        // Envoy: a per-try timeout of 0 means none (each try is then bounded by the route's timeout only)
        Duration perTry =
                policy.perRetryTimeout() == null || policy.perRetryTimeout().isZero() ? null : policy.perRetryTimeout();
        return new RetryRules(Math.max(0, policy.maxRetries()), perTry, statuses, connectFailure, reset);
    }

    boolean retriesStatus(int status) {
        return retryStatuses.contains(status);
    }

    /** Envoy treats an attempt that exceeds its per-try timeout as a 504 from the upstream. */
    boolean retriesTimeout() {
        return retryStatuses.contains(504);
    }
}
