package io.github.meshrefarch.mesh.local.controlplane;

import java.util.List;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.PortProtocol;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeSpec;
import software.amazon.awssdk.services.appmesh.model.WeightedTarget;

/** The App Mesh calls of the original walkthrough (steps 01..08 and 99), made with the real SDK client. */
final class Walkthrough {

    static final String MESH = "demomesh";
    static final String PRODUCT_SERVICE = "product.default.svc.cluster.local";
    static final String CUSTOMER_SERVICE = "customer.default.svc.cluster.local";
    static final List<String> NODES =
            List.of("order-vn", "product-vn", "customer-vn", "product-v15-vn", "customer-v2-vn");

    private final AppMeshClient client;

    Walkthrough(AppMeshClient client) {
        this.client = client;
    }

    /** Steps 01..04: mesh, nodes (order-vn first, before the services its backends name), routers, routes, services. */
    void createAll() {
        client.createMesh(r -> r.meshName(MESH));
        for (String node : NODES) {
            client.createVirtualNode(r -> r.meshName(MESH).virtualNodeName(node).spec(nodeSpec(node)));
        }
        for (String router : List.of("order-vr", "product-vr", "customer-vr")) {
            client.createVirtualRouter(r -> r.meshName(MESH)
                    .virtualRouterName(router)
                    .spec(s -> s.listeners(l -> l.portMapping(p -> p.port(8080).protocol(PortProtocol.HTTP)))));
        }
        client.createRoute(r -> r.meshName(MESH)
                .virtualRouterName("order-vr")
                .routeName("order-r")
                .spec(routeSpec(target("order-vn", 100))));
        client.createRoute(r -> r.meshName(MESH)
                .virtualRouterName("product-vr")
                .routeName("product-r")
                .spec(routeSpec(target("product-vn", 100))));
        client.createRoute(r -> r.meshName(MESH)
                .virtualRouterName("customer-vr")
                .routeName("customer-r")
                .spec(routeSpec(target("customer-vn", 100))));
        client.createVirtualService(r -> r.meshName(MESH)
                .virtualServiceName(PRODUCT_SERVICE)
                .spec(s -> s.provider(p -> p.virtualRouter(v -> v.virtualRouterName("product-vr")))));
        client.createVirtualService(r -> r.meshName(MESH)
                .virtualServiceName(CUSTOMER_SERVICE)
                .spec(s -> s.provider(p -> p.virtualRouter(v -> v.virtualRouterName("customer-vr")))));
    }

    void setProductWeights(int v1, int v15) {
        client.updateRoute(r -> r.meshName(MESH)
                .virtualRouterName("product-vr")
                .routeName("product-r")
                .spec(routeSpec(target("product-vn", v1), target("product-v15-vn", v15))));
    }

    void setCustomerWeights(int v1, int v2) {
        client.updateRoute(r -> r.meshName(MESH)
                .virtualRouterName("customer-vr")
                .routeName("customer-r")
                .spec(routeSpec(target("customer-vn", v1), target("customer-v2-vn", v2))));
    }

    /** Step 99, in dependency order: services, routes, routers, nodes, mesh. */
    void deleteAll() {
        client.deleteVirtualService(r -> r.meshName(MESH).virtualServiceName(PRODUCT_SERVICE));
        client.deleteVirtualService(r -> r.meshName(MESH).virtualServiceName(CUSTOMER_SERVICE));
        client.deleteRoute(r -> r.meshName(MESH).virtualRouterName("order-vr").routeName("order-r"));
        client.deleteRoute(r -> r.meshName(MESH).virtualRouterName("product-vr").routeName("product-r"));
        client.deleteRoute(
                r -> r.meshName(MESH).virtualRouterName("customer-vr").routeName("customer-r"));
        for (String router : List.of("order-vr", "product-vr", "customer-vr")) {
            client.deleteVirtualRouter(r -> r.meshName(MESH).virtualRouterName(router));
        }
        for (String node : NODES) {
            client.deleteVirtualNode(r -> r.meshName(MESH).virtualNodeName(node));
        }
        client.deleteMesh(r -> r.meshName(MESH));
    }

    static VirtualNodeSpec nodeSpec(String node) {
        String host = node.replaceFirst("-vn$", "") + ".default.svc.cluster.local";
        VirtualNodeSpec.Builder spec = VirtualNodeSpec.builder()
                .listeners(l -> l.portMapping(p -> p.port(8080).protocol(PortProtocol.HTTP)))
                .serviceDiscovery(d -> d.dns(dns -> dns.hostname(host)));
        if (node.equals("order-vn")) {
            spec.backends(
                    b -> b.virtualService(v -> v.virtualServiceName(PRODUCT_SERVICE)),
                    b -> b.virtualService(v -> v.virtualServiceName(CUSTOMER_SERVICE)));
        }
        return spec.build();
    }

    static RouteSpec routeSpec(WeightedTarget... targets) {
        return RouteSpec.builder()
                .httpRoute(h -> h.match(m -> m.prefix("/")).action(a -> a.weightedTargets(targets)))
                .build();
    }

    static WeightedTarget target(String node, int weight) {
        return WeightedTarget.builder().virtualNode(node).weight(weight).build();
    }
}
