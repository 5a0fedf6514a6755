package io.github.meshrefarch.mesh.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

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
    public Plan apply(MeshDescription desired, boolean prune, boolean dryRun) {
        Optional<MeshDescription> current = backend.read(desired.mesh()).map(MeshState::resources);
        Plan plan = Planner.plan(desired, current, prune);
        requireSupported(
                desired.mesh(), prune ? desired : current.orElse(desired).overlay(desired));
        execute(plan, dryRun);
        return plan;
    }

    /**
     * Applies a partial description (a step) onto the mesh: its resources are created or
     * updated, nothing else is touched. References may point into the current mesh.
     */
    public Plan applyPartial(String mesh, MeshDescription partial, String source, boolean dryRun) {
        Optional<MeshDescription> current = backend.read(mesh).map(MeshState::resources);
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
        return plan;
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
            updateConcurrently(mesh, plan.writes());
            backend.commit();
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
        Rollback rollback = Rollback.of(requireMesh(mesh), baselines, services);
        rollback.unknown()
                .forEach(route ->
                        progress.accept("skipped route " + route + ": not in the description, no baseline known"));
        return setTargets(mesh, rollback.routes(), dryRun);
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

    private void updateConcurrently(String mesh, List<Change> updates) {
        if (updates.isEmpty()) {
            return;
        }
        ExecutorService executor = Executors.newFixedThreadPool(updates.size());
        try {
            List<Future<?>> results = new ArrayList<>();
            for (Change change : updates) {
                results.add(executor.submit(() -> carryOut(mesh, change)));
            }
            for (Future<?> result : results) {
                awaitResult(result);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static void awaitResult(Future<?> result) {
        try {
            result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
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
