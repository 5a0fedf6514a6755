package io.github.meshrefarch.mesh.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftsTest {

    private static final RetryPolicy RETRY =
            new RetryPolicy(3L, MeshDuration.seconds(2), List.of("stream-error"), null);
    private static final HttpTimeout TIMEOUT = new HttpTimeout(MeshDuration.seconds(10), MeshDuration.seconds(60));

    @Test
    void aRetryPolicyAndTimeoutTheDescriptionLeavesOut_areDrift_andNotPlannedAsAnUpdate() {
        Route described = route(null, null);
        MeshState current = state(route(RETRY, TIMEOUT), Map.of());

        assertThat(Drifts.of(description(described), current))
                .extracting(Drift::field, Drift::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("retryPolicy", "3 x 2s on stream-error"),
                        org.assertj.core.groups.Tuple.tuple("timeout.perRequest", "10s"),
                        org.assertj.core.groups.Tuple.tuple("timeout.idle", "60s"));
        assertThat(Planner.plan(description(described), Optional.of(current.resources()), false)
                        .count(Change.Action.UNCHANGED))
                .isEqualTo(2);
    }

    @Test
    void aTimeoutMemberTheDescriptionSets_isManaged_theOtherIsDrift() {
        Route described = route(RETRY, new HttpTimeout(MeshDuration.seconds(10), null));
        MeshState current = state(route(RETRY, TIMEOUT), Map.of());

        assertThat(Drifts.of(description(described), current))
                .extracting(Drift::field)
                .containsExactly("timeout.idle");
        assertThat(described.satisfiedBy(current.resources().routes().get(0))).isTrue();
        assertThat(route(RETRY, new HttpTimeout(MeshDuration.seconds(5), null))
                        .satisfiedBy(current.resources().routes().get(0)))
                .isFalse();
    }

    @Test
    void unmanagedFields_areDriftOfDescribedResources_andStatusReportsThemForEveryResource() {
        Route route = route(null, null);
        MeshState current = state(route, Map.of(MeshState.key(route), List.of(new UnmanagedField("priority", "5"))));

        assertThat(Drifts.of(MeshDescription.empty("m"), current)).isEmpty();
        assertThat(Drifts.ofMesh(current, MeshDescription.empty("m")))
                .extracting(Drift::describe)
                .containsExactly(
                        "route vr/r: priority = 5 (not in the description; not managed by meshctl: left as is)");
    }

    private static Route route(RetryPolicy retry, HttpTimeout timeout) {
        return new Route("r", "vr", "/", List.of(new WeightedTarget("vn", 100)), null, retry, timeout);
    }

    private static MeshDescription description(Route route) {
        return new MeshDescription("m", null, null, List.of(route), null);
    }

    private static MeshState state(Route route, Map<String, List<UnmanagedField>> unmanaged) {
        return new MeshState(description(route), Map.of(route.id(), 1L), unmanaged);
    }
}
