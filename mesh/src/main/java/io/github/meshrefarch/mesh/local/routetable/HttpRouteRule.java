package io.github.meshrefarch.mesh.local.routetable;

import java.time.Duration;
import java.util.List;

/**
 * One App Mesh HTTP route as the data plane applies it.
 *
 * @param routeName the route's name (for logs and 503 bodies)
 * @param virtualRouterName the router the route belongs to, or null when the provider is a virtual node
 * @param prefix the path prefix the route matches (App Mesh {@code match.prefix})
 * @param targets weighted targets; a request goes to target i with probability weight_i / sum(weights)
 * @param retryPolicy the route's retry policy, or null when it has none
 * @param perRequestTimeout the route's {@code timeout.perRequest}, or null when unset
 * @param idleTimeout the route's {@code timeout.idle} (Envoy's route {@code idle_timeout}), or null when unset
 */
public record HttpRouteRule(
        String routeName,
        String virtualRouterName,
        String prefix,
        List<WeightedBackend> targets,
        RetryPolicy retryPolicy,
        Duration perRequestTimeout,
        Duration idleTimeout) {

    public HttpRouteRule {
        targets = List.copyOf(targets);
    }

    /** A route without {@code timeout.idle}. */
    public HttpRouteRule(
            String routeName,
            String virtualRouterName,
            String prefix,
            List<WeightedBackend> targets,
            RetryPolicy retryPolicy,
            Duration perRequestTimeout) {
        this(routeName, virtualRouterName, prefix, targets, retryPolicy, perRequestTimeout, null);
    }
}
