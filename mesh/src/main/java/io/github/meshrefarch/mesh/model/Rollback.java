package io.github.meshrefarch.mesh.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which routes a rollback changes and to what: each back to its baseline node at weight 100.
 * Baselines come from the description ({@link Route#baseline()}), since the mesh itself does not
 * know which version is the stable one.
 *
 * @param routes the routes with their rollback targets
 * @param unknown routes of the mesh the description does not know, left alone (only when rolling back all)
 */
public record Rollback(List<Route> routes, List<String> unknown) {

    /** Plans the rollback of {@code services} (every route of the mesh when empty). Pure. */
    public static Rollback of(MeshDescription current, MeshDescription description, List<String> services) {
        List<Route> selected = services.isEmpty()
                ? current.routes()
                : services.stream()
                        .map(service -> RouteSelector.select(current, service))
                        .distinct()
                        .toList();
        List<Route> routes = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Route route : selected) {
            Optional<String> baseline =
                    description.route(route.virtualRouter(), route.name()).map(Route::baseline);
            if (baseline.isEmpty()) {
                if (!services.isEmpty()) {
                    throw new InvalidInputException("route " + route.id()
                            + " is not in the description, so its baseline node is unknown (see --file)");
                }
                unknown.add(route.id());
                continue;
            }
            if (current.virtualNode(baseline.get()).isEmpty()) {
                throw new UnexpectedStateException("baseline virtual node " + baseline.get() + " of route " + route.id()
                        + " does not exist in mesh " + current.mesh());
            }
            routes.add(route.withTargets(List.of(new WeightedTarget(baseline.get(), 100))));
        }
        return new Rollback(routes, unknown);
    }
}
