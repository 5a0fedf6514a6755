package io.github.meshrefarch.mesh.local.controlplane;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The references between resources that App Mesh checks: a route's weighted targets and a virtual service's provider
 * must exist when written, and a resource still referred to (or holding children) cannot be deleted. A virtual node's
 * backends are not references in this sense: App Mesh does not check them, so nodes and services can be created in
 * either order.
 */
final class References {

    private References() {}

    static void check(MeshState state, ResourceKey key, JsonNode spec) {
        switch (key.type()) {
            case ROUTE -> {
                for (String node : RouteSpecValidator.targetNodes(spec)) {
                    requireExists(state, ResourceKey.inMesh(ResourceType.VIRTUAL_NODE, key.meshName(), node));
                }
            }
            case VIRTUAL_SERVICE -> {
                ResourceKey provider = SpecValidator.providerOf(key.meshName(), spec);
                if (provider != null) {
                    requireExists(state, provider);
                }
            }
            default -> {
                // meshes, virtual nodes and virtual routers refer to nothing App Mesh checks
            }
        }
    }

    static void requireUnused(MeshState state, ResourceKey key) {
        List<String> users = new ArrayList<>();
        switch (key.type()) {
            case MESH -> state.inMesh(key.meshName()).forEach(resource -> users.add(label(resource.key())));
            case VIRTUAL_ROUTER -> {
                state.children(ResourceType.ROUTE, key).forEach(route -> users.add(label(route.key())));
                users.addAll(servicesProvidedBy(state, key));
            }
            case VIRTUAL_NODE -> {
                for (StoredResource route : state.inMesh(key.meshName())) {
                    if (route.key().type() == ResourceType.ROUTE
                            && RouteSpecValidator.targetNodes(route.spec()).contains(key.name())) {
                        users.add(label(route.key()));
                    }
                }
                users.addAll(servicesProvidedBy(state, key));
            }
            default -> {
                // nothing App Mesh checks refers to a route or a virtual service
            }
        }
        if (!users.isEmpty()) {
            throw ApiException.resourceInUse(
                    "%s cannot be deleted: it is in use by %s", key.describe(), String.join(", ", users));
        }
    }

    private static List<String> servicesProvidedBy(MeshState state, ResourceKey provider) {
        return state.children(ResourceType.VIRTUAL_SERVICE, ResourceKey.mesh(provider.meshName())).stream()
                .filter(service -> provider.equals(SpecValidator.providerOf(provider.meshName(), service.spec())))
                .map(service -> label(service.key()))
                .toList();
    }

    private static void requireExists(MeshState state, ResourceKey key) {
        if (!state.contains(key)) {
            throw ApiException.notFound("%s does not exist", key.describe());
        }
    }

    private static String label(ResourceKey key) {
        return key.type() == ResourceType.ROUTE
                ? "Route %s/%s".formatted(key.virtualRouterName(), key.name())
                : key.type().displayName() + " " + key.name();
    }
}
