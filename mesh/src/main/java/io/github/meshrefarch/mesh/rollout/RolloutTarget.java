package io.github.meshrefarch.mesh.rollout;

import io.github.meshrefarch.mesh.model.InvalidInputException;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.Reconciler;
import io.github.meshrefarch.mesh.model.Route;
import io.github.meshrefarch.mesh.model.RouteSelector;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The route a rollout changes and its baseline, checked before any change: the canary must be a virtual node of the
 * mesh, the baseline another one (by default the route's heaviest target other than the canary).
 */
record RolloutTarget(Route route, String canary, String baseline) {

    static RolloutTarget resolve(Reconciler reconciler, RolloutPlan plan) {
        MeshDescription mesh = reconciler.requireMesh(plan.mesh());
        Route route = RouteSelector.select(mesh, plan.service());
        if (mesh.virtualNode(plan.canary()).isEmpty()) {
            throw new InvalidInputException("virtual node " + plan.canary() + " does not exist in mesh " + plan.mesh());
        }
        String baseline = plan.baseline() != null
                ? plan.baseline()
                : route.weightedTargets().stream()
                        .filter(t -> !t.virtualNode().equals(plan.canary()))
                        .max(Comparator.comparingInt(WeightedTarget::weight))
                        .map(WeightedTarget::virtualNode)
                        .orElseThrow(() -> new InvalidInputException("route " + route.id() + " sends everything to "
                                + plan.canary() + " already: name the baseline"));
        if (baseline.equals(plan.canary()) || mesh.virtualNode(baseline).isEmpty()) {
            throw new InvalidInputException("baseline " + baseline + " must be another virtual node of mesh "
                    + plan.mesh() + " than the canary");
        }
        requireVersions(plan, baseline);
        return new RolloutTarget(route, plan.canary(), baseline);
    }

    private static void requireVersions(RolloutPlan plan, String baseline) {
        if (plan.answers() == null) {
            return;
        }
        for (String node : List.of(baseline, plan.canary())) {
            if (!plan.answers().versions().containsKey(node)) {
                throw new InvalidInputException("which version virtual node " + node
                        + " answers with is unknown, so the split cannot be checked from order's answers");
            }
        }
    }

    /**
     * The route's weighted targets as they are now when they differ from {@code expected} (weights of 0 aside): someone
     * else changed the route since this rollout last set it.
     */
    Optional<List<WeightedTarget>> changedFrom(Reconciler reconciler, String mesh, List<WeightedTarget> expected) {
        List<WeightedTarget> now =
                RouteSelector.select(reconciler.requireMesh(mesh), route.id()).weightedTargets();
        return weighted(now).equals(weighted(expected)) ? Optional.empty() : Optional.of(now);
    }

    private static Map<String, Integer> weighted(List<WeightedTarget> targets) {
        return targets.stream()
                .filter(t -> t.weight() > 0)
                .collect(Collectors.toMap(WeightedTarget::virtualNode, WeightedTarget::weight, Integer::sum));
    }

    /** The weighted targets of a step: the canary at {@code weight}, the baseline the rest (none at 100). */
    List<WeightedTarget> weights(int weight) {
        if (weight >= 100) {
            return List.of(new WeightedTarget(canary, 100));
        }
        return List.of(new WeightedTarget(baseline, 100 - weight), new WeightedTarget(canary, weight));
    }
}
