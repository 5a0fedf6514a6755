package io.github.meshrefarch.mesh.local.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.EgressFilterType;
import software.amazon.awssdk.services.appmesh.model.MeshData;
import software.amazon.awssdk.services.appmesh.model.MeshStatusCode;
import software.amazon.awssdk.services.appmesh.model.NotFoundException;
import software.amazon.awssdk.services.appmesh.model.PortProtocol;
import software.amazon.awssdk.services.appmesh.model.RouteData;
import software.amazon.awssdk.services.appmesh.model.RouteRef;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.appmesh.model.RouteStatusCode;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeData;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeRef;
import software.amazon.awssdk.services.appmesh.model.VirtualRouterData;
import software.amazon.awssdk.services.appmesh.model.VirtualServiceData;
import software.amazon.awssdk.services.appmesh.model.VirtualServiceStatusCode;

/** Every operation on every resource kind, through the real SDK client. */
class MeshApiIT {

    private static final String MESH = "api-mesh";

    @RegisterExtension
    final ControlPlaneExtension local = new ControlPlaneExtension();

    private AppMeshClient client;

    @BeforeEach
    void createMesh() {
        client = local.client();
        client.createMesh(r -> r.meshName(MESH));
    }

    @Test
    void mesh_createDescribeUpdateListDelete() {
        MeshData mesh = client.describeMesh(r -> r.meshName(MESH)).mesh();
        assertThat(mesh.metadata().arn()).isEqualTo("arn:aws:appmesh:us-west-2:111122223333:mesh/" + MESH);
        assertThat(mesh.metadata().version()).isEqualTo(1L);
        assertThat(mesh.metadata().meshOwner()).isEqualTo(LocalControlPlane.ACCOUNT_ID);
        assertThat(mesh.metadata().resourceOwner()).isEqualTo(LocalControlPlane.ACCOUNT_ID);
        assertThat(mesh.metadata().uid()).isNotBlank();
        assertThat(mesh.metadata().lastUpdatedAt()).isEqualTo(mesh.metadata().createdAt());
        assertThat(mesh.spec().egressFilter().type()).isEqualTo(EgressFilterType.DROP_ALL);
        assertThat(mesh.status().status()).isEqualTo(MeshStatusCode.ACTIVE);

        MeshData updated = client.updateMesh(r ->
                        r.meshName(MESH).spec(s -> s.egressFilter(e -> e.type(EgressFilterType.ALLOW_ALL))))
                .mesh();
        assertThat(updated.metadata().version()).isEqualTo(2L);
        assertThat(updated.metadata().uid()).isEqualTo(mesh.metadata().uid());
        assertThat(updated.metadata().lastUpdatedAt())
                .isAfterOrEqualTo(mesh.metadata().createdAt());
        assertThat(client.listMeshes().meshes()).singleElement().satisfies(ref -> {
            assertThat(ref.meshName()).isEqualTo(MESH);
            assertThat(ref.arn()).isEqualTo(mesh.metadata().arn());
            assertThat(ref.version()).isEqualTo(2L);
        });

        MeshData deleted = client.deleteMesh(r -> r.meshName(MESH)).mesh();
        assertThat(deleted.status().status()).isEqualTo(MeshStatusCode.DELETED);
        assertThatThrownBy(() -> client.describeMesh(r -> r.meshName(MESH)))
                .isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(((NotFoundException) e).statusCode()).isEqualTo(404));
    }

    @Test
    void virtualNode_fullSpecRoundTrips_andUpdateListDeleteWork() {
        VirtualNodeData created = client.createVirtualNode(
                        r -> r.meshName(MESH).virtualNodeName("order-vn").spec(Specs.fullVirtualNode()))
                .virtualNode();
        assertThat(created.spec()).isEqualTo(Specs.fullVirtualNode());
        assertThat(created.metadata().arn())
                .isEqualTo("arn:aws:appmesh:us-west-2:111122223333:mesh/api-mesh/virtualNode/order-vn");
        assertThat(client.describeVirtualNode(r -> r.meshName(MESH).virtualNodeName("order-vn"))
                        .virtualNode())
                .isEqualTo(created);

        VirtualNodeData updated = client.updateVirtualNode(r -> r.meshName(MESH)
                        .virtualNodeName("order-vn")
                        .spec(s ->
                                s.listeners(l -> l.portMapping(p -> p.port(9090).protocol(PortProtocol.HTTP2)))))
                .virtualNode();
        assertThat(updated.metadata().version()).isEqualTo(2L);
        assertThat(updated.spec().listeners().get(0).portMapping().port()).isEqualTo(9090);

        List<VirtualNodeRef> refs =
                client.listVirtualNodes(r -> r.meshName(MESH)).virtualNodes();
        assertThat(refs).singleElement().satisfies(ref -> {
            assertThat(ref.virtualNodeName()).isEqualTo("order-vn");
            assertThat(ref.meshName()).isEqualTo(MESH);
            assertThat(ref.version()).isEqualTo(2L);
            assertThat(ref.arn()).isEqualTo(created.metadata().arn());
        });

        client.deleteVirtualNode(r -> r.meshName(MESH).virtualNodeName("order-vn"));
        assertThat(client.listVirtualNodes(r -> r.meshName(MESH)).virtualNodes())
                .isEmpty();
    }

    @Test
    void virtualRouter_createDescribeUpdateListDelete() {
        VirtualRouterData created = client.createVirtualRouter(r -> r.meshName(MESH)
                        .virtualRouterName("product-vr")
                        .spec(s ->
                                s.listeners(l -> l.portMapping(p -> p.port(8080).protocol(PortProtocol.HTTP)))))
                .virtualRouter();
        assertThat(created.metadata().arn())
                .isEqualTo("arn:aws:appmesh:us-west-2:111122223333:mesh/api-mesh/virtualRouter/product-vr");
        assertThat(client.describeVirtualRouter(r -> r.meshName(MESH).virtualRouterName("product-vr"))
                        .virtualRouter())
                .isEqualTo(created);
        VirtualRouterData updated = client.updateVirtualRouter(r -> r.meshName(MESH)
                        .virtualRouterName("product-vr")
                        .spec(s ->
                                s.listeners(l -> l.portMapping(p -> p.port(8081).protocol(PortProtocol.HTTP)))))
                .virtualRouter();
        assertThat(updated.metadata().version()).isEqualTo(2L);
        assertThat(client.listVirtualRouters(r -> r.meshName(MESH)).virtualRouters())
                .extracting(router -> router.virtualRouterName())
                .containsExactly("product-vr");
        client.deleteVirtualRouter(r -> r.meshName(MESH).virtualRouterName("product-vr"));
        assertThatThrownBy(
                        () -> client.describeVirtualRouter(r -> r.meshName(MESH).virtualRouterName("product-vr")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void route_everyRouteKindRoundTrips_andUpdateListDeleteWork() {
        client.createVirtualNode(
                r -> r.meshName(MESH).virtualNodeName("product-vn").spec(Specs.fullVirtualNode()));
        client.createVirtualRouter(r -> r.meshName(MESH)
                .virtualRouterName("product-vr")
                .spec(s -> s.listeners(l -> l.portMapping(p -> p.port(8080).protocol(PortProtocol.HTTP)))));
        List<RouteSpec> specs = List.of(
                Specs.fullHttpRoute("product-vn"),
                Specs.http2Route("product-vn"),
                Specs.grpcRoute("product-vn"),
                Specs.tcpRoute("product-vn"));
        for (int i = 0; i < specs.size(); i++) {
            String name = "route-" + i;
            RouteSpec spec = specs.get(i);
            RouteData created = client.createRoute(r -> r.meshName(MESH)
                            .virtualRouterName("product-vr")
                            .routeName(name)
                            .spec(spec))
                    .route();
            assertThat(created.spec()).isEqualTo(spec);
            assertThat(created.status().status()).isEqualTo(RouteStatusCode.ACTIVE);
            assertThat(created.metadata().arn())
                    .isEqualTo("arn:aws:appmesh:us-west-2:111122223333:mesh/api-mesh/virtualRouter/product-vr/route/"
                            + name);
            assertThat(client.describeRoute(r -> r.meshName(MESH)
                                    .virtualRouterName("product-vr")
                                    .routeName(name))
                            .route())
                    .isEqualTo(created);
        }

        RouteData updated = client.updateRoute(r -> r.meshName(MESH)
                        .virtualRouterName("product-vr")
                        .routeName("route-3")
                        .spec(Specs.fullHttpRoute("product-vn")))
                .route();
        assertThat(updated.metadata().version()).isEqualTo(2L);
        assertThat(updated.spec()).isEqualTo(Specs.fullHttpRoute("product-vn"));

        List<RouteRef> refs = client.listRoutes(r -> r.meshName(MESH).virtualRouterName("product-vr"))
                .routes();
        assertThat(refs).extracting(RouteRef::routeName).containsExactly("route-0", "route-1", "route-2", "route-3");
        assertThat(refs).allSatisfy(ref -> assertThat(ref.virtualRouterName()).isEqualTo("product-vr"));

        RouteData deleted = client.deleteRoute(
                        r -> r.meshName(MESH).virtualRouterName("product-vr").routeName("route-0"))
                .route();
        assertThat(deleted.status().status()).isEqualTo(RouteStatusCode.DELETED);
        assertThat(client.listRoutes(r -> r.meshName(MESH).virtualRouterName("product-vr"))
                        .routes())
                .hasSize(3);
    }

    @Test
    void virtualService_providerCanBeANodeARouterOrNothing() {
        client.createVirtualNode(
                r -> r.meshName(MESH).virtualNodeName("product-vn").spec(Specs.fullVirtualNode()));
        client.createVirtualRouter(r -> r.meshName(MESH)
                .virtualRouterName("product-vr")
                .spec(s -> s.listeners(l -> l.portMapping(p -> p.port(8080).protocol(PortProtocol.HTTP)))));
        String name = "product.default.svc.cluster.local";

        VirtualServiceData created = client.createVirtualService(r -> r.meshName(MESH)
                        .virtualServiceName(name)
                        .spec(s -> s.provider(p -> p.virtualNode(n -> n.virtualNodeName("product-vn")))))
                .virtualService();
        assertThat(created.spec().provider().virtualNode().virtualNodeName()).isEqualTo("product-vn");
        assertThat(created.metadata().arn())
                .isEqualTo("arn:aws:appmesh:us-west-2:111122223333:mesh/api-mesh/virtualService/" + name);

        VirtualServiceData toRouter = client.updateVirtualService(r -> r.meshName(MESH)
                        .virtualServiceName(name)
                        .spec(s -> s.provider(p -> p.virtualRouter(v -> v.virtualRouterName("product-vr")))))
                .virtualService();
        assertThat(toRouter.spec().provider().virtualRouter().virtualRouterName())
                .isEqualTo("product-vr");
        VirtualServiceData withoutProvider = client.updateVirtualService(
                        r -> r.meshName(MESH).virtualServiceName(name).spec(s -> {}))
                .virtualService();
        assertThat(withoutProvider.spec().provider()).isNull();
        assertThat(withoutProvider.metadata().version()).isEqualTo(3L);
        assertThat(client.describeVirtualService(r -> r.meshName(MESH).virtualServiceName(name))
                        .virtualService())
                .isEqualTo(withoutProvider);
        assertThat(client.listVirtualServices(r -> r.meshName(MESH)).virtualServices())
                .extracting(service -> service.virtualServiceName())
                .containsExactly(name);

        VirtualServiceData deleted = client.deleteVirtualService(
                        r -> r.meshName(MESH).virtualServiceName(name))
                .virtualService();
        assertThat(deleted.status().status()).isEqualTo(VirtualServiceStatusCode.DELETED);
    }

    @Test
    void describe_withTheLocalAccountAsMeshOwner_findsTheMesh_andAnotherOwnerFindsNothing() {
        assertThat(client.describeMesh(r -> r.meshName(MESH).meshOwner(LocalControlPlane.ACCOUNT_ID))
                        .mesh()
                        .meshName())
                .isEqualTo(MESH);
        assertThatThrownBy(() -> client.listVirtualNodes(r -> r.meshName(MESH).meshOwner("999999999999")))
                .isInstanceOf(NotFoundException.class);
    }
}
