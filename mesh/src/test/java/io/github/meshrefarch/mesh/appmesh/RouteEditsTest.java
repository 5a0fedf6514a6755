package io.github.meshrefarch.mesh.appmesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.model.HttpTimeout;
import io.github.meshrefarch.mesh.model.MeshDuration;
import io.github.meshrefarch.mesh.model.RetryPolicy;
import io.github.meshrefarch.mesh.model.Route;
import io.github.meshrefarch.mesh.model.UnmanagedField;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.appmesh.model.DurationUnit;
import software.amazon.awssdk.services.appmesh.model.GrpcRetryPolicyEvent;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;

/** Read-change-write on SDK specs: only what meshctl manages changes. */
class RouteEditsTest {

    private static final List<WeightedTarget> CANARY =
            List.of(new WeightedTarget("a-vn", 90), new WeightedTarget("b-vn", 10));

    @Test
    void httpRoute_keepsPriorityMatchAndPorts_aNewTargetTakesTheSharedPort() {
        RouteSpec current = RouteSpec.builder()
                .priority(3)
                .httpRoute(h -> h.match(m ->
                                m.prefix("/").headers(x -> x.name("x-t").match(v -> v.exact("1"))))
                        .action(a -> a.weightedTargets(
                                t -> t.virtualNode("a-vn").weight(100).port(9090))))
                .build();

        RouteSpec edited = RouteEdits.edit(current, route("/", CANARY, null, null));

        assertThat(edited.priority()).isEqualTo(3);
        assertThat(edited.httpRoute().match()).isEqualTo(current.httpRoute().match());
        assertThat(edited.httpRoute().action().weightedTargets())
                .extracting(t -> t.virtualNode() + "=" + t.weight() + ":" + t.port())
                .containsExactly("a-vn=90:9090", "b-vn=10:9090");
        assertThat(edited.httpRoute().retryPolicy()).isNull();
    }

    @Test
    void aPathMatch_isNotTurnedIntoAPrefixMatch() {
        RouteSpec current = RouteSpec.builder()
                .http2Route(h -> h.match(m -> m.path(p -> p.exact("/health")))
                        .action(a ->
                                a.weightedTargets(t -> t.virtualNode("a-vn").weight(100))))
                .build();

        RouteSpec edited = RouteEdits.edit(current, route("/", CANARY, null, null));

        assertThat(edited.httpRoute()).isNull();
        assertThat(edited.http2Route().match()).isEqualTo(current.http2Route().match());
    }

    @Test
    void grpcRoute_aDescribedRetryPolicyKeepsTheGrpcEvents_aTimeoutMemberLeftOutIsKept() {
        RouteSpec current = RouteSpec.builder()
                .grpcRoute(g -> g.match(m -> m.serviceName("s"))
                        .action(a ->
                                a.weightedTargets(t -> t.virtualNode("a-vn").weight(100)))
                        .retryPolicy(r -> r.maxRetries(1L)
                                .perRetryTimeout(d -> d.unit(DurationUnit.S).value(1L))
                                .grpcRetryEvents(GrpcRetryPolicyEvent.UNAVAILABLE))
                        .timeout(t -> t.perRequest(d -> d.unit(DurationUnit.S).value(5L))
                                .idle(d -> d.unit(DurationUnit.S).value(50L))))
                .build();
        RetryPolicy retry = new RetryPolicy(2L, MeshDuration.millis(500), null, List.of("connection-error"));

        RouteSpec edited =
                RouteEdits.edit(current, route("/", CANARY, retry, new HttpTimeout(MeshDuration.seconds(7), null)));

        var grpc = edited.grpcRoute();
        assertThat(grpc.match()).isEqualTo(current.grpcRoute().match());
        assertThat(grpc.retryPolicy().maxRetries()).isEqualTo(2L);
        assertThat(grpc.retryPolicy().tcpRetryEventsAsStrings()).containsExactly("connection-error");
        assertThat(grpc.retryPolicy().grpcRetryEventsAsStrings()).containsExactly("unavailable");
        assertThat(grpc.timeout().perRequest().value()).isEqualTo(7L);
        assertThat(grpc.timeout().idle().value()).isEqualTo(50L);
    }

    @Test
    void unmanagedFields_areReportedAtTheWidestPathHoldingNothingManaged() {
        RouteSpec spec = RouteSpec.builder()
                .priority(3)
                .grpcRoute(g -> g.match(m -> m.serviceName("s"))
                        .action(a -> a.weightedTargets(
                                t -> t.virtualNode("a-vn").weight(100).port(80))))
                .build();

        assertThat(UnmanagedFields.of(spec))
                .containsExactly(
                        new UnmanagedField("kind", "grpcRoute"),
                        new UnmanagedField("grpcRoute.action.weightedTargets[0].port", "80"),
                        new UnmanagedField("grpcRoute.match", "{\"serviceName\":\"s\"}"),
                        new UnmanagedField("priority", "3"));
    }

    private static Route route(String prefix, List<WeightedTarget> targets, RetryPolicy retry, HttpTimeout timeout) {
        return new Route("r", "vr", prefix, targets, null, retry, timeout);
    }
}
