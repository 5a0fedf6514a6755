package io.github.meshrefarch.mesh.local.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meshrefarch.mesh.model.DescriptionReader;
import io.github.meshrefarch.mesh.model.InvalidInputException;
import io.github.meshrefarch.mesh.model.Listener;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.VirtualNode;
import io.github.meshrefarch.mesh.model.VirtualRouter;
import io.github.meshrefarch.mesh.model.VirtualService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalTopologyTest {

    private static final String DOMAIN = Workload.NAMESPACE_DOMAIN;

    /** The table the README and the docs rely on, derived from mesh/demomesh.yaml. */
    @Test
    void of_walkthroughDescription_theFiveWorkloadsOnTheirDocumentedPorts() {
        LocalTopology topology = LocalTopology.of(DescriptionReader.readDescription(Path.of("demomesh.yaml")));

        Map<String, String> orderBackends = Map.of(
                "PRODUCT_SVC_URL", "http://product" + DOMAIN + ":8080",
                "CUSTOMER_SVC_URL", "http://customer" + DOMAIN + ":8080");
        assertThat(List.copyOf(topology.workloads().values()))
                .containsExactly(
                        new Workload("order", "order-service", "Order", "1.0", "order-vn", 8080, orderBackends),
                        new Workload("product", "product-service", "Product", "1.0", "product-vn", 8081, Map.of()),
                        new Workload("customer", "customer-service", "Customer", "1.0", "customer-vn", 8082, Map.of()),
                        new Workload(
                                "product-v15", "product-service", "Product", "1.5", "product-v15-vn", 8083, Map.of()),
                        new Workload(
                                "customer-v2",
                                "customer-service",
                                "Customer",
                                "2.0",
                                "customer-v2-vn",
                                8084,
                                Map.of()));
        assertThat(topology.initialWorkloads()).containsExactly("order", "product", "customer");
        assertThat(topology.listenerPorts()).isEqualTo(Map.of("product" + DOMAIN, 9081, "customer" + DOMAIN, 9082));
        assertThat(topology.controlPlanePort()).isEqualTo(9080);
        assertThat(topology.adminPort()).isEqualTo(9901);
    }

    /** Another mesh gets its own workloads: nothing of the walkthrough's names is in the code. */
    @Test
    void of_otherDescription_workloadsVersionsPortsAndBackendsFollowItsVirtualNodes() {
        MeshDescription shop = new MeshDescription(
                "shop",
                List.of(
                        node("web-vn", "web", List.of("reviews" + DOMAIN)),
                        node("reviews-v3-vn", "reviews-v3", List.of()),
                        node("reviews-vn", "reviews", List.of())),
                List.of(new VirtualRouter("reviews-vr", new Listener(9000, "http"))),
                List.of(),
                List.of(new VirtualService("reviews" + DOMAIN, "reviews-vr")));

        LocalTopology topology = LocalTopology.of(shop);

        assertThat(topology.workloads().keySet()).containsExactly("web", "reviews", "reviews-v3");
        assertThat(topology.workload("web").environment())
                .isEqualTo(Map.of("REVIEWS_SVC_URL", "http://reviews" + DOMAIN + ":9000"));
        Workload canary = topology.workload("reviews-v3");
        assertThat(canary.module()).isEqualTo("reviews-service");
        assertThat(canary.serviceName()).isEqualTo("Reviews");
        assertThat(canary.version()).isEqualTo("3.0");
        assertThat(canary.virtualNode()).isEqualTo("reviews-v3-vn");
        assertThat(canary.port()).isEqualTo(8082);
        assertThat(topology.initialWorkloads()).containsExactly("web", "reviews");
        assertThat(topology.listenerPorts()).isEqualTo(Map.of("reviews" + DOMAIN, 9081));
        assertThatThrownBy(() -> topology.workload("product"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown workload 'product'; known workloads: web, reviews, reviews-v3");
    }

    @Test
    void of_twoNodesWithOneHostname_rejected() {
        MeshDescription twice = new MeshDescription(
                "m",
                List.of(node("a-vn", "a", List.of()), node("b-vn", "a", List.of())),
                List.of(),
                List.of(),
                List.of());

        assertThatThrownBy(() -> LocalTopology.of(twice))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("workload 'a'");
    }

    private static VirtualNode node(String name, String workload, List<String> backends) {
        return new VirtualNode(name, workload + DOMAIN, null, backends);
    }
}
