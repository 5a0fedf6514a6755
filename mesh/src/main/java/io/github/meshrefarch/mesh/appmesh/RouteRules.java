package io.github.meshrefarch.mesh.appmesh;

import io.github.meshrefarch.mesh.model.HttpTimeout;
import io.github.meshrefarch.mesh.model.MeshDuration;
import io.github.meshrefarch.mesh.model.RetryPolicy;
import java.util.List;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.services.appmesh.model.Duration;
import software.amazon.awssdk.services.appmesh.model.HttpRetryPolicy;

/** Maps an HTTP route's retry policy and timeout between the model and the SDK, both ways; null stays null. */
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
        if (timeout == null || (timeout.perRequest() == null && timeout.idle() == null)) {
            return null;
        }
        return new HttpTimeout(fromSdk(timeout.perRequest()), fromSdk(timeout.idle()));
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
