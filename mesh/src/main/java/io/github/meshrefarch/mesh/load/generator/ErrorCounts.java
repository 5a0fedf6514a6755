package io.github.meshrefarch.mesh.load.generator;

import java.util.Map;
import java.util.TreeMap;

/**
 * Failed requests by kind.
 *
 * @param connection connections refused, reset or closed before a full response
 * @param timeout requests without a full response within the request timeout
 * @param status responses with a non-2xx status, by status code (ascending)
 */
public record ErrorCounts(long connection, long timeout, Map<Integer, Long> status) {

    public static final ErrorCounts NONE = new ErrorCounts(0, 0, Map.of());

    public ErrorCounts {
        status = java.util.Collections.unmodifiableMap(new TreeMap<>(status));
    }

    /** All failed requests. */
    public long total() {
        return connection + timeout + statusTotal();
    }

    /** Responses with a non-2xx status. */
    public long statusTotal() {
        return status.values().stream().mapToLong(Long::longValue).sum();
    }
}
