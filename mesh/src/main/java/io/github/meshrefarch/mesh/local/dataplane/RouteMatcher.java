package io.github.meshrefarch.mesh.local.dataplane;

import io.github.meshrefarch.mesh.local.routetable.HttpRouteRule;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceRoutes;
import java.util.Optional;

/**
 * Finds the route a request takes: the first route, in the table's match order, whose prefix starts the request's
 * path. As in Envoy, the prefix is compared with the whole request target, query included, case-sensitively; {@code /}
 * matches everything.
 */
final class RouteMatcher {

    private RouteMatcher() {}

    static Optional<HttpRouteRule> match(VirtualServiceRoutes routes, String requestTarget) {
        for (HttpRouteRule route : routes.routes()) {
            String prefix = route.prefix() == null ? "/" : route.prefix();
            if (requestTarget.startsWith(prefix)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }
}
