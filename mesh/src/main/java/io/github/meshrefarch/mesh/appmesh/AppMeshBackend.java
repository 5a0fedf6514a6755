package io.github.meshrefarch.mesh.appmesh;

import io.github.meshrefarch.mesh.model.Mesh;
import io.github.meshrefarch.mesh.model.MeshBackend;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.MeshResource;
import io.github.meshrefarch.mesh.model.MeshState;
import io.github.meshrefarch.mesh.model.Route;
import io.github.meshrefarch.mesh.model.UnexpectedStateException;
import io.github.meshrefarch.mesh.model.UnmanagedField;
import io.github.meshrefarch.mesh.model.VirtualNode;
import io.github.meshrefarch.mesh.model.VirtualRouter;
import io.github.meshrefarch.mesh.model.VirtualService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        Map<String, List<UnmanagedField>> unmanaged = new HashMap<>();
        for (String routerName : api.listVirtualRouters(mesh)) {
            api.describeVirtualRouter(mesh, routerName).ifPresent(found -> {
                VirtualRouter router = AppMeshSpecs.fromData(found);
                routers.add(router);
                unmanaged.put(MeshState.key(router), UnmanagedFields.of(found.spec()));
            });
            for (String routeName : api.listRoutes(mesh, routerName)) {
                api.describeRoute(mesh, routerName, routeName).ifPresent(found -> {
                    Route route = AppMeshSpecs.fromData(found);
                    routes.add(route);
                    versions.put(route.id(), found.metadata().version());
                    unmanaged.put(MeshState.key(route), UnmanagedFields.of(found.spec()));
                });
            }
        }
        List<VirtualNode> nodes = new ArrayList<>();
        for (String name : api.listVirtualNodes(mesh)) {
            api.describeVirtualNode(mesh, name).ifPresent(found -> {
                VirtualNode node = AppMeshSpecs.fromData(found);
                nodes.add(node);
                unmanaged.put(MeshState.key(node), UnmanagedFields.of(found.spec()));
            });
        }
        List<VirtualService> services = new ArrayList<>();
        for (String name : api.listVirtualServices(mesh)) {
            api.describeVirtualService(mesh, name).ifPresent(found -> {
                VirtualService service = AppMeshSpecs.fromData(found);
                services.add(service);
                unmanaged.put(MeshState.key(service), UnmanagedFields.of(found.spec()));
            });
        }
        return Optional.of(
                new MeshState(new MeshDescription(mesh, nodes, routers, routes, services), versions, unmanaged));
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

    /**
     * Read-change-write: each update starts from the resource's current spec and changes only what meshctl manages
     * ({@link RouteEdits}, {@link SpecEdits}), so fields set by other tools survive. meshctl sets no mesh spec, so an
     * existing mesh never needs an update.
     */
    @Override
    public void update(String mesh, MeshResource resource) {
        if (resource instanceof VirtualNode node) {
            var current = api.describeVirtualNode(mesh, node.name()).orElseThrow(() -> gone(resource, mesh));
            api.updateVirtualNode(mesh, node.name(), SpecEdits.node(current.spec(), node));
        } else if (resource instanceof VirtualRouter router) {
            var current = api.describeVirtualRouter(mesh, router.name()).orElseThrow(() -> gone(resource, mesh));
            api.updateVirtualRouter(mesh, router.name(), SpecEdits.router(current.spec(), router));
        } else if (resource instanceof Route route) {
            var current = api.describeRoute(mesh, route.virtualRouter(), route.name())
                    .orElseThrow(() -> gone(resource, mesh));
            api.updateRoute(mesh, route.virtualRouter(), route.name(), RouteEdits.edit(current.spec(), route));
        } else if (resource instanceof VirtualService service) {
            var current = api.describeVirtualService(mesh, service.name()).orElseThrow(() -> gone(resource, mesh));
            api.updateVirtualService(mesh, service.name(), SpecEdits.service(current.spec(), service));
        }
    }

    private static UnexpectedStateException gone(MeshResource resource, String mesh) {
        return new UnexpectedStateException(resource.kind().displayName() + " " + resource.id()
                + " no longer exists in mesh " + mesh + " (deleted while meshctl was updating it)");
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
