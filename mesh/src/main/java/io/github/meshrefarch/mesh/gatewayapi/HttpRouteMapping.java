package io.github.meshrefarch.mesh.gatewayapi;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.github.meshrefarch.mesh.model.Listener;
import io.github.meshrefarch.mesh.model.Route;
import io.github.meshrefarch.mesh.model.UnexpectedStateException;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * App Mesh's route as an HTTPRoute rule, and a virtual service as the route's parent: the one
 * place where the fields of a {@link Route} become Gateway API fields (a new field of the route,
 * such as a retry policy or a timeout, is added here). Every field is written in the form the API
 * server defaults it to (weight, group "", kind Service, path type), so reading back and writing
 * again makes no change.
 */
public final class HttpRouteMapping {

    /** A virtual node's Service and port. */
    public record ServiceRef(String name, int port) {}

    /** The Services of the mesh's virtual nodes, by node name. */
    public record NodeServices(Map<String, ServiceRef> byNode) {

        public NodeServices {
            byNode = Map.copyOf(byNode);
        }

        ServiceRef of(String node) {
            ServiceRef ref = byNode.get(node);
            if (ref == null) {
                throw new UnexpectedStateException("virtual node " + node + " has no Service labelled "
                        + GatewayApiNames.NODE_LABEL + "=" + node + " in the namespace");
            }
            return ref;
        }

        Optional<String> nodeOf(HTTPBackendRef ref) {
            if (!isService(ref)) {
                return Optional.empty();
            }
            return byNode.entrySet().stream()
                    .filter(entry -> entry.getValue().name().equals(ref.getName()))
                    .map(Map.Entry::getKey)
                    .findFirst();
        }
    }

    private final ParentStyle parent;
    private final String mesh;

    public HttpRouteMapping(ParentStyle parent, String mesh) {
        this.parent = parent;
        this.mesh = mesh;
    }

    /** The rule for {@code route}, a fresh one. */
    public static HTTPRouteRule rule(Route route, NodeServices nodes) {
        return merge(new HTTPRouteRule(), route, nodes);
    }

    /**
     * {@code existing} (a rule named after the route) carrying {@code route}: its path match and the
     * backendRefs of the route's virtual nodes are set, in the route's target order, each keeping
     * its own filters; backendRefs to other Services, the rule's filters, timeouts and anything
     * else set by others are kept.
     */
    public static HTTPRouteRule merge(HTTPRouteRule existing, Route route, NodeServices nodes) {
        List<HTTPBackendRef> refs = new ArrayList<>();
        for (WeightedTarget target : route.weightedTargets()) {
            ServiceRef service = nodes.of(target.virtualNode());
            HTTPBackendRef kept = existing.getBackendRefs().stream()
                    .filter(ref -> isService(ref) && service.name().equals(ref.getName()))
                    .findFirst()
                    .orElse(null);
            refs.add(new HTTPBackendRefBuilder()
                    .withGroup("")
                    .withKind("Service")
                    .withName(service.name())
                    .withPort(service.port())
                    .withWeight(target.weight())
                    .withFilters(kept == null ? List.of() : kept.getFilters())
                    .build());
        }
        existing.getBackendRefs().stream()
                .filter(ref -> nodes.nodeOf(ref).isEmpty())
                .forEach(refs::add);
        return new HTTPRouteRuleBuilder(existing)
                .withName(route.name())
                .withMatches(pathMatch(route.prefix()))
                .withBackendRefs(refs)
                .build();
    }

    /** The route a rule carries; backendRefs to Services of no virtual node are not targets. */
    public static Route route(HTTPRouteRule rule, String virtualRouter, NodeServices nodes) {
        String prefix = rule.getMatches().isEmpty() || rule.getMatches().get(0).getPath() == null
                ? "/"
                : rule.getMatches().get(0).getPath().getValue();
        List<WeightedTarget> targets = new ArrayList<>();
        for (HTTPBackendRef ref : rule.getBackendRefs()) {
            nodes.nodeOf(ref)
                    .ifPresent(node ->
                            targets.add(new WeightedTarget(node, ref.getWeight() == null ? 1 : ref.getWeight())));
        }
        return new Route(rule.getName(), virtualRouter, prefix, targets, null);
    }

    /**
     * The parent that carries a virtual service's traffic: GAMMA, its own Service (the first DNS
     * label of its name) on the router's port; Gateway, the Gateway's listener {@code http}.
     */
    public ParentReference parentRef(String virtualService, Listener routerListener) {
        if (parent.lattice()) {
            return new ParentReferenceBuilder()
                    .withGroup(GatewayApiNames.GATEWAY_GROUP)
                    .withKind("Gateway")
                    .withName(parent.gateway(mesh))
                    .withSectionName(GatewayApiNames.GATEWAY_LISTENER)
                    .build();
        }
        return new ParentReferenceBuilder()
                .withGroup("")
                .withKind("Service")
                .withName(GatewayApiNames.serviceName(virtualService))
                .withPort(routerListener.port())
                .build();
    }

    /** The hostnames of a route for a virtual service: the Gateway style routes by name, GAMMA by parent. */
    public List<String> hostnames(String virtualService) {
        return parent.lattice() ? List.of(virtualService) : List.of();
    }

    /** Whether two parent references name the same parent, defaults applied. */
    static boolean sameParent(ParentReference a, ParentReference b) {
        return Objects.equals(group(a.getGroup()), group(b.getGroup()))
                && Objects.equals(kind(a.getKind()), kind(b.getKind()))
                && Objects.equals(a.getName(), b.getName())
                && Objects.equals(a.getNamespace(), b.getNamespace())
                && Objects.equals(a.getSectionName(), b.getSectionName())
                && Objects.equals(a.getPort(), b.getPort());
    }

    private static String group(String group) {
        return group == null ? GatewayApiNames.GATEWAY_GROUP : group;
    }

    private static String kind(String kind) {
        return kind == null ? "Gateway" : kind;
    }

    private static boolean isService(HTTPBackendRef ref) {
        return (ref.getGroup() == null || ref.getGroup().isEmpty())
                && (ref.getKind() == null || "Service".equals(ref.getKind()));
    }

    private static HTTPRouteMatch pathMatch(String prefix) {
        return new HTTPRouteMatchBuilder()
                .withNewPath()
                .withType("PathPrefix")
                .withValue(prefix)
                .endPath()
                .build();
    }
}
