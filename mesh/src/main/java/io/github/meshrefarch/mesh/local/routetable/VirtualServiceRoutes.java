package io.github.meshrefarch.mesh.local.routetable;

import java.util.List;

/**
 * The routes of one virtual service, in match order (App Mesh: highest priority first, i.e. lowest number; routes
 * without priority after those with one; then longest prefix first). A virtual service provided directly by a virtual
 * node has a single catch-all route with that node at weight 100.
 */
public record VirtualServiceRoutes(String meshName, String virtualServiceName, List<HttpRouteRule> routes) {

    public VirtualServiceRoutes {
        routes = List.copyOf(routes);
    }

    public VirtualServiceKey key() {
        return new VirtualServiceKey(meshName, virtualServiceName);
    }
}
