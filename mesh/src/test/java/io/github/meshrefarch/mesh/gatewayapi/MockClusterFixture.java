package io.github.meshrefarch.mesh.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gateway API tests' cluster, fresh for each test: a fabric8 mock API server in CRUD mode (injected by fabric8's
 * extension, which finds the annotation and the fields here), seen through {@link GatewayApiCluster}, with the
 * workloads' Services deployed and a {@link TestController} writing the routes' status; then the walkthrough's steps
 * a subclass names. The controller is closed after each test; the server and the directory go with fabric8 and JUnit.
 * A subclass states only what is its own: its tests and any server of its own.
 */
@EnableKubernetesMockClient(crud = true, https = false)
abstract class MockClusterFixture {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    GatewayApiCluster cluster;
    TestController controller;

    private final List<String> stepsFirst;

    /** @param stepsFirst the walkthrough's steps run (each must succeed) before each test */
    MockClusterFixture(String... stepsFirst) {
        this.stepsFirst = List.of(stepsFirst);
    }

    @BeforeEach
    void startCluster() throws Exception {
        cluster = new GatewayApiCluster(server, client, dir);
        cluster.deployWorkloadServices();
        controller = TestController.start(client, GatewayApiCluster.NAMESPACE);
        for (String step : stepsFirst) {
            assertThat(cluster.step(step).exitCode()).isZero();
        }
    }

    @AfterEach
    void stopController() throws Exception {
        if (controller != null) {
            controller.close();
        }
    }
}
