package io.github.meshrefarch.mesh.local.controlplane;

import static io.github.meshrefarch.mesh.local.controlplane.Walkthrough.MESH;
import static io.github.meshrefarch.mesh.local.controlplane.Walkthrough.PRODUCT_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.local.routetable.HttpRouteRule;
import io.github.meshrefarch.mesh.local.routetable.RouteTable;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceKey;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceRoutes;
import io.github.meshrefarch.mesh.local.routetable.WeightedBackend;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;

class RouteTableIT {

    @RegisterExtension
    final ControlPlaneExtension local = new ControlPlaneExtension();

    @Test
    void walkthroughServices_routeToTheirNodesHostnamesAndPorts() {
        new Walkthrough(local.client()).createAll();

        VirtualServiceRoutes product =
                table().virtualService(MESH, PRODUCT_SERVICE).orElseThrow();
        assertThat(product.meshName()).isEqualTo(MESH);
        assertThat(product.routes()).singleElement().satisfies(route -> {
            assertThat(route.routeName()).isEqualTo("product-r");
            assertThat(route.virtualRouterName()).isEqualTo("product-vr");
            assertThat(route.prefix()).isEqualTo("/");
            assertThat(route.targets())
                    .containsExactly(new WeightedBackend("product-vn", "product.default.svc.cluster.local", 8080, 100));
        });
        assertThat(table().virtualServices())
                .containsOnlyKeys(
                        new VirtualServiceKey(MESH, PRODUCT_SERVICE),
                        new VirtualServiceKey(MESH, Walkthrough.CUSTOMER_SERVICE));
    }

    @Test
    void weightChange_reachesASubscriberBeforeTheUpdateCallReturns() throws Exception {
        Walkthrough walkthrough = new Walkthrough(local.client());
        walkthrough.createAll();
        List<RouteTable> received = new CopyOnWriteArrayList<>();
        try (AutoCloseable subscription = local.controlPlane().routeTable().subscribe(received::add)) {
            assertThat(received).hasSize(1);

            walkthrough.setProductWeights(75, 25);

            RouteTable latest = received.get(received.size() - 1);
            assertThat(weights(latest)).containsExactly(75, 25);
            assertThat(latest.revision()).isGreaterThan(received.get(0).revision());
            assertThat(local.controlPlane().routeTable().current()).isEqualTo(latest);
        }
        walkthrough.setProductWeights(100, 0);
        assertThat(weights(received.get(received.size() - 1))).containsExactly(75, 25);
        assertThat(weights(table())).containsExactly(100, 0);
    }

    @Test
    void serviceProvidedByANode_hasOneCatchAllRoute_andOneWithoutProvider_hasNone() {
        AppMeshClient client = local.client();
        client.createMesh(r -> r.meshName(MESH));
        client.createVirtualNode(
                r -> r.meshName(MESH).virtualNodeName("product-vn").spec(Walkthrough.nodeSpec("product-vn")));
        client.createVirtualService(r -> r.meshName(MESH)
                .virtualServiceName("direct")
                .spec(s -> s.provider(p -> p.virtualNode(n -> n.virtualNodeName("product-vn")))));
        client.createVirtualService(
                r -> r.meshName(MESH).virtualServiceName("idle").spec(s -> {}));

        assertThat(table().virtualService(MESH, "direct").orElseThrow().routes())
                .containsExactly(new HttpRouteRule(
                        "product-vn",
                        null,
                        "/",
                        List.of(new WeightedBackend("product-vn", "product.default.svc.cluster.local", 8080, 100)),
                        null,
                        null));
        assertThat(table().virtualService(MESH, "idle").orElseThrow().routes()).isEmpty();
    }

    @Test
    void sameVirtualServiceNameInTwoMeshes_twoEntries_eachWithItsMeshsRoutes() {
        AppMeshClient client = local.client();
        for (String mesh : List.of("mesh-a", "mesh-b")) {
            String node = mesh.equals("mesh-a") ? "product-vn" : "product-v15-vn";
            client.createMesh(r -> r.meshName(mesh));
            client.createVirtualNode(r -> r.meshName(mesh).virtualNodeName(node).spec(Walkthrough.nodeSpec(node)));
            client.createVirtualService(r -> r.meshName(mesh)
                    .virtualServiceName(PRODUCT_SERVICE)
                    .spec(s -> s.provider(p -> p.virtualNode(n -> n.virtualNodeName(node)))));
        }

        assertThat(table().virtualServicesNamed(PRODUCT_SERVICE))
                .extracting(VirtualServiceRoutes::meshName)
                .containsExactly("mesh-a", "mesh-b");
        assertThat(targetNode("mesh-a")).isEqualTo("product-vn");
        assertThat(targetNode("mesh-b")).isEqualTo("product-v15-vn");
    }

    private String targetNode(String mesh) {
        return table().virtualService(mesh, PRODUCT_SERVICE)
                .orElseThrow()
                .routes()
                .get(0)
                .targets()
                .get(0)
                .virtualNodeName();
    }

    @Test
    void routes_comeInAppMeshMatchOrder_withTheirRetryPolicyAndTimeout() {
        AppMeshClient client = local.client();
        new Walkthrough(client).createAll();
        client.createRoute(r -> r.meshName(MESH)
                .virtualRouterName("product-vr")
                .routeName("api-r")
                .spec(Walkthrough.routeSpec(Walkthrough.target("product-v15-vn", 100)).toBuilder()
                        .httpRoute(h -> h.match(m -> m.prefix("/api"))
                                .action(a -> a.weightedTargets(Walkthrough.target("product-v15-vn", 100))))
                        .build()));
        client.createRoute(r -> r.meshName(MESH)
                .virtualRouterName("product-vr")
                .routeName("urgent-r")
                .spec(routeWithRetries().toBuilder().priority(5).build()));
        client.createRoute(r -> r.meshName(MESH)
                .virtualRouterName("product-vr")
                .routeName("exact-r")
                .spec(Specs.http2Route("product-vn")));

        List<HttpRouteRule> routes =
                table().virtualService(MESH, PRODUCT_SERVICE).orElseThrow().routes();

        assertThat(routes).extracting(HttpRouteRule::routeName).containsExactly("urgent-r", "api-r", "product-r");
        HttpRouteRule urgent = routes.get(0);
        assertThat(urgent.prefix()).isEqualTo("/urgent");
        assertThat(urgent.perRequestTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(urgent.retryPolicy().maxRetries()).isEqualTo(3);
        assertThat(urgent.retryPolicy().perRetryTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(urgent.retryPolicy().httpRetryEvents()).isEqualTo(Set.of("server-error", "gateway-error"));
        assertThat(urgent.retryPolicy().tcpRetryEvents()).isEqualTo(Set.of("connection-error"));
    }

    private static RouteSpec routeWithRetries() {
        return RouteSpec.builder()
                .httpRoute(h -> h.match(m -> m.prefix("/urgent"))
                        .action(a -> a.weightedTargets(Walkthrough.target("product-vn", 100)))
                        .retryPolicy(p -> p.maxRetries(3L)
                                .perRetryTimeout(d -> d.unit("ms").value(250L))
                                .httpRetryEvents("server-error", "gateway-error")
                                .tcpRetryEventsWithStrings("connection-error"))
                        .timeout(t -> t.perRequest(d -> d.unit("s").value(2L))))
                .build();
    }

    private RouteTable table() {
        return local.controlPlane().routeTable().current();
    }

    private static List<Integer> weights(RouteTable table) {
        return table.virtualService(MESH, PRODUCT_SERVICE).orElseThrow().routes().get(0).targets().stream()
                .map(WeightedBackend::weight)
                .toList();
    }
}
