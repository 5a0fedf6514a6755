package io.github.meshrefarch.mesh.local.controlplane;

import java.util.List;

/**
 * Where a request path points in the App Mesh REST API: a collection (create, list) or one resource (describe, update,
 * delete). Paths are those of the 2019-01-25 service model, e.g. {@code /v20190125/meshes/{meshName}/virtualNodes} and
 * {@code /v20190125/meshes/{meshName}/virtualRouter/{virtualRouterName}/routes/{routeName}} (singular
 * {@code virtualRouter} there, as in the model).
 *
 * @param type the kind of resource
 * @param parent the mesh or virtual router the collection is in; null for the mesh collection
 * @param key the resource, or null when the path names a collection
 */
record ApiRoute(ResourceType type, ResourceKey parent, ResourceKey key) {

    static final String PREFIX = "/v20190125/meshes";

    /** Parses the decoded segments after {@link #PREFIX}; null when the path is not an App Mesh resource path. */
    static ApiRoute parse(List<String> segments) {
        int size = segments.size();
        if (size == 0) {
            return new ApiRoute(ResourceType.MESH, null, null);
        }
        String mesh = segments.get(0);
        if (size == 1) {
            return new ApiRoute(ResourceType.MESH, null, ResourceKey.mesh(mesh));
        }
        ResourceKey meshKey = ResourceKey.mesh(mesh);
        ResourceType inMesh = inMeshCollection(segments.get(1));
        if (inMesh != null && size <= 3) {
            ResourceKey key = size == 3 ? ResourceKey.inMesh(inMesh, mesh, segments.get(2)) : null;
            return new ApiRoute(inMesh, meshKey, key);
        }
        if (segments.get(1).equals("virtualRouter")
                && (size == 4 || size == 5)
                && segments.get(3).equals("routes")) {
            String router = segments.get(2);
            ResourceKey routerKey = ResourceKey.inMesh(ResourceType.VIRTUAL_ROUTER, mesh, router);
            ResourceKey key = size == 5 ? ResourceKey.route(mesh, router, segments.get(4)) : null;
            return new ApiRoute(ResourceType.ROUTE, routerKey, key);
        }
        return null;
    }

    private static ResourceType inMeshCollection(String segment) {
        return switch (segment) {
            case "virtualNodes" -> ResourceType.VIRTUAL_NODE;
            case "virtualRouters" -> ResourceType.VIRTUAL_ROUTER;
            case "virtualServices" -> ResourceType.VIRTUAL_SERVICE;
            default -> null;
        };
    }
}
