package io.github.meshrefarch.mesh.model;

import java.util.List;

/**
 * What a rollback did to each route, as read back from the mesh after every update ran to completion.
 *
 * @param mesh the mesh
 * @param routes one result per route rolled back (or meant to be)
 * @param skipped routes of the mesh that were left alone: the description knows no baseline for them
 */
public record RollbackReport(String mesh, List<RouteResult> routes, List<String> skipped) {

    public RollbackReport {
        routes = List.copyOf(routes);
        skipped = List.copyOf(skipped);
    }

    /** Where a route ended up. */
    public enum Outcome {
        /** It was updated and reads back as its baseline at 100. */
        ROLLED_BACK,
        /** It was at its baseline already: no update sent. */
        UNCHANGED,
        /** It does not read back as its baseline (see the reason). */
        FAILED
    }

    /**
     * @param route the route, {@code virtualRouter/route}
     * @param baseline the node it should send all traffic to
     * @param outcome where it ended up
     * @param reason why it failed (the update's error, or what it reads back as); null unless failed
     * @param weightedTargets the targets as read back; empty when the route could not be read back
     */
    public record RouteResult(
            Route route, String baseline, Outcome outcome, String reason, List<WeightedTarget> weightedTargets) {}

    /** Whether every route reads back as its baseline. */
    public boolean complete() {
        return routes.stream().noneMatch(r -> r.outcome() == Outcome.FAILED);
    }

    public long failed() {
        return routes.stream().filter(r -> r.outcome() == Outcome.FAILED).count();
    }
}
