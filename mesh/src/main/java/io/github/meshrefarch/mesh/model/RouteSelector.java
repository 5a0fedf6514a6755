package io.github.meshrefarch.mesh.model;

import java.util.List;
import java.util.Optional;

/**
 * Finds the route a user means by a service name, the way people say it: {@code product} is
 * the route of the router providing virtual service {@code product.default.svc.cluster.local};
 * a router name ({@code product-vr}), a route name ({@code product-r}) or {@code ROUTER/ROUTE}
 * work too. {@code order}, which has no virtual service, resolves through router {@code order-vr}.
 */
public final class RouteSelector {

    private RouteSelector() {}

    public static Route select(MeshDescription mesh, String service) {
        if (service.contains("/")) {
            String[] parts = service.split("/", 2);
            return mesh.route(parts[0], parts[1]).orElseThrow(() -> missing(mesh, service));
        }
        Optional<String> router = mesh.virtualServices().stream()
                .filter(vs -> vs.name().equals(service) || vs.name().startsWith(service + "."))
                .map(VirtualService::virtualRouter)
                .findFirst()
                .or(() -> mesh.virtualRouter(service)
                        .or(() -> mesh.virtualRouter(service + "-vr"))
                        .map(VirtualRouter::name));
        if (router.isEmpty()) {
            List<Route> byName = mesh.routes().stream()
                    .filter(route -> route.name().equals(service))
                    .toList();
            if (byName.size() == 1) {
                return byName.get(0);
            }
            throw missing(mesh, service);
        }
        List<Route> routes = mesh.routes().stream()
                .filter(route -> route.virtualRouter().equals(router.get()))
                .toList();
        if (routes.isEmpty()) {
            throw new UnexpectedStateException("virtual router " + router.get() + " of service " + service
                    + " has no route in mesh " + mesh.mesh());
        }
        if (routes.size() > 1) {
            throw new InvalidInputException("virtual router " + router.get() + " has " + routes.size()
                    + " routes: name one as ROUTER/ROUTE, e.g. " + routes.get(0).id());
        }
        return routes.get(0);
    }

    private static UnexpectedStateException missing(MeshDescription mesh, String service) {
        return new UnexpectedStateException("no route for service " + service + " in mesh " + mesh.mesh()
                + " (known routes: "
                + String.join(", ", mesh.routes().stream().map(Route::id).toList()) + ")");
    }
}
