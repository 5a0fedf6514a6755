package io.github.meshrefarch.mesh.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The operations of meshctl over any {@link MeshBackend}: reconcile to a description, set and
 * verify route weights, tear down. Every operation reads first, plans, and writes only what
 * differs, so running it twice makes no write; with {@code dryRun} it only reads and plans.
 */
public final class Reconciler {

    private final MeshBackend backend;
    private final Consumer<String> progress;

    /** {@code progress} receives one line per write carried out, for people to follow. */
    public Reconciler(MeshBackend backend, Consumer<String> progress) {
        this.backend = backend;
        this.progress = progress;
    }

    public Optional<MeshState> read(String mesh) {
        return backend.read(mesh);
    }

    /** Reconciles the mesh to a complete description; extra resources are deleted only with {@code prune}. */
    public Plan apply(MeshDescription described, boolean prune, boolean dryRun) {
        MeshDescription desired = backend.carried(described);
        Optional<MeshState> state = backend.read(desired.mesh());
        Optional<MeshDescription> current = state.map(MeshState::resources);
        Plan plan = Planner.plan(desired, current, prune);
        requireSupported(
                desired.mesh(), prune ? desired : current.orElse(desired).overlay(desired));
        execute(plan, dryRun);
        return plan.withDrift(state.map(found -> Drifts.of(desired, found)).orElse(List.of()));
    }

    /**
     * Applies a partial description (a step) onto the mesh: its resources are created or
     * updated, nothing else is touched. References may point into the current mesh.
     */
    public Plan applyPartial(String mesh, MeshDescription described, String source, boolean dryRun) {
        MeshDescription partial = backend.carried(described);
        Optional<MeshState> state = backend.read(mesh);
        Optional<MeshDescription> current = state.map(MeshState::resources);
        MeshDescription desired = current.orElse(MeshDescription.empty(mesh)).overlay(partial.withMesh(mesh));
        Validator.requireValid(source, partial.withMesh(mesh), desired);
        requireSupported(source, desired);
        Plan full = Planner.plan(desired, current, false);
        Plan plan = new Plan(
                mesh,
                full.changes().stream()
                        .filter(change -> touches(partial, mesh, change))
                        .toList());
        execute(plan, dryRun);
        return plan.withDrift(
                state.map(found -> Drifts.of(partial.withMesh(mesh), found)).orElse(List.of()));
    }

    /**
     * Sets the weighted targets of existing routes, updating them concurrently, then reads them
     * back and verifies them ({@link UnexpectedStateException} when they differ).
     */
    public Plan setTargets(String mesh, List<Route> routes, boolean dryRun) {
        MeshDescription current = requireMesh(mesh);
        List<Change> changes = new ArrayList<>();
        for (Route route : routes) {
            Route existing = current.route(route.virtualRouter(), route.name())
                    .orElseThrow(() ->
                            new UnexpectedStateException("route " + route.id() + " does not exist in mesh " + mesh));
            changes.add(new Change(existing.sameSpecAs(route) ? Change.Action.UNCHANGED : Change.Action.UPDATE, route));
        }
        Plan plan = new Plan(mesh, changes);
        requireSupported(mesh, current.overlay(new MeshDescription(mesh, null, null, routes, null)));
        if (!dryRun) {
            Map<MeshResource, RuntimeException> failures = updateConcurrently(mesh, plan.writes());
            backend.commit();
            if (!failures.isEmpty()) {
                throw failures.values().iterator().next();
            }
            verify(mesh, routes);
        }
        return plan;
    }

    /** Deletes the mesh and everything in it, in teardown order; a missing mesh is nothing to do. */
    public Plan delete(String mesh, boolean dryRun) {
        Plan plan = backend.read(mesh)
                .map(state -> Planner.teardown(state.resources()))
                .orElse(new Plan(mesh, List.of()));
        execute(plan, dryRun);
        return plan;
    }

    /**
     * Sends every route of {@code services} (every route of the mesh when empty) back to its baseline node at 100.
     * Baselines come from {@code baselines}; a route it does not know is skipped when rolling back all.
     */
    public Plan rollback(String mesh, MeshDescription baselines, List<String> services, boolean dryRun) {
        if (dryRun) {
            Rollback rollback = Rollback.of(requireMesh(mesh), baselines, services);
            return setTargets(mesh, rollback.routes(), true);
        }
        RollbackReport report = rollbackReported(mesh, baselines, services);
        if (!report.complete()) {
            throw new UnexpectedStateException(
                    report.failed() + " of " + report.routes().size()
                            + " routes did not reach their baseline: "
                            + report.routes().stream()
                                    .filter(r -> r.outcome() == RollbackReport.Outcome.FAILED)
                                    .map(r -> r.route().id() + " (" + r.reason() + ")")
                                    .collect(Collectors.joining("; ")));
        }
        return new Plan(
                mesh,
                report.routes().stream()
                        .map(r -> new Change(
                                r.outcome() == RollbackReport.Outcome.UNCHANGED
                                        ? Change.Action.UNCHANGED
                                        : Change.Action.UPDATE,
                                r.route()))
                        .toList());
    }

    /**
     * Rolls back every selected route, each update running to completion whatever happens to the others, then reads
     * the mesh back and reports each route: rolled back, unchanged, or failed with the reason.
     */
    public RollbackReport rollbackReported(String mesh, MeshDescription baselines, List<String> services) {
        MeshDescription current = requireMesh(mesh);
        Rollback rollback = Rollback.of(current, baselines, services);
        rollback.unknown()
                .forEach(route ->
                        progress.accept("skipped route " + route + ": not in the description, no baseline known"));
        List<Change> updates = new ArrayList<>();
        for (Route route : rollback.routes()) {
            boolean atBaseline = current.route(route.virtualRouter(), route.name())
                    .map(existing -> existing.sameSpecAs(route))
                    .orElse(false);
            if (!atBaseline) {
                updates.add(new Change(Change.Action.UPDATE, route));
            }
        }
        Map<MeshResource, RuntimeException> failures = new HashMap<>(updateConcurrently(mesh, updates));
        try {
            backend.commit(); // a backend that batches its writes carries them out here
        } catch (RuntimeException e) {
            updates.forEach(change -> failures.putIfAbsent(change.resource(), e));
        }
        Optional<MeshDescription> after;
        String unread = null;
        try {
            after = Optional.of(requireMesh(mesh));
        } catch (RuntimeException e) {
            after = Optional.empty();
            unread = "could not read the route back: " + e.getMessage();
        }
        List<RollbackReport.RouteResult> results = new ArrayList<>();
        for (Route route : rollback.routes()) {
            boolean updated = updates.stream().anyMatch(change -> change.resource() == route);
            results.add(result(route, updated, failures.get(route), after, unread));
        }
        return new RollbackReport(mesh, results, rollback.unknown());
    }

    private static RollbackReport.RouteResult result(
            Route route, boolean updated, RuntimeException failure, Optional<MeshDescription> after, String unread) {
        String baseline = route.weightedTargets().get(0).virtualNode();
        Optional<Route> actual = after.flatMap(mesh -> mesh.route(route.virtualRouter(), route.name()));
        List<WeightedTarget> targets = actual.map(Route::weightedTargets).orElse(List.of());
        if (actual.isPresent() && actual.get().sameTargetsAs(route.weightedTargets())) {
            RollbackReport.Outcome outcome =
                    updated ? RollbackReport.Outcome.ROLLED_BACK : RollbackReport.Outcome.UNCHANGED;
            return new RollbackReport.RouteResult(route, baseline, outcome, null, targets);
        }
        String reason;
        if (failure != null) {
            reason = failure.getMessage();
        } else if (after.isEmpty()) {
            reason = unread;
        } else {
            reason = actual.isEmpty() ? "the route no longer exists" : "reads back as " + targets;
        }
        return new RollbackReport.RouteResult(route, baseline, RollbackReport.Outcome.FAILED, reason, targets);
    }

    /** Runs one walkthrough step; {@code baselines} holds the routes' baseline nodes, for a rollback step. */
    public Plan run(String mesh, Step step, MeshDescription baselines, boolean dryRun) {
        return switch (step.kind()) {
            case APPLY -> applyPartial(mesh, step.content().apply(), step.file() + ": apply", dryRun);
            case ROLLBACK -> rollback(mesh, baselines, step.content().rollback(), dryRun);
            case DELETE -> delete(mesh, dryRun);
        };
    }

    /** The mesh as it is, or {@link UnexpectedStateException} when it does not exist. */
    public MeshDescription requireMesh(String mesh) {
        return backend.read(mesh)
                .map(MeshState::resources)
                .orElseThrow(() -> new UnexpectedStateException(
                        "mesh " + mesh + " does not exist (create it with 'meshctl step 01' or 'meshctl apply')"));
    }

    private void verify(String mesh, List<Route> routes) {
        MeshDescription after = requireMesh(mesh);
        for (Route route : routes) {
            Optional<Route> actual = after.route(route.virtualRouter(), route.name());
            if (actual.isEmpty() || !actual.get().sameTargetsAs(route.weightedTargets())) {
                throw new UnexpectedStateException("route " + route.id() + " reads back as "
                        + actual.map(Route::weightedTargets)
                                .map(Object::toString)
                                .orElse("missing")
                        + " instead of " + route.weightedTargets());
            }
        }
    }

    /**
     * Carries out every update at once and waits for all of them, whatever happens to the others.
     *
     * @return the failures, by resource (empty when every update succeeded)
     */
    private Map<MeshResource, RuntimeException> updateConcurrently(String mesh, List<Change> updates) {
        Map<MeshResource, RuntimeException> failures = new LinkedHashMap<>();
        if (updates.isEmpty()) {
            return failures;
        }
        ExecutorService executor = Executors.newFixedThreadPool(updates.size());
        try {
            Map<Change, Future<?>> results = new LinkedHashMap<>();
            for (Change change : updates) {
                results.put(change, executor.submit(() -> carryOut(mesh, change)));
            }
            results.forEach((change, result) ->
                    awaitResult(result).ifPresent(failure -> failures.put(change.resource(), failure)));
        } finally {
            executor.shutdownNow();
        }
        return failures;
    }

    private static Optional<RuntimeException> awaitResult(Future<?> result) {
        try {
            result.get();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(
                    e.getCause() instanceof RuntimeException failure
                            ? failure
                            : new IllegalStateException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while updating routes", e);
        }
    }

    private void execute(Plan plan, boolean dryRun) {
        if (!dryRun) {
            plan.writes().forEach(change -> carryOut(plan.mesh(), change));
            backend.commit();
        }
    }

    private void requireSupported(String source, MeshDescription after) {
        List<String> problems = backend.problems(after);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(source + ": " + String.join("; ", problems));
        }
    }

    private void carryOut(String mesh, Change change) {
        MeshResource resource = change.resource();
        switch (change.action()) {
            case CREATE -> backend.create(mesh, resource);
            case UPDATE -> backend.update(mesh, resource);
            case DELETE -> backend.delete(mesh, resource);
            case UNCHANGED -> {
                return;
            }
        }
        progress.accept(change.action().label() + "d " + resource.kind().displayName() + " " + resource.id());
    }

    private static boolean touches(MeshDescription partial, String mesh, Change change) {
        return change.resource() instanceof Mesh
                || partial.withMesh(mesh).resources().stream()
                        .anyMatch(resource -> resource.kind()
                                        == change.resource().kind()
                                && resource.id().equals(change.resource().id()));
    }
}
