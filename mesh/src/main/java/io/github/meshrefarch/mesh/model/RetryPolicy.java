package io.github.meshrefarch.mesh.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An App Mesh HTTP route's {@code retryPolicy}, with App Mesh's field names: a request that fails with one of the
 * events is tried again, at most {@code maxRetries} times, each try bounded by {@code perRetryTimeout}.
 *
 * @param maxRetries retries after the first try, 0 or more (required)
 * @param perRetryTimeout bound of each try (required)
 * @param httpRetryEvents among {@code server-error}, {@code gateway-error}, {@code client-error}, {@code
 *     stream-error}; null when absent
 * @param tcpRetryEvents {@code connection-error}; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetryPolicy(
        Long maxRetries, MeshDuration perRetryTimeout, List<String> httpRetryEvents, List<String> tcpRetryEvents) {

    public RetryPolicy {
        httpRetryEvents = httpRetryEvents == null ? null : List.copyOf(httpRetryEvents);
        tcpRetryEvents = tcpRetryEvents == null ? null : List.copyOf(tcpRetryEvents);
    }

    /** Whether both policies retry the same events the same way, whatever the order their events are listed in. */
    public boolean sameAs(RetryPolicy other) {
        return other != null
                && Objects.equals(maxRetries, other.maxRetries)
                && Objects.equals(perRetryTimeout, other.perRetryTimeout)
                && sorted(httpRetryEvents).equals(sorted(other.httpRetryEvents))
                && sorted(tcpRetryEvents).equals(sorted(other.tcpRetryEvents));
    }

    private static List<String> sorted(List<String> events) {
        return events == null ? List.of() : events.stream().sorted().toList();
    }

    @Override
    public String toString() {
        String events = Stream.concat(sorted(httpRetryEvents).stream(), sorted(tcpRetryEvents).stream())
                .sorted()
                .reduce((a, b) -> a + "," + b)
                .orElse("-");
        return maxRetries + " x " + perRetryTimeout + " on " + events;
    }
}
