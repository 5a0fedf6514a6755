package io.github.meshrefarch.mesh.local.controlplane;

import io.github.meshrefarch.mesh.local.routetable.HttpRouteRule;
import io.github.meshrefarch.mesh.local.routetable.RetryPolicy;
import io.github.meshrefarch.mesh.local.routetable.RouteTable;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceRoutes;
import io.github.meshrefarch.mesh.local.routetable.WeightedBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Derives the data plane's route table from the mesh state. A virtual service provided by a virtual router gets that
 * router's HTTP routes ({@code httpRoute} and {@code http2Route} with a prefix match) in App Mesh's match order; one
 * provided by a virtual node gets a single catch-all route to it; one without provider gets no routes. Routes that
 * match on something other than a path prefix (path, headers, method, query) are left out: the table cannot express
 * them.
 */
final class RouteTables {

    private static final Comparator<HttpRouteCandidate> MATCH_ORDER = Comparator.comparingLong(
                    HttpRouteCandidate::priority)
            .thenComparing(candidate -> -candidate.rule().prefix().length())
            .thenComparing(candidate -> candidate.rule().routeName());

    private RouteTables() {}

    static RouteTable derive(MeshState state, long revision) {
        List<VirtualServiceRoutes> services = new ArrayList<>();
        // oldest first: of two meshes' virtual services with one name, the older keeps the name's listener port
        List<StoredResource> oldestFirst = state.ofType(ResourceType.VIRTUAL_SERVICE).stream()
                .sorted(Comparator.comparingLong(StoredResource::createdAtMillis)
                        .thenComparing(service -> service.key().meshName()))
                .toList();
        for (StoredResource service : oldestFirst) {
            String mesh = service.key().meshName();
            JsonNode provider = service.spec().path("provider");
            List<HttpRouteRule> routes = new ArrayList<>();
            if (provider.has("virtualNode")) {
                String node =
                        provider.path("virtualNode").path("virtualNodeName").asString();
                routes.add(new HttpRouteRule(node, null, "/", List.of(backend(state, mesh, node, 100)), null, null));
            } else if (provider.has("virtualRouter")) {
                String router =
                        provider.path("virtualRouter").path("virtualRouterName").asString();
                routes.addAll(routerRoutes(state, mesh, router));
            }
            services.add(new VirtualServiceRoutes(mesh, service.key().name(), routes));
        }
        return RouteTable.of(revision, services);
    }

    private static List<HttpRouteRule> routerRoutes(MeshState state, String mesh, String router) {
        List<HttpRouteCandidate> candidates = new ArrayList<>();
        ResourceKey routerKey = ResourceKey.inMesh(ResourceType.VIRTUAL_ROUTER, mesh, router);
        for (StoredResource route : state.children(ResourceType.ROUTE, routerKey)) {
            JsonNode spec = route.spec();
            JsonNode http = spec.has("httpRoute") ? spec.get("httpRoute") : spec.path("http2Route");
            if (!isPrefixOnly(http.path("match"))) {
                continue;
            }
            List<WeightedBackend> targets = new ArrayList<>();
            for (JsonNode target : http.path("action").path("weightedTargets")) {
                targets.add(backend(
                        state,
                        mesh,
                        target.path("virtualNode").asString(),
                        target.path("weight").asInt()));
            }
            long priority = spec.has("priority") ? spec.get("priority").asLong() : Long.MAX_VALUE;
            HttpRouteRule rule = new HttpRouteRule(
                    route.key().name(),
                    router,
                    http.path("match").path("prefix").asString(),
                    targets,
                    retryPolicy(http.path("retryPolicy")),
                    duration(http.path("timeout").path("perRequest")),
                    duration(http.path("timeout").path("idle")));
            candidates.add(new HttpRouteCandidate(priority, rule));
        }
        return candidates.stream()
                .sorted(MATCH_ORDER)
                .map(HttpRouteCandidate::rule)
                .toList();
    }

    private static boolean isPrefixOnly(JsonNode match) {
        if (!match.path("prefix").isString()) {
            return false;
        }
        Set<String> members = new HashSet<>(match.propertyNames());
        members.removeAll(Set.of("prefix", "port", "scheme"));
        return members.isEmpty();
    }

    private static WeightedBackend backend(MeshState state, String mesh, String node, int weight) {
        JsonNode spec = state.find(ResourceKey.inMesh(ResourceType.VIRTUAL_NODE, mesh, node))
                .map(StoredResource::spec)
                .map(JsonNode.class::cast)
                .orElseGet(tools.jackson.databind.node.MissingNode::getInstance);
        JsonNode hostname = spec.path("serviceDiscovery").path("dns").path("hostname");
        int port =
                spec.path("listeners").path(0).path("portMapping").path("port").asInt(0);
        return new WeightedBackend(node, hostname.isString() ? hostname.asString() : null, port, weight);
    }

    private static RetryPolicy retryPolicy(JsonNode policy) {
        if (!policy.isObject()) {
            return null;
        }
        return new RetryPolicy(
                policy.path("maxRetries").asInt(),
                duration(policy.path("perRetryTimeout")),
                strings(policy.path("httpRetryEvents")),
                strings(policy.path("tcpRetryEvents")));
    }

    /** An App Mesh {@code Duration}: {@code {"unit": "s"|"ms", "value": n}}. */
    static Duration duration(JsonNode duration) {
        if (!duration.isObject()) {
            return null;
        }
        long value = duration.path("value").asLong();
        return "s".equals(duration.path("unit").asString()) ? Duration.ofSeconds(value) : Duration.ofMillis(value);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private record HttpRouteCandidate(long priority, HttpRouteRule rule) {}
}
