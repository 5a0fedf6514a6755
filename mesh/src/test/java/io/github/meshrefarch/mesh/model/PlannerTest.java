package io.github.meshrefarch.mesh.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final VirtualNode PRODUCT_VN = new VirtualNode("product-vn", "product.local", null, null);
    private static final VirtualNode ORDER_VN =
            new VirtualNode("order-vn", "order.local", null, List.of("product.local", "customer.local"));
    private static final VirtualRouter PRODUCT_VR = new VirtualRouter("product-vr", null);
    private static final Route PRODUCT_R =
            new Route("product-r", "product-vr", "/", List.of(new WeightedTarget("product-vn", 100)), null);
    private static final VirtualService PRODUCT_VS = new VirtualService("product.local", "product-vr");

    private static final MeshDescription DESIRED = new MeshDescription(
            "m", List.of(ORDER_VN, PRODUCT_VN), List.of(PRODUCT_VR), List.of(PRODUCT_R), List.of(PRODUCT_VS));

    @Test
    void plan_ofAMissingMesh_createsEverythingInDependencyOrder() {
        Plan plan = Planner.plan(DESIRED, Optional.empty(), false);

        assertThat(plan.changes()).allMatch(change -> change.action() == Change.Action.CREATE);
        assertThat(plan.changes().stream().map(change -> change.resource().kind()))
                .containsExactly(
                        ResourceKind.MESH,
                        ResourceKind.VIRTUAL_ROUTER,
                        ResourceKind.VIRTUAL_SERVICE,
                        ResourceKind.VIRTUAL_NODE,
                        ResourceKind.VIRTUAL_NODE,
                        ResourceKind.ROUTE);
    }

    @Test
    void plan_comparesSpecsSemantically_orderOfBackendsAndTargetsAndBaselineDoNotMatter() {
        MeshDescription current = new MeshDescription(
                "m",
                List.of(
                        new VirtualNode(
                                "order-vn",
                                "order.local",
                                Listener.HTTP_8080,
                                List.of("customer.local", "product.local")),
                        PRODUCT_VN),
                List.of(PRODUCT_VR),
                List.of(new Route(
                        "product-r", "product-vr", "/", List.of(new WeightedTarget("product-vn", 100)), "other")),
                List.of(PRODUCT_VS));

        Plan plan = Planner.plan(DESIRED, Optional.of(current), true);

        assertThat(plan.writes()).isEmpty();
        assertThat(plan.summary()).isEqualTo("0 to create, 0 to update, 0 to delete, 6 unchanged");
    }

    @Test
    void plan_updatesOnlyWhatDiffers() {
        Route canary = PRODUCT_R.withTargets(
                List.of(new WeightedTarget("product-vn", 75), new WeightedTarget("order-vn", 25)));
        MeshDescription desired = DESIRED.overlay(new MeshDescription(null, null, null, List.of(canary), null));

        Plan plan = Planner.plan(desired, Optional.of(DESIRED), false);

        assertThat(plan.writes()).containsExactly(new Change(Change.Action.UPDATE, canary));
    }

    @Test
    void plan_deletesExtrasInTeardownOrder_onlyWithPrune() {
        MeshDescription onlyMesh = MeshDescription.empty("m");

        assertThat(Planner.plan(onlyMesh, Optional.of(DESIRED), false).writes()).isEmpty();
        Plan pruned = Planner.plan(onlyMesh, Optional.of(DESIRED), true);
        assertThat(pruned.writes().stream().map(change -> change.resource().kind()))
                .containsExactly(
                        ResourceKind.VIRTUAL_SERVICE,
                        ResourceKind.ROUTE,
                        ResourceKind.VIRTUAL_ROUTER,
                        ResourceKind.VIRTUAL_NODE,
                        ResourceKind.VIRTUAL_NODE);
        assertThat(pruned.writes()).allMatch(change -> change.action() == Change.Action.DELETE);
    }

    @Test
    void teardown_deletesServicesRoutesRoutersNodesThenTheMesh() {
        Plan plan = Planner.teardown(DESIRED);

        assertThat(plan.changes().stream().map(change -> change.resource().kind()))
                .containsExactly(
                        ResourceKind.VIRTUAL_SERVICE,
                        ResourceKind.ROUTE,
                        ResourceKind.VIRTUAL_ROUTER,
                        ResourceKind.VIRTUAL_NODE,
                        ResourceKind.VIRTUAL_NODE,
                        ResourceKind.MESH);
    }
}
