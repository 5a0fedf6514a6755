package io.github.meshrefarch.mesh.local.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiRouteTest {

    @Test
    void meshPaths_nameTheMeshCollectionOrOneMesh() {
        assertThat(ApiRoute.parse(List.of())).isEqualTo(new ApiRoute(ResourceType.MESH, null, null));
        assertThat(ApiRoute.parse(List.of("demomesh")))
                .isEqualTo(new ApiRoute(ResourceType.MESH, null, ResourceKey.mesh("demomesh")));
    }

    @Test
    void inMeshPaths_nameTheirCollectionInTheMesh() {
        ResourceKey mesh = ResourceKey.mesh("demomesh");
        assertThat(ApiRoute.parse(List.of("demomesh", "virtualNodes")))
                .isEqualTo(new ApiRoute(ResourceType.VIRTUAL_NODE, mesh, null));
        assertThat(ApiRoute.parse(List.of("demomesh", "virtualRouters", "product-vr")))
                .isEqualTo(new ApiRoute(
                        ResourceType.VIRTUAL_ROUTER,
                        mesh,
                        ResourceKey.inMesh(ResourceType.VIRTUAL_ROUTER, "demomesh", "product-vr")));
        assertThat(ApiRoute.parse(List.of("demomesh", "virtualServices", "product.default.svc.cluster.local"))
                        .key()
                        .name())
                .isEqualTo("product.default.svc.cluster.local");
    }

    @Test
    void routePaths_useTheSingularVirtualRouterSegment() {
        ResourceKey router = ResourceKey.inMesh(ResourceType.VIRTUAL_ROUTER, "demomesh", "product-vr");
        assertThat(ApiRoute.parse(List.of("demomesh", "virtualRouter", "product-vr", "routes")))
                .isEqualTo(new ApiRoute(ResourceType.ROUTE, router, null));
        assertThat(ApiRoute.parse(List.of("demomesh", "virtualRouter", "product-vr", "routes", "product-r")))
                .isEqualTo(new ApiRoute(
                        ResourceType.ROUTE, router, ResourceKey.route("demomesh", "product-vr", "product-r")));
        assertThat(ApiRoute.parse(List.of("demomesh", "virtualRouters", "product-vr", "routes")))
                .isNull();
    }

    @Test
    void otherPaths_areNoOperation() {
        assertThat(ApiRoute.parse(List.of("demomesh", "virtualGateways"))).isNull();
        assertThat(ApiRoute.parse(List.of("demomesh", "virtualNodes", "vn", "extra")))
                .isNull();
        assertThat(ApiRoute.parse(List.of("demomesh", "virtualRouter", "vr", "gatewayRoutes")))
                .isNull();
    }
}
