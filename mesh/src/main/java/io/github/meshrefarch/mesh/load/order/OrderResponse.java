package io.github.meshrefarch.mesh.load.order;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The versions that answered one order request: service name to version, in the order the response
 * listed them, e.g. {@code Order -> 1.0, Product -> 1.5, Customer -> 1.0}.
 */
public record OrderResponse(Map<String, String> versions) {

    public OrderResponse {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("an order response names at least one service");
        }
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }

    /** Parses the body of a 200 answer of order; see {@link OrderResponseParser#parse}. */
    public static OrderResponse parse(String body) {
        return OrderResponseParser.parse(body);
    }

    /** The version of {@code service}, or {@code null} when the response does not name it. */
    public String versionOf(String service) {
        return versions.get(service);
    }
}
