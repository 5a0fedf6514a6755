package io.github.meshrefarch.mesh.appmesh;

import io.github.meshrefarch.mesh.model.Mesh;
import io.github.meshrefarch.mesh.model.MeshBackend;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.MeshResource;
import io.github.meshrefarch.mesh.model.MeshState;
import io.github.meshrefarch.mesh.model.Route;
import io.github.meshrefarch.mesh.model.VirtualNode;
import io.github.meshrefarch.mesh.model.VirtualRouter;
import io.github.meshrefarch.mesh.model.VirtualService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.appmesh.model.RouteData;

/** {@link MeshBackend} over App Mesh: one model resource is one App Mesh resource. */
final class AppMeshBackend implements MeshBackend {

    private static final String DELETED = "DELETED";

    private final AppMeshApi api;
    private final Runnable onClose;

    AppMeshBackend(AppMeshApi api, Runnable onClose) {
        this.api = api;
        this.onClose = onClose;
    }

    @Override
    public Optional<MeshState> read(String mesh) {
        if (api.describeMesh(mesh)
                .filter(data -> !DELETED.equals(data.status().statusAsString()))
                .isEmpty()) {
            return Optional.empty();
        }
        List<VirtualRouter> routers = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        Map<String, Long> versions = new HashMap<>();
        for (String routerName : api.listVirtualRouters(mesh)) {
            api.describeVirtualRouter(mesh, routerName)
                    .map(AppMeshSpecs::fromData)
                    .ifPresent(routers::add);
            for (String routeName : api.listRoutes(mesh, routerName)) {
                Optional<RouteData> data = api.describeRoute(mesh, routerName, routeName);
                data.ifPresent(found -> {
                    Route route = AppMeshSpecs.fromData(found);
                    routes.add(route);
                    versions.put(route.id(), found.metadata().version());
                });
            }
        }
        List<VirtualNode> nodes = api.listVirtualNodes(mesh).stream()
                .flatMap(name -> api.describeVirtualNode(mesh, name).map(AppMeshSpecs::fromData).stream())
                .toList();
        List<VirtualService> services = api.listVirtualServices(mesh).stream()
                .flatMap(name -> api.describeVirtualService(mesh, name).map(AppMeshSpecs::fromData).stream())
                .toList();
        return Optional.of(new MeshState(new MeshDescription(mesh, nodes, routers, routes, services), versions));
    }

    @Override
    public void create(String mesh, MeshResource resource) {
        if (resource instanceof Mesh) {
            api.createMesh(mesh);
        } else if (resource instanceof VirtualNode node) {
            api.createVirtualNode(mesh, node.name(), AppMeshSpecs.toSpec(node));
        } else if (resource instanceof VirtualRouter router) {
            api.createVirtualRouter(mesh, router.name(), AppMeshSpecs.toSpec(router));
        } else if (resource instanceof Route route) {
            api.createRoute(mesh, route.virtualRouter(), route.name(), AppMeshSpecs.toSpec(route));
        } else if (resource instanceof VirtualService service) {
            api.createVirtualService(mesh, service.name(), AppMeshSpecs.toSpec(service));
        }
    }

    /** meshctl sets no mesh spec, so an existing mesh never needs an update. */
    @Override
    public void update(String mesh, MeshResource resource) {
        if (resource instanceof VirtualNode node) {
            api.updateVirtualNode(mesh, node.name(), AppMeshSpecs.toSpec(node));
        } else if (resource instanceof VirtualRouter router) {
            api.updateVirtualRouter(mesh, router.name(), AppMeshSpecs.toSpec(router));
        } else if (resource instanceof Route route) {
            api.updateRoute(mesh, route.virtualRouter(), route.name(), AppMeshSpecs.toSpec(route));
        } else if (resource instanceof VirtualService service) {
            api.updateVirtualService(mesh, service.name(), AppMeshSpecs.toSpec(service));
        }
    }

    @Override
    public void delete(String mesh, MeshResource resource) {
        if (resource instanceof Mesh) {
            api.deleteMesh(mesh);
        } else if (resource instanceof VirtualNode node) {
            api.deleteVirtualNode(mesh, node.name());
        } else if (resource instanceof VirtualRouter router) {
            api.deleteVirtualRouter(mesh, router.name());
        } else if (resource instanceof Route route) {
            api.deleteRoute(mesh, route.virtualRouter(), route.name());
        } else if (resource instanceof VirtualService service) {
            api.deleteVirtualService(mesh, service.name());
        }
    }

    @Override
    public void close() {
        onClose.run();
    }
}
