package io.github.meshrefarch.mesh.local.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.TooManyRequestsException;

class ConcurrencyIT {

    private static final String MESH = "busy";

    @RegisterExtension
    final ControlPlaneExtension local = new ControlPlaneExtension();

    @Test
    void eightThreadsUpdatingOneRouteFiftyTimesEach_endAtVersion401_withNoError() throws Exception {
        AppMeshClient client = local.client();
        createMeshWithRoute(client);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> updates = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int offset = thread;
                updates.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        int weight = (offset * 50 + i) % 101;
                        client.updateRoute(r -> r.meshName(MESH)
                                .virtualRouterName("vr")
                                .routeName("r")
                                .spec(Walkthrough.routeSpec(Walkthrough.target("vn", weight))));
                    }
                }));
            }
            for (Future<?> update : updates) {
                update.get(5, TimeUnit.MINUTES); // rethrows the first error of that thread
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(routeVersion(local.client())).isEqualTo(401L);
        local.restart();
        assertThat(routeVersion(local.client())).isEqualTo(401L);
    }

    @Test
    void changesBeyondTheQueueBound_areTooManyRequests_whileReadsGoOn() throws Exception {
        AppMeshClient client = local.client();
        client.createMesh(r -> r.meshName(MESH));
        MeshStore store = local.controlPlane().store();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            threads.submit(() -> store.change(state -> {
                holding.countDown();
                awaitQuietly(release);
                return new MeshStore.Outcome<>(state, null);
            }));
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            int waiting = LocalControlPlane.MAX_QUEUED_CHANGES - 1;
            List<Future<?>> queued = new ArrayList<>();
            for (int i = 0; i < waiting; i++) {
                String name = "queued-" + i;
                queued.add(threads.submit(() -> client.createVirtualNode(
                        r -> r.meshName(MESH).virtualNodeName(name).spec(s -> {}))));
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(store::queuedChanges, count -> count == LocalControlPlane.MAX_QUEUED_CHANGES);

            assertThatThrownBy(() -> client.createVirtualNode(r ->
                            r.meshName(MESH).virtualNodeName("one-too-many").spec(s -> {})))
                    .isInstanceOf(TooManyRequestsException.class)
                    .satisfies(e -> assertThat(((TooManyRequestsException) e).statusCode())
                            .isEqualTo(429));
            assertThat(client.describeMesh(r -> r.meshName(MESH)).mesh().meshName())
                    .isEqualTo(MESH);

            release.countDown();
            for (Future<?> change : queued) {
                change.get(60, TimeUnit.SECONDS);
            }
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
        assertThat(client.listVirtualNodes(r -> r.meshName(MESH)).virtualNodes())
                .hasSize(LocalControlPlane.MAX_QUEUED_CHANGES - 1);
    }

    private static void createMeshWithRoute(AppMeshClient client) {
        client.createMesh(r -> r.meshName(MESH));
        client.createVirtualNode(r -> r.meshName(MESH).virtualNodeName("vn").spec(Walkthrough.nodeSpec("vn")));
        client.createVirtualRouter(r -> r.meshName(MESH)
                .virtualRouterName("vr")
                .spec(s -> s.listeners(l -> l.portMapping(p -> p.port(8080).protocol("http")))));
        client.createRoute(r -> r.meshName(MESH)
                .virtualRouterName("vr")
                .routeName("r")
                .spec(Walkthrough.routeSpec(Walkthrough.target("vn", 100))));
    }

    private static long routeVersion(AppMeshClient client) {
        return client.describeRoute(
                        r -> r.meshName(MESH).virtualRouterName("vr").routeName("r"))
                .route()
                .metadata()
                .version();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
