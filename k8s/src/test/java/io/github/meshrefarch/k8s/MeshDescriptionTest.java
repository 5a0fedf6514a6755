package io.github.meshrefarch.k8s;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

class MeshDescriptionTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void parse_appMeshShapedDescription_findsMeshVirtualNodesAndVirtualServices() {
        String yaml = """
                mesh: demomesh
                virtualNodes:
                  - name: product-vn
                    serviceDiscovery:
                      dns: {hostname: product.default.svc.cluster.local}
                  - name: order-vn
                    hostname: order.default.svc.cluster.local
                    listeners: [{portMapping: {port: 9090, protocol: http}}]
                    backends: [product.default.svc.cluster.local]
                virtualRouters:
                  - name: product-vr
                    routes:
                      - name: product-r
                        weightedTargets: [{virtualNode: product-vn, weight: 100}]
                virtualServices:
                  - name: product.default.svc.cluster.local
                    provider: {virtualRouter: product-vr}
                """;

        MeshDescription description = MeshDescription.parse(YAML.readTree(yaml), "test");

        assertThat(description.meshName()).isEqualTo("demomesh");
        assertThat(description.virtualNodeHostnames())
                .containsOnly(
                        entry("product-vn", "product.default.svc.cluster.local"),
                        entry("order-vn", "order.default.svc.cluster.local"));
        assertThat(description.virtualNodeListenerPorts())
                .containsOnly(entry("product-vn", 8080), entry("order-vn", 9090));
        assertThat(description.virtualServices()).containsExactly("product.default.svc.cluster.local");
    }

    @Test
    void parse_meshAsMappingWithName_readsItsName() {
        MeshDescription description =
                MeshDescription.parse(YAML.readTree("mesh: {name: other, egress: DROP_ALL}"), "test");

        assertThat(description.meshName()).isEqualTo("other");
        assertThat(description.virtualNodeHostnames()).isEmpty();
    }

    @Test
    void load_namesTheWalkthroughsVirtualNodesAndVirtualServices() {
        MeshDescription description = MeshDescription.load();

        // Either source must name the walkthrough's five virtual nodes and two virtual services.
        assertThat(description.virtualNodeHostnames())
                .as(description.source())
                .containsKeys("order-vn", "product-vn", "customer-vn", "product-v15-vn", "customer-v2-vn");
        assertThat(description.virtualServices())
                .as(description.source())
                .contains("product.default.svc.cluster.local", "customer.default.svc.cluster.local");
    }
}
