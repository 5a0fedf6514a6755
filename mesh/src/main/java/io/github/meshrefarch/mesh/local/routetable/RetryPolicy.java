package io.github.meshrefarch.mesh.local.routetable;

import java.time.Duration;
import java.util.Set;

/**
 * An App Mesh HTTP retry policy.
 *
 * @param maxRetries additional attempts after the first
 * @param perRetryTimeout timeout of each attempt
 * @param httpRetryEvents {@code server-error}, {@code gateway-error}, {@code client-error}, {@code stream-error}
 * @param tcpRetryEvents {@code connection-error}
 */
public record RetryPolicy(
        int maxRetries, Duration perRetryTimeout, Set<String> httpRetryEvents, Set<String> tcpRetryEvents) {

    public RetryPolicy {
        httpRetryEvents = Set.copyOf(httpRetryEvents);
        tcpRetryEvents = Set.copyOf(tcpRetryEvents);
    }
}
