package io.github.meshrefarch.mesh.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A mesh and its resources, either desired (read from a description or step file) or current
 * (read from a backend). A step file holds a partial description: {@code mesh} may be null.
 */
public record MeshDescription(
        String mesh,
        List<VirtualNode> virtualNodes,
        List<VirtualRouter> virtualRouters,
        List<Route> routes,
        List<VirtualService> virtualServices) {

    public MeshDescription {
        virtualNodes = virtualNodes == null ? List.of() : List.copyOf(virtualNodes);
        virtualRouters = virtualRouters == null ? List.of() : List.copyOf(virtualRouters);
        routes = routes == null ? List.of() : List.copyOf(routes);
        virtualServices = virtualServices == null ? List.of() : List.copyOf(virtualServices);
    }

    public static MeshDescription empty(String mesh) {
        return new MeshDescription(mesh, List.of(), List.of(), List.of(), List.of());
    }

    /** This description for another mesh name. */
    public MeshDescription withMesh(String name) {
        return new MeshDescription(name, virtualNodes, virtualRouters, routes, virtualServices);
    }

    /** The mesh and every resource in it, in creation order. */
    public List<MeshResource> resources() {
        List<MeshResource> all = new ArrayList<>();
        if (mesh != null) {
            all.add(new Mesh(mesh));
        }
        Stream.of(virtualRouters, virtualServices, virtualNodes, routes).forEach(all::addAll);
        return all;
    }

    public Optional<VirtualNode> virtualNode(String name) {
        return virtualNodes.stream().filter(node -> node.name().equals(name)).findFirst();
    }

    public Optional<VirtualRouter> virtualRouter(String name) {
        return virtualRouters.stream()
                .filter(router -> router.name().equals(name))
                .findFirst();
    }

    public Optional<VirtualService> virtualService(String name) {
        return virtualServices.stream()
                .filter(service -> service.name().equals(name))
                .findFirst();
    }

    public Optional<Route> route(String virtualRouter, String name) {
        return routes.stream()
                .filter(route -> route.virtualRouter().equals(virtualRouter)
                        && route.name().equals(name))
                .findFirst();
    }

    /**
     * This description with the resources of {@code overlay} added, replacing those with the same
     * id; nothing is removed. This is how a step file applies to the current mesh.
     */
    public MeshDescription overlay(MeshDescription overlay) {
        return new MeshDescription(
                overlay.mesh() != null ? overlay.mesh() : mesh,
                merge(virtualNodes, overlay.virtualNodes(), VirtualNode::id),
                merge(virtualRouters, overlay.virtualRouters(), VirtualRouter::id),
                merge(routes, overlay.routes(), Route::id),
                merge(virtualServices, overlay.virtualServices(), VirtualService::id));
    }

    private static <T> List<T> merge(List<T> base, List<T> overlay, Function<T, String> id) {
        Map<String, T> merged = new LinkedHashMap<>();
        base.forEach(resource -> merged.put(id.apply(resource), resource));
        overlay.forEach(resource -> merged.put(id.apply(resource), resource));
        return List.copyOf(merged.values());
    }
}
