package io.github.meshrefarch.mesh.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How meshctl writes next to other writers: conflicts retried, other writers' rules, filters and annotations kept. */
class GatewayApiWritesIT extends MockClusterFixture {

    GatewayApiWritesIT() {
        super("01", "02");
    }

    @Test
    void edit_anotherWriterInBetween_getsA409AndIsRetriedFromAFreshRead() {
        KubeObjects kube = new KubeObjects(client, GatewayApiCluster.NAMESPACE);
        AtomicInteger attempts = new AtomicInteger();

        KubeObjects.Written<HTTPRoute> written = kube.edit(HTTPRoute.class, "product-vr", route -> {
            if (attempts.incrementAndGet() == 1) {
                HTTPRoute theirs = cluster.route("product-vr");
                theirs.getMetadata().getAnnotations().put("gitops.example/synced", "yes");
                client.resource(theirs).update(); // lands between meshctl's read and its write
            }
            route.getMetadata().getAnnotations().put("meshctl.test/written", "yes");
            return route;
        });

        assertThat(attempts).hasValue(2);
        assertThat(written.wrote()).isTrue();
        assertThat(cluster.route("product-vr").getMetadata().getAnnotations())
                .containsEntry("gitops.example/synced", "yes")
                .containsEntry("meshctl.test/written", "yes");
    }

    @Test
    void step_keepsOtherWritersRulesFiltersBackendsAndAnnotations() throws Exception {
        HTTPRoute route = cluster.route("product-vr");
        route.getMetadata().getAnnotations().put("controller.example/state", "programmed");
        HTTPRouteRule managed = route.getSpec().getRules().get(0);
        managed.getFilters().add(header("x-route", "product"));
        managed.getBackendRefs().get(0).getFilters().add(header("x-backend", "v1"));
        managed.getBackendRefs().add(service("product-mirror", 1));
        HTTPRouteRule theirs = new HTTPRouteRuleBuilder()
                .withName("header-canary")
                .addNewMatch()
                .addNewHeader()
                .withName("x-canary")
                .withValue("true")
                .withType("Exact")
                .endHeader()
                .endMatch()
                .withBackendRefs(service("product-v15", 1))
                .build();
        route.getSpec().getRules().add(theirs);
        client.resource(route).update();

        var result = cluster.step("03");

        assertThat(result.exitCode()).as(result.err()).isZero();
        HTTPRoute after = cluster.route("product-vr");
        assertThat(after.getMetadata().getAnnotations()).containsEntry("controller.example/state", "programmed");
        assertThat(after.getSpec().getRules()).hasSize(2);
        HTTPRouteRule product = after.getSpec().getRules().get(0);
        assertThat(product.getName()).isEqualTo("product-r");
        assertThat(product.getFilters()).containsExactly(header("x-route", "product"));
        assertThat(product.getBackendRefs())
                .extracting(HTTPBackendRef::getName, HTTPBackendRef::getWeight)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("product", 75),
                        org.assertj.core.groups.Tuple.tuple("product-v15", 25),
                        org.assertj.core.groups.Tuple.tuple("product-mirror", 1));
        assertThat(product.getBackendRefs().get(0).getFilters()).containsExactly(header("x-backend", "v1"));
        assertThat(after.getSpec().getRules().get(1)).isEqualTo(theirs);

        var status = cluster.run("status");
        assertThat(status.out()).containsPattern("product-vr +product-r +\\d+ +product-vn 75%, product-v15-vn 25%");
    }

    @Test
    void writes_nameMeshctlAsFieldManager() throws Exception {
        cluster.takeRequests();

        assertThat(cluster.step("03").exitCode()).isZero();

        assertThat(cluster.takeWrites())
                .isNotEmpty()
                .allSatisfy(write -> assertThat(write).contains("fieldManager=meshctl"));
    }

    @Test
    void invalidInput_isRefusedBeforeAnyWrite() throws Exception {
        Path bad = dir.resolve("bad-prefix.yaml");
        Files.writeString(
                bad,
                Files.readString(GatewayApiCluster.DESCRIPTION).replaceFirst("prefix: /\n", "prefix: /shop//cart\n"));
        cluster.takeRequests();

        var result = cluster.run("apply", "-f", bad.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("prefix must not contain '//'");
        assertThat(cluster.takeWrites()).isEmpty();
    }

    @Test
    void meshNameThatCannotBeALabel_isRefusedBeforeAnyWrite() throws Exception {
        cluster.takeRequests();

        var result = cluster.run("--mesh", "shop!mesh", "apply", "-f", GatewayApiCluster.DESCRIPTION.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("mesh shop!mesh cannot be a label value");
        assertThat(cluster.takeWrites()).isEmpty();
    }

    @Test
    void latticeLimitOfTenBackends_countsOtherWritersBackends_andRefusesTheWrite() throws Exception {
        HTTPRoute route = cluster.route("product-vr");
        for (int i = 1; i <= 9; i++) {
            route.getSpec().getRules().get(0).getBackendRefs().add(service("product-shadow-" + i, 0));
        }
        client.resource(route).update();

        var lattice = cluster.run(
                "--gateway-api-parent",
                "gateway",
                "--wait-timeout",
                "0s",
                "step",
                "03",
                "--steps-dir",
                GatewayApiCluster.STEPS.toString());

        assertThat(lattice.exitCode()).as(lattice.err()).isEqualTo(2);
        assertThat(lattice.err()).contains("rule product-r would have 11 backendRefs; at most 10 on VPC Lattice");
        assertThat(cluster.rules()).containsEntry("product-vr/product-r", "product:8080=100," + shadows());

        var gamma = cluster.step("03");

        assertThat(gamma.exitCode()).as(gamma.err()).isZero();
        assertThat(cluster.route("product-vr").getSpec().getRules().get(0).getBackendRefs())
                .hasSize(11);
    }

    private static String shadows() {
        StringBuilder refs = new StringBuilder();
        for (int i = 1; i <= 9; i++) {
            refs.append(i == 1 ? "" : ",").append("product-shadow-").append(i).append(":8080=0");
        }
        return refs.toString();
    }

    private static HTTPRouteFilter header(String name, String value) {
        return new HTTPRouteFilterBuilder()
                .withType("RequestHeaderModifier")
                .withNewRequestHeaderModifier()
                .addNewSet()
                .withName(name)
                .withValue(value)
                .endSet()
                .endRequestHeaderModifier()
                .build();
    }

    private static HTTPBackendRef service(String name, int weight) {
        return new HTTPBackendRefBuilder()
                .withGroup("")
                .withKind("Service")
                .withName(name)
                .withPort(8080)
                .withWeight(weight)
                .withFilters(List.of())
                .build();
    }
}
