package io.github.meshrefarch.mesh.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP route of a virtual router: requests matching {@code prefix} go to the weighted
 * targets. {@code baseline} is meshctl's own metadata, not part of the App Mesh spec: the node
 * that {@code rollback} sends all traffic back to (by default the first weighted target).
 * {@code retryPolicy} and {@code timeout} are App Mesh's route fields of those names, null when
 * the route has none (App Mesh then applies its defaults).
 */
public record Route(
        String name,
        String virtualRouter,
        String prefix,
        List<WeightedTarget> weightedTargets,
        String baseline,
        RetryPolicy retryPolicy,
        HttpTimeout timeout)
        implements MeshResource {

    private static final Comparator<WeightedTarget> BY_NODE = Comparator.comparing(WeightedTarget::virtualNode);

    public Route {
        prefix = prefix == null ? "/" : prefix;
        weightedTargets = weightedTargets == null ? List.of() : List.copyOf(weightedTargets);
        if (baseline == null && !weightedTargets.isEmpty()) {
            baseline = weightedTargets.get(0).virtualNode();
        }
    }

    /** A route without retry policy or timeout. */
    public Route(
            String name, String virtualRouter, String prefix, List<WeightedTarget> weightedTargets, String baseline) {
        this(name, virtualRouter, prefix, weightedTargets, baseline, null, null);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.ROUTE;
    }

    @Override
    public String id() {
        return virtualRouter + "/" + name;
    }

    /** This route with other weighted targets, everything else kept. */
    public Route withTargets(List<WeightedTarget> targets) {
        return new Route(name, virtualRouter, prefix, targets, baseline, retryPolicy, timeout);
    }

    /** True when the weighted targets are the same set, in any order. */
    public boolean sameTargetsAs(List<WeightedTarget> targets) {
        return weightedTargets.stream()
                .sorted(BY_NODE)
                .toList()
                .equals(targets.stream().sorted(BY_NODE).toList());
    }

    /** Retry policy and timeout (each member of it) are compared only where this route sets them. */
    @Override
    public boolean satisfiedBy(MeshResource current) {
        return current instanceof Route route
                && name.equals(route.name)
                && virtualRouter.equals(route.virtualRouter)
                && prefix.equals(route.prefix)
                && sameTargetsAs(route.weightedTargets)
                && (retryPolicy == null || retryPolicy.sameAs(route.retryPolicy))
                && (timeout == null || timeout.satisfiedBy(route.timeout));
    }

    @Override
    public boolean sameSpecAs(MeshResource other) {
        return other instanceof Route route
                && name.equals(route.name)
                && virtualRouter.equals(route.virtualRouter)
                && prefix.equals(route.prefix)
                && sameTargetsAs(route.weightedTargets)
                && (retryPolicy == null ? route.retryPolicy == null : retryPolicy.sameAs(route.retryPolicy))
                && Objects.equals(timeout, route.timeout);
    }
}
