package io.github.meshrefarch.mesh.gatewayapi;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.github.meshrefarch.mesh.gatewayapi.HttpRouteMapping.NodeServices;
import io.github.meshrefarch.mesh.model.Listener;
import io.github.meshrefarch.mesh.model.Route;
import io.github.meshrefarch.mesh.model.VirtualRouter;
import io.github.meshrefarch.mesh.model.VirtualService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Edits of one HTTPRoute, the virtual router's: each takes the object as read (a copy meshctl may
 * change) and returns it changed, touching only what meshctl manages: its labels and annotations,
 * its parent, and the rules named in {@link GatewayApiNames#ROUTES_ANNOTATION}. Everything else on
 * the route (other rules, filters, annotations of controllers) is kept as it is.
 */
final class HttpRouteEdits {

    private HttpRouteEdits() {}

    /** Creates the router's route, or adopts an existing one by labelling it. */
    static HTTPRoute ensureRouter(HTTPRoute current, String mesh, String namespace, VirtualRouter router) {
        HTTPRoute route = current;
        if (route == null) {
            route = new HTTPRoute();
            route.setMetadata(new ObjectMetaBuilder()
                    .withName(router.name())
                    .withNamespace(namespace)
                    .addToLabels(GatewayApiNames.MANAGED_BY_LABEL, GatewayApiNames.MANAGED_BY)
                    .build());
            route.setSpec(new HTTPRouteSpec());
        }
        ObjectMeta meta = route.getMetadata();
        meta.getLabels().put(GatewayApiNames.MESH_LABEL, mesh);
        meta.getAnnotations().put(GatewayApiNames.LISTENER_ANNOTATION, listenerText(router.listener()));
        return route;
    }

    static HTTPRoute setVirtualService(HTTPRoute route, HttpRouteMapping mapping, VirtualService service) {
        removeVirtualService(route, mapping);
        route.getMetadata().getAnnotations().put(GatewayApiNames.VIRTUAL_SERVICE_ANNOTATION, service.name());
        ParentReference parent = mapping.parentRef(service.name(), listener(route));
        if (route.getSpec().getParentRefs().stream().noneMatch(p -> HttpRouteMapping.sameParent(p, parent))) {
            route.getSpec().getParentRefs().add(parent);
        }
        for (String hostname : mapping.hostnames(service.name())) {
            if (!route.getSpec().getHostnames().contains(hostname)) {
                route.getSpec().getHostnames().add(hostname);
            }
        }
        return route;
    }

    static HTTPRoute removeVirtualService(HTTPRoute route, HttpRouteMapping mapping) {
        String previous = route.getMetadata().getAnnotations().remove(GatewayApiNames.VIRTUAL_SERVICE_ANNOTATION);
        if (previous != null) {
            ParentReference parent = mapping.parentRef(previous, listener(route));
            route.getSpec().getParentRefs().removeIf(p -> HttpRouteMapping.sameParent(p, parent));
            route.getSpec().getHostnames().removeAll(mapping.hostnames(previous));
        }
        return route;
    }

    static HTTPRoute putRoute(HTTPRoute route, Route wanted, NodeServices nodes) {
        List<HTTPRouteRule> rules = route.getSpec().getRules();
        int index = indexOf(rules, wanted.name());
        if (index >= 0 && managedRoutes(route).contains(wanted.name())) {
            rules.set(index, HttpRouteMapping.merge(rules.get(index), wanted, nodes));
        } else if (index >= 0) {
            throw new io.github.meshrefarch.mesh.model.UnexpectedStateException("HTTPRoute "
                    + route.getMetadata().getName() + " has a rule named " + wanted.name()
                    + " that meshctl did not write: rename it, or add its name to the annotation "
                    + GatewayApiNames.ROUTES_ANNOTATION);
        } else {
            rules.add(HttpRouteMapping.rule(wanted, nodes));
        }
        Set<String> names = managedRoutes(route);
        names.add(wanted.name());
        setManagedRoutes(route, names);
        return route;
    }

    static HTTPRoute removeRoute(HTTPRoute route, String name) {
        Set<String> names = managedRoutes(route);
        if (names.remove(name)) {
            route.getSpec().getRules().removeIf(rule -> name.equals(rule.getName()));
            setManagedRoutes(route, names);
        }
        return route;
    }

    /** Deletes a route meshctl created (null); one it adopted loses only meshctl's labels and annotations. */
    static HTTPRoute removeRouter(HTTPRoute route) {
        if (GatewayApiNames.MANAGED_BY.equals(route.getMetadata().getLabels().get(GatewayApiNames.MANAGED_BY_LABEL))) {
            return null;
        }
        route.getMetadata().getLabels().remove(GatewayApiNames.MESH_LABEL);
        route.getMetadata().getAnnotations().remove(GatewayApiNames.LISTENER_ANNOTATION);
        route.getMetadata().getAnnotations().remove(GatewayApiNames.ROUTES_ANNOTATION);
        return route;
    }

    static VirtualRouter router(HTTPRoute route) {
        return new VirtualRouter(route.getMetadata().getName(), listener(route));
    }

    static Optional<VirtualService> virtualService(HTTPRoute route) {
        return Optional.ofNullable(route.getMetadata().getAnnotations().get(GatewayApiNames.VIRTUAL_SERVICE_ANNOTATION))
                .map(name -> new VirtualService(name, route.getMetadata().getName()));
    }

    /** meshctl's routes on this HTTPRoute, in rule order. */
    static List<Route> routes(HTTPRoute route, NodeServices nodes) {
        Set<String> managed = managedRoutes(route);
        List<Route> routes = new ArrayList<>();
        for (HTTPRouteRule rule : route.getSpec().getRules()) {
            if (rule.getName() != null && managed.contains(rule.getName())) {
                routes.add(HttpRouteMapping.route(rule, route.getMetadata().getName(), nodes));
            }
        }
        return routes;
    }

    static Set<String> managedRoutes(HTTPRoute route) {
        String names = route.getMetadata().getAnnotations().get(GatewayApiNames.ROUTES_ANNOTATION);
        Set<String> set = new LinkedHashSet<>();
        if (names != null && !names.isBlank()) {
            Arrays.stream(names.split(",")).map(String::trim).forEach(set::add);
        }
        return set;
    }

    static String listenerText(Listener listener) {
        return listener.port() + "/" + listener.protocol();
    }

    static Listener parseListener(String text) {
        if (text == null || !text.matches("\\d{1,5}/[a-z0-9]+")) {
            return Listener.HTTP_8080;
        }
        String[] parts = text.split("/");
        return new Listener(Integer.parseInt(parts[0]), parts[1]);
    }

    private static Listener listener(HTTPRoute route) {
        return parseListener(route.getMetadata().getAnnotations().get(GatewayApiNames.LISTENER_ANNOTATION));
    }

    private static void setManagedRoutes(HTTPRoute route, Set<String> names) {
        if (names.isEmpty()) {
            route.getMetadata().getAnnotations().remove(GatewayApiNames.ROUTES_ANNOTATION);
        } else {
            route.getMetadata().getAnnotations().put(GatewayApiNames.ROUTES_ANNOTATION, String.join(",", names));
        }
    }

    private static int indexOf(List<HTTPRouteRule> rules, String name) {
        for (int i = 0; i < rules.size(); i++) {
            if (name.equals(rules.get(i).getName())) {
                return i;
            }
        }
        return -1;
    }
}
