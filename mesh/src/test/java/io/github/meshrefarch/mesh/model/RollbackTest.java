package io.github.meshrefarch.mesh.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollbackTest {

    private static final MeshDescription DEMOMESH = DescriptionReader.readDescription(Path.of("demomesh.yaml"));

    @Test
    void rollback_sendsEachRouteToItsBaseline_andSkipsRoutesTheDescriptionDoesNotKnow() {
        Route extra =
                new Route("extra-r", "product-vr", "/x", List.of(new WeightedTarget("product-v15-vn", 100)), null);
        MeshDescription current = DEMOMESH.overlay(new MeshDescription(null, null, null, List.of(extra), null));

        Rollback rollback = Rollback.of(current, DEMOMESH, List.of());

        assertThat(rollback.routes())
                .extracting(Route::id, r -> r.weightedTargets().get(0).toString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("order-vr/order-r", "order-vn=100"),
                        org.assertj.core.groups.Tuple.tuple("product-vr/product-r", "product-vn=100"),
                        org.assertj.core.groups.Tuple.tuple("customer-vr/customer-r", "customer-vn=100"));
        assertThat(rollback.unknown()).containsExactly("product-vr/extra-r");
    }

    @Test
    void routeSelector_findsARouteByServiceRouterOrRouteName() {
        assertThat(RouteSelector.select(DEMOMESH, "product").id()).isEqualTo("product-vr/product-r");
        assertThat(RouteSelector.select(DEMOMESH, "customer.default.svc.cluster.local")
                        .id())
                .isEqualTo("customer-vr/customer-r");
        assertThat(RouteSelector.select(DEMOMESH, "order").id()).isEqualTo("order-vr/order-r");
        assertThat(RouteSelector.select(DEMOMESH, "product-r").id()).isEqualTo("product-vr/product-r");
        assertThat(RouteSelector.select(DEMOMESH, "customer-vr/customer-r").id())
                .isEqualTo("customer-vr/customer-r");
        assertThatThrownBy(() -> RouteSelector.select(DEMOMESH, "billing"))
                .isInstanceOf(UnexpectedStateException.class)
                .hasMessageContaining("no route for service billing in mesh demomesh");
    }
}
