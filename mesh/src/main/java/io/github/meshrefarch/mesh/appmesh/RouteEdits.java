package io.github.meshrefarch.mesh.appmesh;

import io.github.meshrefarch.mesh.model.HttpTimeout;
import io.github.meshrefarch.mesh.model.MeshDuration;
import io.github.meshrefarch.mesh.model.RetryPolicy;
import io.github.meshrefarch.mesh.model.Route;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.appmesh.model.Duration;
import software.amazon.awssdk.services.appmesh.model.GrpcRoute;
import software.amazon.awssdk.services.appmesh.model.HttpRoute;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.appmesh.model.TcpRoute;
import software.amazon.awssdk.services.appmesh.model.TcpTimeout;
import software.amazon.awssdk.services.appmesh.model.WeightedTarget;

/**
 * Read-change-write for routes: the route's current spec, in its own kind (HTTP, HTTP/2, gRPC, TCP), with only what
 * meshctl manages changed: the weighted targets' nodes and weights, the prefix of a route that matches by prefix, and
 * the retry policy and timeout members the desired route sets. Everything else (priority, header, method, scheme and
 * query matches, the targets' ports, gRPC matches and events) is kept as read.
 */
final class RouteEdits {

    private RouteEdits() {}

    static RouteSpec edit(RouteSpec current, Route desired) {
        RouteSpec.Builder spec = current.toBuilder();
        if (current.httpRoute() != null) {
            return spec.httpRoute(http(current.httpRoute(), desired)).build();
        }
        if (current.http2Route() != null) {
            return spec.http2Route(http(current.http2Route(), desired)).build();
        }
        if (current.grpcRoute() != null) {
            return spec.grpcRoute(grpc(current.grpcRoute(), desired)).build();
        }
        if (current.tcpRoute() != null) {
            return spec.tcpRoute(tcp(current.tcpRoute(), desired)).build();
        }
        return AppMeshSpecs.toSpec(desired);
    }

    private static HttpRoute http(HttpRoute current, Route desired) {
        HttpRoute.Builder http = current.toBuilder()
                .action(current.action().toBuilder()
                        .weightedTargets(targets(current.action().weightedTargets(), desired))
                        .build());
        if (current.match() != null && current.match().prefix() != null) {
            http.match(current.match().toBuilder().prefix(desired.prefix()).build());
        }
        RetryPolicy policy = desired.retryPolicy();
        if (policy != null && !policy.sameAs(RouteRules.fromSdk(current.retryPolicy()))) {
            http.retryPolicy(RouteRules.toSdk(policy));
        }
        HttpTimeout timeout = desired.timeout();
        if (timeout != null && !timeout.satisfiedBy(RouteRules.fromSdk(current.timeout()))) {
            var was = current.timeout();
            http.timeout(t -> t.perRequest(merged(timeout.perRequest(), was == null ? null : was.perRequest()))
                    .idle(merged(timeout.idle(), was == null ? null : was.idle())));
        }
        return http.build();
    }

    private static GrpcRoute grpc(GrpcRoute current, Route desired) {
        GrpcRoute.Builder grpc = current.toBuilder()
                .action(current.action().toBuilder()
                        .weightedTargets(targets(current.action().weightedTargets(), desired))
                        .build());
        RetryPolicy policy = desired.retryPolicy();
        if (policy != null && !policy.sameAs(RouteRules.fromSdk(current.retryPolicy()))) {
            grpc.retryPolicy(RouteRules.toSdk(policy, current.retryPolicy()));
        }
        HttpTimeout timeout = desired.timeout();
        if (timeout != null && !timeout.satisfiedBy(RouteRules.fromSdk(current.timeout()))) {
            var was = current.timeout();
            grpc.timeout(t -> t.perRequest(merged(timeout.perRequest(), was == null ? null : was.perRequest()))
                    .idle(merged(timeout.idle(), was == null ? null : was.idle())));
        }
        return grpc.build();
    }

    /** A TCP route has no prefix and no retry policy; its timeout has only {@code idle}. */
    private static TcpRoute tcp(TcpRoute current, Route desired) {
        TcpRoute.Builder tcp = current.toBuilder()
                .action(current.action().toBuilder()
                        .weightedTargets(targets(current.action().weightedTargets(), desired))
                        .build());
        MeshDuration idle = desired.timeout() == null ? null : desired.timeout().idle();
        if (idle != null) {
            TcpTimeout.Builder timeout =
                    current.timeout() == null ? TcpTimeout.builder() : current.timeout().toBuilder();
            tcp.timeout(timeout.idle(RouteRules.durationToSdk(idle)).build());
        }
        return tcp.build();
    }

    /**
     * The desired targets, each keeping what its node's current target has beyond node and weight (its port); a node
     * new to the route takes the port the current targets share, if they share one.
     */
    static List<WeightedTarget> targets(List<WeightedTarget> current, Route desired) {
        Set<Integer> ports = new HashSet<>();
        current.forEach(target -> ports.add(target.port()));
        Integer shared = ports.size() == 1 ? ports.iterator().next() : null;
        return desired.weightedTargets().stream()
                .map(target -> current.stream()
                        .filter(found -> found.virtualNode().equals(target.virtualNode()))
                        .findFirst()
                        .map(WeightedTarget::toBuilder)
                        .orElseGet(() -> WeightedTarget.builder()
                                .virtualNode(target.virtualNode())
                                .port(shared))
                        .weight(target.weight())
                        .build())
                .toList();
    }

    private static Duration merged(MeshDuration desired, Duration current) {
        return desired == null ? current : RouteRules.durationToSdk(desired);
    }
}
