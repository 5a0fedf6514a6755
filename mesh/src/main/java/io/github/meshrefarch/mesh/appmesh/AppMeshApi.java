package io.github.meshrefarch.mesh.appmesh;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.MeshData;
import software.amazon.awssdk.services.appmesh.model.NotFoundException;
import software.amazon.awssdk.services.appmesh.model.RouteData;
import software.amazon.awssdk.services.appmesh.model.RouteRef;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeData;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeRef;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeSpec;
import software.amazon.awssdk.services.appmesh.model.VirtualRouterData;
import software.amazon.awssdk.services.appmesh.model.VirtualRouterRef;
import software.amazon.awssdk.services.appmesh.model.VirtualRouterSpec;
import software.amazon.awssdk.services.appmesh.model.VirtualServiceData;
import software.amazon.awssdk.services.appmesh.model.VirtualServiceRef;
import software.amazon.awssdk.services.appmesh.model.VirtualServiceSpec;

/**
 * The raw App Mesh calls meshctl makes, one method per call. A resource that does not exist
 * comes back as {@link Optional#empty()} (or {@code false} from a delete); every other failure
 * is re-thrown by {@link AppMeshErrors} with a sentence naming the resource.
 */
final class AppMeshApi {

    private final AppMeshClient client;
    private final AppMeshErrors errors;

    AppMeshApi(AppMeshClient client, AppMeshErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    Optional<MeshData> describeMesh(String mesh) {
        return find(
                "describe mesh " + mesh,
                () -> client.describeMesh(r -> r.meshName(mesh)).mesh());
    }

    void createMesh(String mesh) {
        call("create mesh " + mesh, () -> client.createMesh(r -> r.meshName(mesh)));
    }

    boolean deleteMesh(String mesh) {
        return delete("delete mesh " + mesh, () -> client.deleteMesh(r -> r.meshName(mesh)));
    }

    List<String> listVirtualNodes(String mesh) {
        return call(
                "list the virtual nodes of mesh " + mesh,
                () -> client.listVirtualNodesPaginator(r -> r.meshName(mesh)).virtualNodes().stream()
                        .map(VirtualNodeRef::virtualNodeName)
                        .toList());
    }

    Optional<VirtualNodeData> describeVirtualNode(String mesh, String name) {
        return find(
                "describe virtual node " + name,
                () -> client.describeVirtualNode(r -> r.meshName(mesh).virtualNodeName(name))
                        .virtualNode());
    }

    void createVirtualNode(String mesh, String name, VirtualNodeSpec spec) {
        call(
                "create virtual node " + name,
                () -> client.createVirtualNode(
                        r -> r.meshName(mesh).virtualNodeName(name).spec(spec)));
    }

    void updateVirtualNode(String mesh, String name, VirtualNodeSpec spec) {
        call(
                "update virtual node " + name,
                () -> client.updateVirtualNode(
                        r -> r.meshName(mesh).virtualNodeName(name).spec(spec)));
    }

    boolean deleteVirtualNode(String mesh, String name) {
        return delete(
                "delete virtual node " + name,
                () -> client.deleteVirtualNode(r -> r.meshName(mesh).virtualNodeName(name)));
    }

    List<String> listVirtualRouters(String mesh) {
        return call(
                "list the virtual routers of mesh " + mesh,
                () -> client.listVirtualRoutersPaginator(r -> r.meshName(mesh)).virtualRouters().stream()
                        .map(VirtualRouterRef::virtualRouterName)
                        .toList());
    }

    Optional<VirtualRouterData> describeVirtualRouter(String mesh, String name) {
        return find(
                "describe virtual router " + name,
                () -> client.describeVirtualRouter(r -> r.meshName(mesh).virtualRouterName(name))
                        .virtualRouter());
    }

    void createVirtualRouter(String mesh, String name, VirtualRouterSpec spec) {
        call(
                "create virtual router " + name,
                () -> client.createVirtualRouter(
                        r -> r.meshName(mesh).virtualRouterName(name).spec(spec)));
    }

    void updateVirtualRouter(String mesh, String name, VirtualRouterSpec spec) {
        call(
                "update virtual router " + name,
                () -> client.updateVirtualRouter(
                        r -> r.meshName(mesh).virtualRouterName(name).spec(spec)));
    }

    boolean deleteVirtualRouter(String mesh, String name) {
        return delete(
                "delete virtual router " + name,
                () -> client.deleteVirtualRouter(r -> r.meshName(mesh).virtualRouterName(name)));
    }

    List<String> listRoutes(String mesh, String router) {
        return call(
                "list the routes of virtual router " + router,
                () -> client.listRoutesPaginator(r -> r.meshName(mesh).virtualRouterName(router)).routes().stream()
                        .map(RouteRef::routeName)
                        .toList());
    }

    Optional<RouteData> describeRoute(String mesh, String router, String name) {
        return find(
                "describe route " + router + "/" + name,
                () -> client.describeRoute(
                                r -> r.meshName(mesh).virtualRouterName(router).routeName(name))
                        .route());
    }

    void createRoute(String mesh, String router, String name, RouteSpec spec) {
        call(
                "create route " + router + "/" + name,
                () -> client.createRoute(r -> r.meshName(mesh)
                        .virtualRouterName(router)
                        .routeName(name)
                        .spec(spec)));
    }

    void updateRoute(String mesh, String router, String name, RouteSpec spec) {
        call(
                "update route " + router + "/" + name,
                () -> client.updateRoute(r -> r.meshName(mesh)
                        .virtualRouterName(router)
                        .routeName(name)
                        .spec(spec)));
    }

    boolean deleteRoute(String mesh, String router, String name) {
        return delete(
                "delete route " + router + "/" + name,
                () -> client.deleteRoute(
                        r -> r.meshName(mesh).virtualRouterName(router).routeName(name)));
    }

    List<String> listVirtualServices(String mesh) {
        return call(
                "list the virtual services of mesh " + mesh,
                () -> client.listVirtualServicesPaginator(r -> r.meshName(mesh)).virtualServices().stream()
                        .map(VirtualServiceRef::virtualServiceName)
                        .toList());
    }

    Optional<VirtualServiceData> describeVirtualService(String mesh, String name) {
        return find(
                "describe virtual service " + name,
                () -> client.describeVirtualService(r -> r.meshName(mesh).virtualServiceName(name))
                        .virtualService());
    }

    void createVirtualService(String mesh, String name, VirtualServiceSpec spec) {
        call(
                "create virtual service " + name,
                () -> client.createVirtualService(
                        r -> r.meshName(mesh).virtualServiceName(name).spec(spec)));
    }

    void updateVirtualService(String mesh, String name, VirtualServiceSpec spec) {
        call(
                "update virtual service " + name,
                () -> client.updateVirtualService(
                        r -> r.meshName(mesh).virtualServiceName(name).spec(spec)));
    }

    boolean deleteVirtualService(String mesh, String name) {
        return delete(
                "delete virtual service " + name,
                () -> client.deleteVirtualService(r -> r.meshName(mesh).virtualServiceName(name)));
    }

    private <T> T call(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw errors.translate(action, e);
        }
    }

    private <T> Optional<T> find(String action, Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw errors.translate(action, e);
        }
    }

    private boolean delete(String action, Supplier<?> call) {
        return find(action, call).isPresent();
    }
}
