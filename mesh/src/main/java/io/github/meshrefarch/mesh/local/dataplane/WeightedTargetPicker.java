package io.github.meshrefarch.mesh.local.dataplane;

import io.github.meshrefarch.mesh.local.routetable.WeightedBackend;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Picks a route's weighted target with probability weight / total, as App Mesh's weighted targets do. */
final class WeightedTargetPicker {

    private WeightedTargetPicker() {}

    /**
     * @param targets the route's targets; those with weight 0 are never picked
     * @param tried virtual nodes already tried for this request: avoided while another target with weight is left
     * @return the picked target, empty when no target has a positive weight
     */
    static Optional<WeightedBackend> pick(List<WeightedBackend> targets, Set<String> tried, RandomGenerator random) {
        Optional<WeightedBackend> untried = pickAmong(targets, tried, random);
        return untried.isPresent() || tried.isEmpty() ? untried : pickAmong(targets, Set.of(), random);
    }

    private static Optional<WeightedBackend> pickAmong(
            List<WeightedBackend> targets, Set<String> excluded, RandomGenerator random) {
        long total = 0;
        for (WeightedBackend target : targets) {
            if (eligible(target, excluded)) {
                total += target.weight();
            }
        }
        if (total == 0) {
            return Optional.empty();
        }
        long ticket = random.nextLong(total);
        for (WeightedBackend target : targets) {
            if (eligible(target, excluded)) {
                ticket -= target.weight();
                if (ticket < 0) {
                    return Optional.of(target);
                }
            }
        }
        throw new IllegalStateException("weighted pick out of range");
    }

    private static boolean eligible(WeightedBackend target, Set<String> excluded) {
        return target.weight() > 0 && !excluded.contains(target.virtualNodeName());
    }
}
