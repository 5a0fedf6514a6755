package io.github.meshrefarch.mesh.gatewayapi;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for a Gateway API controller: a thread that writes the status of every HTTPRoute in
 * the namespace, for each parent, as the chosen behaviour says (accept, reject with a reason,
 * accept after a delay, accept without observedGeneration). Stopped by {@link #close()}.
 */
final class TestController implements AutoCloseable {

    static final String NAME = "example.com/test-controller";

    enum Behaviour {
        ACCEPT,
        REJECT,
        SLOW,
        NO_OBSERVED_GENERATION
    }

    private final KubernetesClient client;
    private final String namespace;
    private final Thread thread;
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private volatile Behaviour behaviour = Behaviour.ACCEPT;
    private volatile Duration delay = Duration.ofSeconds(2);
    private volatile boolean running = true;

    private TestController(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.thread = new Thread(this::loop, "test-gateway-controller");
        this.thread.setDaemon(true);
    }

    static TestController start(KubernetesClient client, String namespace) {
        TestController controller = new TestController(client, namespace);
        controller.thread.start();
        return controller;
    }

    TestController behave(Behaviour behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    TestController delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    private void loop() {
        while (running) {
            try {
                for (HTTPRoute route : client.resources(HTTPRoute.class)
                        .inNamespace(namespace)
                        .list()
                        .getItems()) {
                    reconcile(route);
                }
            } catch (KubernetesClientException e) {
                // a conflict with meshctl's write or a route deleted meanwhile: next round
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void reconcile(HTTPRoute route) {
        Long generation = route.getMetadata().getGeneration();
        String key = route.getMetadata().getName() + "@" + generation;
        long now = System.nanoTime();
        long seen = firstSeen.computeIfAbsent(key, k -> now);
        Behaviour now_ = behaviour;
        if (now_ == Behaviour.SLOW && now - seen < delay.toNanos()) {
            return;
        }
        Long observed = now_ == Behaviour.NO_OBSERVED_GENERATION ? null : generation;
        List<RouteParentStatus> parents = new ArrayList<>();
        for (ParentReference parent : route.getSpec().getParentRefs()) {
            boolean accepted = now_ != Behaviour.REJECT;
            parents.add(new RouteParentStatus(
                    List.of(
                            condition(
                                    "Accepted",
                                    accepted,
                                    accepted ? "Accepted" : "NotAllowedByListeners",
                                    accepted ? "" : "no listener of the parent allows this route",
                                    observed),
                            condition("ResolvedRefs", true, "ResolvedRefs", "", observed)),
                    NAME,
                    parent));
        }
        HTTPRouteStatus status = new HTTPRouteStatus(parents);
        if (status.equals(route.getStatus())) {
            return;
        }
        route.setStatus(status);
        client.resource(route).inNamespace(namespace).updateStatus();
    }

    private static Condition condition(String type, boolean ok, String reason, String message, Long generation) {
        return new ConditionBuilder()
                .withType(type)
                .withStatus(ok ? "True" : "False")
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime("2026-11-29T00:00:00Z")
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
