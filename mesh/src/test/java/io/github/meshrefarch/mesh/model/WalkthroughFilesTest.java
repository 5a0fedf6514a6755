package io.github.meshrefarch.mesh.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The files users run: mesh/demomesh.yaml and mesh/steps, read from the module directory. */
class WalkthroughFilesTest {

    private static final MeshDescription DEMOMESH = DescriptionReader.readDescription(Path.of("demomesh.yaml"));
    private static final StepCatalog STEPS = new StepCatalog(Path.of("steps"));

    @Test
    void demomesh_holdsTheWalkthroughsResourcesWithTheOriginalNames() {
        assertThat(DEMOMESH.mesh()).isEqualTo("demomesh");
        assertThat(DEMOMESH.virtualNodes())
                .extracting(VirtualNode::name, VirtualNode::hostname)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("order-vn", "order.default.svc.cluster.local"),
                        org.assertj.core.groups.Tuple.tuple("product-vn", "product.default.svc.cluster.local"),
                        org.assertj.core.groups.Tuple.tuple("product-v15-vn", "product-v15.default.svc.cluster.local"),
                        org.assertj.core.groups.Tuple.tuple("customer-vn", "customer.default.svc.cluster.local"),
                        org.assertj.core.groups.Tuple.tuple("customer-v2-vn", "customer-v2.default.svc.cluster.local"));
        assertThat(DEMOMESH.virtualNode("order-vn").orElseThrow().backends())
                .containsExactlyInAnyOrder("product.default.svc.cluster.local", "customer.default.svc.cluster.local");
        assertThat(DEMOMESH.routes())
                .extracting(Route::id, Route::baseline)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("order-vr/order-r", "order-vn"),
                        org.assertj.core.groups.Tuple.tuple("product-vr/product-r", "product-vn"),
                        org.assertj.core.groups.Tuple.tuple("customer-vr/customer-r", "customer-vn"));
        assertThat(DEMOMESH.virtualServices())
                .extracting(VirtualService::virtualRouter)
                .containsExactly("product-vr", "customer-vr");
    }

    @Test
    void steps_areNumbered01to08and99_withOneActionEach() {
        List<Step> steps = STEPS.steps();

        assertThat(steps)
                .extracting(Step::number)
                .containsExactly("01", "02", "03", "04", "05", "06", "07", "08", "99");
        assertThat(steps)
                .extracting(Step::kind)
                .containsExactly(
                        Step.Kind.APPLY,
                        Step.Kind.APPLY,
                        Step.Kind.APPLY,
                        Step.Kind.APPLY,
                        Step.Kind.APPLY,
                        Step.Kind.APPLY,
                        Step.Kind.APPLY,
                        Step.Kind.ROLLBACK,
                        Step.Kind.DELETE);
        assertThat(STEPS.step("8").content().rollback()).containsExactly("product", "customer");
    }

    @Test
    void steps01_02_05_buildExactlyTheDescribedMesh() {
        MeshDescription built = MeshDescription.empty("demomesh");
        for (String number : List.of("01", "02", "05")) {
            built = built.overlay(STEPS.step(number).content().apply());
        }

        Plan plan = Planner.plan(DEMOMESH, Optional.of(built), true);

        assertThat(plan.writes()).isEmpty();
    }

    @Test
    void everyRouteTheWalkthroughWrites_retriesServerAndGatewayErrorsAndRefusedConnections() {
        var routes = new java.util.ArrayList<>(DEMOMESH.routes());
        STEPS.steps().stream()
                .filter(step -> step.kind() == Step.Kind.APPLY)
                .forEach(step -> routes.addAll(step.content().apply().routes()));

        assertThat(routes).hasSize(3 + 3 + 4); // demomesh, step 01, steps 03, 04, 06, 07
        assertThat(routes).allSatisfy(route -> {
            RetryPolicy policy = route.retryPolicy();
            assertThat(policy).as(route.id()).isNotNull();
            assertThat(policy.maxRetries()).isEqualTo(2);
            assertThat(policy.perRetryTimeout()).isEqualTo(MeshDuration.millis(500));
            assertThat(policy.httpRetryEvents()).containsExactlyInAnyOrder("server-error", "gateway-error");
            assertThat(policy.tcpRetryEvents()).containsExactly("connection-error");
        });
    }

    @Test
    void canarySteps_carryTheWalkthroughsWeights() {
        assertThat(STEPS.step("03").content().apply().routes().get(0).weightedTargets())
                .containsExactly(new WeightedTarget("product-vn", 75), new WeightedTarget("product-v15-vn", 25));
        assertThat(STEPS.step("04").content().apply().routes().get(0).weightedTargets())
                .containsExactly(new WeightedTarget("product-v15-vn", 100));
        assertThat(STEPS.step("06").content().apply().routes().get(0).weightedTargets())
                .containsExactly(new WeightedTarget("customer-vn", 50), new WeightedTarget("customer-v2-vn", 50));
        assertThat(STEPS.step("07").content().apply().routes().get(0).weightedTargets())
                .containsExactly(new WeightedTarget("customer-v2-vn", 100));
    }
}
