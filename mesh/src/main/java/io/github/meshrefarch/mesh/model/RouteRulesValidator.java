package io.github.meshrefarch.mesh.model;

import java.util.List;
import java.util.Set;

/**
 * App Mesh's limits for an HTTP route's {@code retryPolicy} and {@code timeout} (API reference, {@code HttpRetryPolicy},
 * {@code HttpTimeout}, {@code Duration}): {@code maxRetries} and {@code perRetryTimeout} required, {@code maxRetries}
 * at least 0, 1 to 25 {@code httpRetryEvents} among {@code server-error}, {@code gateway-error}, {@code
 * client-error} and {@code stream-error}, {@code tcpRetryEvents} exactly {@code [connection-error]}, at least one event
 * of either kind; a duration's {@code unit} is {@code s} or {@code ms} and its {@code value} at least 0. meshctl also
 * requires both fields of a duration, which App Mesh leaves optional.
 */
final class RouteRulesValidator {

    static final Set<String> HTTP_RETRY_EVENTS =
            Set.of("server-error", "gateway-error", "client-error", "stream-error");
    static final Set<String> TCP_RETRY_EVENTS = Set.of("connection-error");

    private RouteRulesValidator() {}

    static void checkRetryPolicy(List<String> problems, String field, RetryPolicy policy) {
        if (policy == null) {
            return;
        }
        if (policy.maxRetries() == null) {
            problems.add(field + ".maxRetries is missing");
        } else if (policy.maxRetries() < 0) {
            problems.add(field + ".maxRetries " + policy.maxRetries() + " must be 0 or more");
        }
        if (policy.perRetryTimeout() == null) {
            problems.add(field + ".perRetryTimeout is missing");
        } else {
            checkDuration(problems, field + ".perRetryTimeout", policy.perRetryTimeout());
        }
        checkEvents(problems, field + ".httpRetryEvents", policy.httpRetryEvents(), 25, HTTP_RETRY_EVENTS);
        checkEvents(problems, field + ".tcpRetryEvents", policy.tcpRetryEvents(), 1, TCP_RETRY_EVENTS);
        if (policy.httpRetryEvents() == null && policy.tcpRetryEvents() == null) {
            problems.add(field + " must name at least one event in httpRetryEvents or tcpRetryEvents");
        }
    }

    static void checkTimeout(List<String> problems, String field, HttpTimeout timeout) {
        if (timeout == null) {
            return;
        }
        if (timeout.perRequest() != null) {
            checkDuration(problems, field + ".perRequest", timeout.perRequest());
        }
        if (timeout.idle() != null) {
            checkDuration(problems, field + ".idle", timeout.idle());
        }
    }

    private static void checkEvents(
            List<String> problems, String field, List<String> events, int max, Set<String> allowed) {
        if (events == null) {
            return;
        }
        if (events.isEmpty() || events.size() > max) {
            problems.add(field + " must hold 1 to " + max + " events when present, got " + events.size());
        }
        for (String event : events) {
            if (!allowed.contains(event)) {
                problems.add(field + ": '" + event + "' is not one of "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static void checkDuration(List<String> problems, String field, MeshDuration duration) {
        if (!"s".equals(duration.unit()) && !"ms".equals(duration.unit())) {
            problems.add(field + ".unit must be s or ms, got " + duration.unit());
        }
        if (duration.value() == null) {
            problems.add(field + ".value is missing");
        } else if (duration.value() < 0) {
            problems.add(field + ".value " + duration.value() + " must be 0 or more");
        }
    }
}
