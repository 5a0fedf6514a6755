package io.github.meshrefarch.mesh.local.controlplane;

import static io.github.meshrefarch.mesh.local.controlplane.Walkthrough.MESH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.ResourceInUseException;
import software.amazon.awssdk.services.appmesh.model.RouteData;
import software.amazon.awssdk.services.appmesh.model.WeightedTarget;

class WalkthroughIT {

    @RegisterExtension
    final ControlPlaneExtension local = new ControlPlaneExtension();

    @Test
    void walkthrough_createsCanariesRollsBackAndTearsDownInDependencyOrder() {
        AppMeshClient client = local.client();
        Walkthrough walkthrough = new Walkthrough(client);
        walkthrough.createAll();

        assertThat(client.listVirtualNodes(r -> r.meshName(MESH)).virtualNodes())
                .extracting(node -> node.virtualNodeName())
                .containsExactlyInAnyOrderElementsOf(Walkthrough.NODES);
        assertThat(client.describeVirtualNode(r -> r.meshName(MESH).virtualNodeName("order-vn"))
                        .virtualNode()
                        .spec())
                .isEqualTo(Walkthrough.nodeSpec("order-vn"));

        walkthrough.setProductWeights(75, 25);
        assertThat(weights(productRoute())).isEqualTo(Map.of("product-vn", 75, "product-v15-vn", 25));
        walkthrough.setProductWeights(0, 100);
        walkthrough.setCustomerWeights(0, 100);
        assertThat(weights(productRoute())).isEqualTo(Map.of("product-vn", 0, "product-v15-vn", 100));

        walkthrough.setProductWeights(100, 0);
        walkthrough.setCustomerWeights(100, 0);
        RouteData rolledBack = productRoute();
        assertThat(weights(rolledBack)).isEqualTo(Map.of("product-vn", 100, "product-v15-vn", 0));
        assertThat(rolledBack.metadata().version()).isEqualTo(4L);

        walkthrough.deleteAll();
        assertThat(client.listMeshes().meshes()).isEmpty();
    }

    @Test
    void deletesInTheWrongOrder_areRefusedAsResourceInUse_andChangeNothing() {
        AppMeshClient client = local.client();
        new Walkthrough(client).createAll();

        assertThatThrownBy(() -> client.deleteMesh(r -> r.meshName(MESH)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("VirtualNode order-vn");
        assertThatThrownBy(
                        () -> client.deleteVirtualRouter(r -> r.meshName(MESH).virtualRouterName("product-vr")))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("Route product-vr/product-r")
                .hasMessageContaining("VirtualService " + Walkthrough.PRODUCT_SERVICE);
        assertThatThrownBy(() -> client.deleteVirtualNode(r -> r.meshName(MESH).virtualNodeName("product-vn")))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("Route product-vr/product-r");

        client.deleteVirtualService(r -> r.meshName(MESH).virtualServiceName(Walkthrough.PRODUCT_SERVICE));
        client.deleteRoute(r -> r.meshName(MESH).virtualRouterName("product-vr").routeName("product-r"));
        client.deleteVirtualRouter(r -> r.meshName(MESH).virtualRouterName("product-vr"));
        client.deleteVirtualNode(r -> r.meshName(MESH).virtualNodeName("product-vn"));
        assertThat(client.listVirtualRouters(r -> r.meshName(MESH)).virtualRouters())
                .extracting(router -> router.virtualRouterName())
                .containsExactly("customer-vr", "order-vr");
    }

    @Test
    void restart_keepsEveryResourceWithItsMetadata() throws Exception {
        Walkthrough walkthrough = new Walkthrough(local.client());
        walkthrough.createAll();
        walkthrough.setProductWeights(75, 25);
        RouteData before = productRoute();

        local.restart();

        RouteData after = productRoute();
        assertThat(after).isEqualTo(before);
        assertThat(local.client().listVirtualServices(r -> r.meshName(MESH)).virtualServices())
                .hasSize(2);
        new Walkthrough(local.client()).deleteAll();
        local.restart();
        assertThat(local.client().listMeshes().meshes()).isEmpty();
    }

    private RouteData productRoute() {
        return local.client()
                .describeRoute(
                        r -> r.meshName(MESH).virtualRouterName("product-vr").routeName("product-r"))
                .route();
    }

    private static Map<String, Integer> weights(RouteData route) {
        List<WeightedTarget> targets = route.spec().httpRoute().action().weightedTargets();
        return targets.stream().collect(Collectors.toMap(WeightedTarget::virtualNode, WeightedTarget::weight));
    }
}
