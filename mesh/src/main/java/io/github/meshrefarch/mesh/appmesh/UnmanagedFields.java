package io.github.meshrefarch.mesh.appmesh;

import io.github.meshrefarch.mesh.model.UnmanagedField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeSpec;
import software.amazon.awssdk.services.appmesh.model.VirtualRouterSpec;
import software.amazon.awssdk.services.appmesh.model.VirtualServiceSpec;
import tools.jackson.databind.JsonNode;

/**
 * The fields set on a resource's spec that meshctl does not manage: the spec as JSON, less the paths meshctl writes
 * (the same fields {@link RouteEdits} and {@link SpecEdits} change). Each is reported at the widest path holding nothing
 * managed, e.g. {@code httpRoute.match.headers} or {@code listeners[0].healthCheck}.
 */
final class UnmanagedFields {

    private static final int MAX_VALUE = 160;
    private static final List<String> ROUTE_KINDS = List.of("httpRoute", "http2Route", "grpcRoute", "tcpRoute");
    private static final List<String> ROUTE_MANAGED = List.of(
            "action.weightedTargets.*.virtualNode",
            "action.weightedTargets.*.weight",
            "retryPolicy.maxRetries",
            "retryPolicy.perRetryTimeout",
            "retryPolicy.httpRetryEvents",
            "retryPolicy.tcpRetryEvents",
            "timeout.perRequest",
            "timeout.idle");
    private static final Map<String, List<String>> OTHER_MANAGED = Map.of(
            "node",
            List.of(
                    "serviceDiscovery.dns.hostname",
                    "listeners.0.portMapping",
                    "backends.*.virtualService.virtualServiceName"),
            "router",
            List.of("listeners.0.portMapping"),
            "service",
            List.of("provider.virtualRouter.virtualRouterName"));

    private UnmanagedFields() {}

    /** A route's unmanaged fields; a route that is not an HTTP route also reports its kind. */
    static List<UnmanagedField> of(RouteSpec spec) {
        List<String> managed = new ArrayList<>();
        for (String kind : ROUTE_KINDS) {
            ROUTE_MANAGED.forEach(path -> managed.add(kind + "." + path));
        }
        managed.add("httpRoute.match.prefix");
        managed.add("http2Route.match.prefix");
        List<UnmanagedField> fields = new ArrayList<>();
        ROUTE_KINDS.stream()
                .skip(1)
                .filter(kind -> SdkJson.write(spec).has(kind))
                .forEach(kind -> fields.add(new UnmanagedField("kind", kind)));
        fields.addAll(unmanaged(spec, managed));
        return fields;
    }

    static List<UnmanagedField> of(VirtualNodeSpec spec) {
        return unmanaged(spec, OTHER_MANAGED.get("node"));
    }

    static List<UnmanagedField> of(VirtualRouterSpec spec) {
        return unmanaged(spec, OTHER_MANAGED.get("router"));
    }

    static List<UnmanagedField> of(VirtualServiceSpec spec) {
        return unmanaged(spec, OTHER_MANAGED.get("service"));
    }

    private static List<UnmanagedField> unmanaged(SdkPojo spec, List<String> managed) {
        List<UnmanagedField> fields = new ArrayList<>();
        List<List<String>> paths =
                managed.stream().map(path -> List.of(path.split("\\."))).toList();
        collect(SdkJson.write(spec), "", paths, fields);
        return fields;
    }

    /** Walks {@code node} at {@code path}; {@code managed} holds the managed paths below it, relative to it. */
    private static void collect(JsonNode node, String path, List<List<String>> managed, List<UnmanagedField> out) {
        if (managed.stream().anyMatch(List::isEmpty)) {
            return;
        }
        if (managed.isEmpty() || !(node.isObject() || node.isArray())) {
            out.add(new UnmanagedField(path, shortened(node.toString())));
            return;
        }
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                collect(node.get(name), path.isEmpty() ? name : path + "." + name, below(managed, name, name), out);
            }
            return;
        }
        for (int i = 0; i < node.size(); i++) {
            collect(node.get(i), path + "[" + i + "]", below(managed, "*", String.valueOf(i)), out);
        }
    }

    private static List<List<String>> below(List<List<String>> managed, String wildcard, String segment) {
        return managed.stream()
                .filter(path -> Stream.of(wildcard, segment).anyMatch(path.get(0)::equals))
                .map(path -> path.subList(1, path.size()))
                .toList();
    }

    private static String shortened(String value) {
        return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE - 3) + "...";
    }
}
