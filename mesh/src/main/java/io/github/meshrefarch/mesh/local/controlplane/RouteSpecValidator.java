package io.github.meshrefarch.mesh.local.controlplane;

import static io.github.meshrefarch.mesh.local.controlplane.Checks.duration;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.list;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.nameMember;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.optionalEnum;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.optionalRange;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.requiredObject;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.requiredRange;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.union;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** App Mesh's rules for a route's spec: one route kind, its match, its weighted targets, retry policy and timeouts. */
final class RouteSpecValidator {

    private static final Set<String> HTTP_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
    private static final Set<String> HTTP_RETRY_EVENTS =
            Set.of("server-error", "gateway-error", "client-error", "stream-error");
    private static final Set<String> GRPC_RETRY_EVENTS =
            Set.of("cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable");
    private static final Set<String> TCP_RETRY_EVENTS = Set.of("connection-error");

    private RouteSpecValidator() {}

    static void validate(JsonNode spec) {
        optionalRange(spec, "spec", "priority", 0, 1000);
        String kind = union(spec, "spec", true, "httpRoute", "http2Route", "grpcRoute", "tcpRoute");
        String path = "spec." + kind;
        JsonNode route = requiredObject(spec, "spec", kind);
        weightedTargets(requiredObject(route, path, "action"), path + ".action");
        switch (kind) {
            case "tcpRoute" -> {
                if (route.has("match")) {
                    optionalRange(requiredObject(route, path, "match"), path + ".match", "port", 1, 65535);
                }
                if (route.has("timeout")) {
                    duration(requiredObject(route, path, "timeout"), path + ".timeout", "idle");
                }
            }
            case "grpcRoute" -> {
                JsonNode match = requiredObject(route, path, "match");
                optionalRange(match, path + ".match", "port", 1, 65535);
                if (match.has("methodName") && !match.has("serviceName")) {
                    throw ApiException.badRequest("%s.match.methodName requires serviceName", path);
                }
                retryPolicy(route, path, true);
                timeout(route, path);
            }
            default -> {
                httpMatch(requiredObject(route, path, "match"), path + ".match");
                retryPolicy(route, path, false);
                timeout(route, path);
            }
        }
    }

    /** The virtual nodes a route's weighted targets name, in order. */
    static List<String> targetNodes(JsonNode spec) {
        List<String> nodes = new ArrayList<>();
        for (String kind : List.of("httpRoute", "http2Route", "grpcRoute", "tcpRoute")) {
            spec.path(kind)
                    .path("action")
                    .path("weightedTargets")
                    .forEach(target -> nodes.add(target.path("virtualNode").asString()));
        }
        return nodes;
    }

    private static void weightedTargets(JsonNode action, String path) {
        JsonNode targets = list(action, path, "weightedTargets", 1, 10);
        long total = 0;
        for (int i = 0; i < targets.size(); i++) {
            String at = path + ".weightedTargets[%d]".formatted(i);
            Checks.object(targets.get(i), at);
            nameMember(targets.get(i), at, "virtualNode");
            total += requiredRange(targets.get(i), at, "weight", 0, 100);
            optionalRange(targets.get(i), at, "port", 1, 65535);
        }
        if (total > 100) {
            throw ApiException.badRequest("%s.weightedTargets: the weights add up to %d, more than 100", path, total);
        }
    }

    private static void httpMatch(JsonNode match, String path) {
        union(match, path, true, "prefix", "path");
        if (match.has("prefix")) {
            String prefix = Checks.requiredString(match, path, "prefix");
            if (!prefix.startsWith("/")) {
                throw ApiException.badRequest("%s.prefix must start with '/', not '%s'", path, prefix);
            }
        }
        if (match.has("path")) {
            JsonNode pathMatch = requiredObject(match, path, "path");
            union(pathMatch, path + ".path", true, "exact", "regex");
        }
        optionalEnum(match, path, "method", HTTP_METHODS);
        optionalEnum(match, path, "scheme", Set.of("http", "https"));
        optionalRange(match, path, "port", 1, 65535);
        JsonNode headers = list(match, path, "headers", 0, 10);
        for (int i = 0; i < headers.size(); i++) {
            Checks.object(headers.get(i), path + ".headers[%d]".formatted(i));
            String name = Checks.requiredString(headers.get(i), path + ".headers[%d]".formatted(i), "name");
            if (name.isEmpty() || name.length() > 50) {
                throw ApiException.badRequest("%s.headers[%d].name must be 1 to 50 characters long", path, i);
            }
            headerMatch(headers.get(i), path + ".headers[%d]".formatted(i));
        }
    }

    /** A header's optional match: exactly one of exact, prefix, suffix, regex or range (start and end). */
    private static void headerMatch(JsonNode header, String path) {
        if (!header.has("match")) {
            return;
        }
        JsonNode match = requiredObject(header, path, "match");
        String kind = union(match, path + ".match", true, "exact", "prefix", "suffix", "regex", "range");
        if (kind.equals("range")) {
            JsonNode range = requiredObject(match, path + ".match", "range");
            requiredRange(range, path + ".match.range", "start", Long.MIN_VALUE, Long.MAX_VALUE);
            requiredRange(range, path + ".match.range", "end", Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    private static void retryPolicy(JsonNode route, String path, boolean grpc) {
        if (!route.has("retryPolicy")) {
            return;
        }
        String at = path + ".retryPolicy";
        JsonNode policy = requiredObject(route, path, "retryPolicy");
        requiredRange(policy, at, "maxRetries", 0, Long.MAX_VALUE);
        requiredObject(policy, at, "perRetryTimeout");
        duration(policy, at, "perRetryTimeout");
        int events = events(policy, at, "httpRetryEvents", 25, HTTP_RETRY_EVENTS)
                + events(policy, at, "tcpRetryEvents", 1, TCP_RETRY_EVENTS);
        if (grpc) {
            events += events(policy, at, "grpcRetryEvents", 5, GRPC_RETRY_EVENTS);
        }
        if (events == 0) {
            throw ApiException.badRequest("%s must name at least one retry event", at);
        }
    }

    /** A list of retry events: absent, or 1 to {@code max} of them (App Mesh refuses an empty list). */
    private static int events(JsonNode policy, String path, String member, int max, Set<String> allowed) {
        JsonNode events = list(policy, path, member, policy.has(member) ? 1 : 0, max);
        events.forEach(event -> event(event, path + "." + member, allowed));
        return events.size();
    }

    private static void event(JsonNode event, String path, Set<String> allowed) {
        if (!event.isString() || !allowed.contains(event.asString())) {
            throw ApiException.badRequest("%s must hold only %s, not %s", path, String.join(", ", allowed), event);
        }
    }

    private static void timeout(JsonNode route, String path) {
        if (route.has("timeout")) {
            JsonNode timeout = requiredObject(route, path, "timeout");
            duration(timeout, path + ".timeout", "idle");
            duration(timeout, path + ".timeout", "perRequest");
        }
    }
}
