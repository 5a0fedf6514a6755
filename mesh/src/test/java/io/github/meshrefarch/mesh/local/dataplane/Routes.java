package io.github.meshrefarch.mesh.local.dataplane;

import io.github.meshrefarch.mesh.local.routetable.HttpRouteRule;
import io.github.meshrefarch.mesh.local.routetable.RetryPolicy;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceRoutes;
import io.github.meshrefarch.mesh.local.routetable.WeightedBackend;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Builds the route table values the tests publish, with the walkthrough's names. */
final class Routes {

    static final String MESH = "dj-app";
    static final String PRODUCT = "product.default.svc.cluster.local";

    private Routes() {}

    static VirtualServiceRoutes virtualService(String name, HttpRouteRule... routes) {
        return new VirtualServiceRoutes(MESH, name, List.of(routes));
    }

    static HttpRouteRule route(String prefix, WeightedBackend... targets) {
        return new HttpRouteRule("route-" + prefix, "router", prefix, List.of(targets), null, null);
    }

    static HttpRouteRule route(
            String prefix, RetryPolicy retryPolicy, Duration perRequestTimeout, WeightedBackend... targets) {
        return new HttpRouteRule("route-" + prefix, "router", prefix, List.of(targets), retryPolicy, perRequestTimeout);
    }

    /** A target named after its virtual node, whose hostname is {@code <node>.default.svc.cluster.local}. */
    static WeightedBackend target(String virtualNode, int weight) {
        return new WeightedBackend(virtualNode, hostname(virtualNode), 8080, weight);
    }

    static String hostname(String virtualNode) {
        return virtualNode + ".default.svc.cluster.local";
    }

    static RetryPolicy retryPolicy(int maxRetries, Duration perRetryTimeout, String... httpEvents) {
        return new RetryPolicy(maxRetries, perRetryTimeout, Set.of(httpEvents), Set.of("connection-error"));
    }
}
