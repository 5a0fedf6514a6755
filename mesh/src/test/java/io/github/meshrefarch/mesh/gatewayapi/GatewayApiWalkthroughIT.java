package io.github.meshrefarch.mesh.gatewayapi;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true, https = false)
class GatewayApiWalkthroughIT {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    GatewayApiCluster cluster;
    TestController controller;

    @BeforeEach
    void setUp() throws Exception {
        cluster = new GatewayApiCluster(server, client, dir);
        cluster.deployWorkloadServices();
    }

    @Test
    void spike() throws Exception {
        try (TestController c = TestController.start(client, GatewayApiCluster.NAMESPACE)) {
            var result = cluster.step("01");
            System.out.println(result);
            System.out.println(cluster.rules());
            System.out.println(client.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class)
                    .inNamespace("shop")
                    .withName("product-vr")
                    .get());
            System.out.println(cluster.takeRequests());
        }
    }
}
