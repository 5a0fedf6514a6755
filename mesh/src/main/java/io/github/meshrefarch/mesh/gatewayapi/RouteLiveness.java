package io.github.meshrefarch.mesh.gatewayapi;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.github.meshrefarch.mesh.model.MeshOperationException;
import io.github.meshrefarch.mesh.model.UnexpectedStateException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Waits, bounded, until the HTTPRoutes meshctl wrote are live for the generation it wrote (see
 * {@link RouteStatus}), with progress lines on stderr. A rejected route ends the wait at once.
 */
final class RouteLiveness {

    /** An HTTPRoute meshctl wrote, and the generation the API server gave it. */
    record WrittenRoute(String name, Long generation) {}

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final KubeObjects kube;
    private final Duration timeout;
    private final Consumer<String> progress;

    RouteLiveness(KubeObjects kube, Duration timeout, Consumer<String> progress) {
        this.kube = kube;
        this.timeout = timeout;
        this.progress = progress;
    }

    void await(List<WrittenRoute> routes) {
        if (routes.isEmpty()) {
            return;
        }
        if (timeout.isZero()) {
            progress.accept("not waiting for the routes' status (--wait-timeout 0): the change may not be live yet");
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (WrittenRoute route : routes) {
            awaitOne(route, deadline);
        }
    }

    private void awaitOne(WrittenRoute written, long deadline) {
        String name = "HTTPRoute " + written.name() + " (generation " + written.generation() + ")";
        String shown = null;
        long nextProgress = System.nanoTime();
        while (true) {
            HTTPRoute route = kube.get(HTTPRoute.class, written.name())
                    .orElseThrow(() -> new UnexpectedStateException(name + " was deleted while meshctl waited for it"));
            RouteStatus status = RouteStatus.of(route, written.generation());
            switch (status.state()) {
                case REJECTED -> throw new UnexpectedStateException(name + ": " + status.detail());
                case LIVE -> {
                    progress.accept(name + " is live: " + status.detail());
                    if (status.generationUnknown()) {
                        progress.accept(name + ": its controller does not report observedGeneration, so the"
                                + " status may predate this change; only --verify-url proves it");
                    }
                    return;
                }
                case PENDING -> {
                    long now = System.nanoTime();
                    if (now - deadline >= 0) {
                        throw new UnexpectedStateException(name + " is not live after " + seconds(timeout)
                                + " (--wait-timeout): " + status.detail());
                    }
                    if (!status.detail().equals(shown) || now - nextProgress >= 0) {
                        long waited = timeout.toNanos() - (deadline - now);
                        progress.accept("waiting for " + name + " [" + seconds(Duration.ofNanos(waited)) + " of "
                                + seconds(timeout) + "]: " + status.detail());
                        shown = status.detail();
                        nextProgress = now + PROGRESS_EVERY.toNanos();
                    }
                    sleep();
                }
            }
        }
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshOperationException("interrupted while waiting for route status", e);
        }
    }
}
