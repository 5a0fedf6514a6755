package io.github.meshrefarch.mesh.appmesh;

import io.github.meshrefarch.mesh.model.HttpTimeout;
import io.github.meshrefarch.mesh.model.MeshDuration;
import io.github.meshrefarch.mesh.model.RetryPolicy;
import java.util.List;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.services.appmesh.model.Duration;
import software.amazon.awssdk.services.appmesh.model.GrpcRetryPolicy;
import software.amazon.awssdk.services.appmesh.model.GrpcTimeout;
import software.amazon.awssdk.services.appmesh.model.HttpRetryPolicy;

/**
 * Maps a route's retry policy and timeout between the model and the SDK, both ways; null stays null. HTTP and HTTP/2
 * routes share their shapes; a gRPC route's retry policy has gRPC events too, which the model does not hold: they are
 * kept from the route's current policy.
 */
final class RouteRules {

    private RouteRules() {}

    static HttpRetryPolicy toSdk(RetryPolicy policy) {
        if (policy == null) {
            return null;
        }
        return HttpRetryPolicy.builder()
                .maxRetries(policy.maxRetries())
                .perRetryTimeout(toSdk(policy.perRetryTimeout()))
                .httpRetryEvents(policy.httpRetryEvents())
                .tcpRetryEventsWithStrings(policy.tcpRetryEvents())
                .build();
    }

    static software.amazon.awssdk.services.appmesh.model.HttpTimeout toSdk(HttpTimeout timeout) {
        if (timeout == null) {
            return null;
        }
        return software.amazon.awssdk.services.appmesh.model.HttpTimeout.builder()
                .perRequest(toSdk(timeout.perRequest()))
                .idle(toSdk(timeout.idle()))
                .build();
    }

    /** {@code current} (null for none) with the model's members of {@code policy} set; its gRPC events kept. */
    static GrpcRetryPolicy toSdk(RetryPolicy policy, GrpcRetryPolicy current) {
        GrpcRetryPolicy.Builder grpc = current == null ? GrpcRetryPolicy.builder() : current.toBuilder();
        return grpc.maxRetries(policy.maxRetries())
                .perRetryTimeout(toSdk(policy.perRetryTimeout()))
                .httpRetryEvents(policy.httpRetryEvents())
                .tcpRetryEventsWithStrings(policy.tcpRetryEvents())
                .build();
    }

    static GrpcTimeout toGrpc(HttpTimeout timeout) {
        return GrpcTimeout.builder()
                .perRequest(toSdk(timeout.perRequest()))
                .idle(toSdk(timeout.idle()))
                .build();
    }

    static RetryPolicy fromSdk(GrpcRetryPolicy policy) {
        if (policy == null) {
            return null;
        }
        return new RetryPolicy(
                policy.maxRetries(),
                fromSdk(policy.perRetryTimeout()),
                present(policy.httpRetryEvents()),
                present(policy.tcpRetryEventsAsStrings()));
    }

    static HttpTimeout fromSdk(GrpcTimeout timeout) {
        return timeout == null ? null : timeout(timeout.perRequest(), timeout.idle());
    }

    static HttpTimeout timeout(Duration perRequest, Duration idle) {
        return perRequest == null && idle == null ? null : new HttpTimeout(fromSdk(perRequest), fromSdk(idle));
    }

    static Duration durationToSdk(MeshDuration duration) {
        return toSdk(duration);
    }

    static RetryPolicy fromSdk(HttpRetryPolicy policy) {
        if (policy == null) {
            return null;
        }
        return new RetryPolicy(
                policy.maxRetries(),
                fromSdk(policy.perRetryTimeout()),
                present(policy.httpRetryEvents()),
                present(policy.tcpRetryEventsAsStrings()));
    }

    static HttpTimeout fromSdk(software.amazon.awssdk.services.appmesh.model.HttpTimeout timeout) {
        return timeout == null ? null : timeout(timeout.perRequest(), timeout.idle());
    }

    private static Duration toSdk(MeshDuration duration) {
        return duration == null
                ? null
                : Duration.builder()
                        .unit(duration.unit())
                        .value(duration.value())
                        .build();
    }

    private static MeshDuration fromSdk(Duration duration) {
        return duration == null ? null : new MeshDuration(duration.unitAsString(), duration.value());
    }

    /** The SDK reads an absent list as an empty auto-constructed one: absent stays null here. */
    private static List<String> present(List<String> events) {
        return events == null || events instanceof SdkAutoConstructList || events.isEmpty() ? null : events;
    }
}
