package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every meshctl command, black-box through {@link Main#run}, against the local control plane. */
class CommandsIT {

    private static final String MESH = "demomesh";
    private static final Map<String, String> BASELINE = Map.of(
            "order-vr/order-r", "order-vn=100",
            "product-vr/product-r", "product-vn=100",
            "customer-vr/customer-r", "customer-vn=100");

    @TempDir
    Path stateDir;

    @TempDir
    Path files;

    private MeshctlHarness meshctl;

    @BeforeEach
    void start() throws IOException {
        meshctl = new MeshctlHarness(stateDir);
    }

    @AfterEach
    void stop() {
        meshctl.close();
    }

    @Test
    void apply_createsTheWholeMesh_thenASecondApplyAndADryRunWriteNothing() {
        MeshctlHarness.Result dryRun = meshctl.run("apply", "-f", "demomesh.yaml", "--dry-run");
        assertThat(dryRun.exitCode()).isZero();
        assertThat(dryRun.out()).contains("Dry run, nothing changed: 14 to create");
        assertThat(meshctl.writes()).isZero();

        MeshctlHarness.Result apply = meshctl.run("apply", "-f", "demomesh.yaml");
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(meshctl.virtualNodes(MESH)).hasSize(5);
        assertThat(meshctl.weights(MESH)).isEqualTo(BASELINE);
        long writes = meshctl.writes();
        assertThat(writes).isEqualTo(14);

        MeshctlHarness.Result again = meshctl.run("-o", "json", "apply", "-f", "demomesh.yaml");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out().replaceAll("\\s", ""))
                .contains(
                        "{\"action\":\"unchanged\",\"kind\":\"route\",\"name\":\"product-r\",\"virtualRouter\":\"product-vr\"}");
        assertThat(meshctl.writes()).isEqualTo(writes);
    }

    @Test
    void apply_updatesWhatDiffers_andDeletesExtrasOnlyWithPrune() throws IOException {
        assertThat(meshctl.run("apply", "-f", "demomesh.yaml").exitCode()).isZero();
        Path smaller = files.resolve("smaller.yaml");
        Files.writeString(
                smaller,
                Files.readString(Path.of("demomesh.yaml"))
                        .replace(
                                "{virtualNode: product-vn, weight: 100}",
                                "{virtualNode: product-vn, weight: 60}\n      - {virtualNode: product-v15-vn, weight: 40}")
                        .replaceAll("(?s)  - name: customer-v2-vn\n.*?\n\n", "\n"));

        MeshctlHarness.Result update = meshctl.run("apply", "-f", smaller.toString());
        assertThat(update.exitCode()).as(update.err()).isZero();
        assertThat(update.out()).contains("1 to update, 0 to delete");
        assertThat(meshctl.weights(MESH)).containsEntry("product-vr/product-r", "product-vn=60,product-v15-vn=40");
        assertThat(meshctl.virtualNodes(MESH)).contains("customer-v2-vn");

        MeshctlHarness.Result prune = meshctl.run("apply", "-f", smaller.toString(), "--prune");
        assertThat(prune.exitCode()).as(prune.err()).isZero();
        assertThat(prune.out()).containsPattern("delete +virtual node +customer-v2-vn");
        assertThat(meshctl.virtualNodes(MESH)).doesNotContain("customer-v2-vn").hasSize(4);
    }

    @Test
    void canaryAndPromote_setTheWeights_andRepeatingThemWritesNothing() {
        assertThat(meshctl.run("apply", "-f", "demomesh.yaml").exitCode()).isZero();

        MeshctlHarness.Result canary = meshctl.run("canary", "product", "product-vn=90", "product-v15-vn=10");
        assertThat(canary.exitCode()).as(canary.err()).isZero();
        assertThat(meshctl.weights(MESH)).containsEntry("product-vr/product-r", "product-vn=90,product-v15-vn=10");
        long writes = meshctl.writes();
        assertThat(meshctl.run("canary", "product", "product-v15-vn=10", "product-vn=90")
                        .exitCode())
                .isZero();
        assertThat(meshctl.writes()).isEqualTo(writes);

        MeshctlHarness.Result promote = meshctl.run("promote", "customer", "customer-v2-vn");
        assertThat(promote.exitCode()).as(promote.err()).isZero();
        assertThat(meshctl.weights(MESH)).containsEntry("customer-vr/customer-r", "customer-v2-vn=100");

        assertThat(meshctl.run("promote", "product-vr/product-r", "product-v15-vn", "--dry-run")
                        .exitCode())
                .isZero();
        assertThat(meshctl.weights(MESH)).containsEntry("product-vr/product-r", "product-vn=90,product-v15-vn=10");
    }

    @Test
    void retryPolicy_sentToAppMesh_readBack_carriedToTheRouteTable_andKeptByCanaryAndRollback() {
        assertThat(meshctl.step("01").exitCode()).isZero();
        assertThat(meshctl.step("02").exitCode()).isZero();
        MeshctlHarness.Result canary = meshctl.step("03");
        assertThat(canary.exitCode()).as(canary.err()).isZero();

        var route = meshctl.client
                .describeRoute(
                        r -> r.meshName(MESH).virtualRouterName("product-vr").routeName("product-r"))
                .route()
                .spec()
                .httpRoute();
        assertThat(route.retryPolicy().maxRetries()).isEqualTo(2);
        assertThat(route.retryPolicy().perRetryTimeout().unitAsString()).isEqualTo("ms");
        assertThat(route.retryPolicy().perRetryTimeout().value()).isEqualTo(500);
        assertThat(route.retryPolicy().httpRetryEvents()).containsExactly("server-error", "gateway-error");
        assertThat(route.retryPolicy().tcpRetryEventsAsStrings()).containsExactly("connection-error");
        long writes = meshctl.writes();
        assertThat(meshctl.step("03").exitCode()).isZero(); // read back equal: nothing to write
        assertThat(meshctl.writes()).isEqualTo(writes);

        var inForce = meshctl.controlPlane
                .routeTable()
                .current()
                .virtualService(MESH, "product.default.svc.cluster.local")
                .orElseThrow()
                .routes()
                .get(0)
                .retryPolicy();
        assertThat(inForce.maxRetries()).isEqualTo(2);
        assertThat(inForce.perRetryTimeout()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(inForce.httpRetryEvents()).containsExactlyInAnyOrder("server-error", "gateway-error");

        assertThat(meshctl.run("canary", "product", "product-vn=90", "product-v15-vn=10")
                        .exitCode())
                .isZero();
        assertThat(meshctl.run("rollback", "--file", "demomesh.yaml").exitCode())
                .isZero();
        MeshctlHarness.Result status = meshctl.run("-o", "json", "status");
        assertThat(status.out())
                .contains("\"retryPolicy\" : {")
                .contains("\"perRetryTimeout\" : {\n        \"unit\" : \"ms\",\n        \"value\" : 500");
        assertThat(meshctl.run("status").out())
                .containsPattern("product-vr +product-r +\\d+ +product-vn 100% +2 x 500ms on"
                        + " connection-error,gateway-error,server-error +-");
    }

    @ParameterizedTest(name = "rollback after step {0}")
    @ValueSource(strings = {"01", "03", "04", "06", "07"})
    void rollback_fromAnyStateOfTheWalkthrough_returnsEveryRouteToItsBaseline(String lastStep) {
        for (String step : new String[] {"01", "02", "03", "04", "05", "06", "07"}) {
            assertThat(meshctl.step(step).exitCode()).isZero();
            if (step.equals(lastStep)) {
                break;
            }
        }

        MeshctlHarness.Result rollback = meshctl.run("rollback", "--file", "demomesh.yaml");

        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(meshctl.weights(MESH)).isEqualTo(BASELINE);
        long writes = meshctl.writes();
        assertThat(meshctl.run("rollback", "--file", "demomesh.yaml").exitCode())
                .isZero();
        assertThat(meshctl.writes()).isEqualTo(writes);
    }

    @Test
    void rollback_ofNamedServices_leavesTheOthers() {
        assertThat(meshctl.run("apply", "-f", "demomesh.yaml").exitCode()).isZero();
        assertThat(meshctl.run("promote", "product", "product-v15-vn").exitCode())
                .isZero();
        assertThat(meshctl.run("promote", "customer", "customer-v2-vn").exitCode())
                .isZero();

        MeshctlHarness.Result rollback = meshctl.run("rollback", "product", "--file", "demomesh.yaml");

        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(meshctl.weights(MESH))
                .containsEntry("product-vr/product-r", "product-vn=100")
                .containsEntry("customer-vr/customer-r", "customer-v2-vn=100");
    }

    @Test
    void delete_finishesAPartlyDeletedMesh_andThenHasNothingToDo() {
        assertThat(meshctl.run("apply", "-f", "demomesh.yaml").exitCode()).isZero();
        meshctl.client.deleteVirtualService(
                r -> r.meshName(MESH).virtualServiceName("product.default.svc.cluster.local"));
        meshctl.client.deleteRoute(
                r -> r.meshName(MESH).virtualRouterName("product-vr").routeName("product-r"));
        meshctl.client.deleteVirtualNode(r -> r.meshName(MESH).virtualNodeName("product-v15-vn"));

        long before = meshctl.writes();
        assertThat(meshctl.run("delete", "--dry-run").exitCode()).isZero();
        assertThat(meshctl.writes()).isEqualTo(before);

        MeshctlHarness.Result delete = meshctl.run("delete");
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(meshctl.meshExists(MESH)).isFalse();

        long after = meshctl.writes();
        MeshctlHarness.Result again = meshctl.run("delete");
        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).contains("mesh demomesh does not exist: nothing to delete");
        assertThat(meshctl.writes()).isEqualTo(after);
    }

    @Test
    void call_runsARequestInTheAwsCliInputShape() throws IOException {
        assertThat(meshctl.run("apply", "-f", "demomesh.yaml").exitCode()).isZero();
        Path request = files.resolve("product-canary.json");
        Files.writeString(request, """
                {
                  "meshName": "demomesh",
                  "virtualRouterName": "product-vr",
                  "routeName": "product-r",
                  "spec": {
                    "httpRoute": {
                      "match": { "prefix": "/" },
                      "action": { "weightedTargets": [
                        { "virtualNode": "product-vn", "weight": 75 },
                        { "virtualNode": "product-v15-vn", "weight": 25 } ] }
                    }
                  }
                }
                """);

        MeshctlHarness.Result call = meshctl.run("call", "update-route", "--cli-input-json", "file://" + request);

        assertThat(call.exitCode()).as(call.err()).isZero();
        assertThat(call.out().replaceAll("\\s", ""))
                .contains("\"routeName\":\"product-r\"")
                .contains("\"version\":2");
        assertThat(meshctl.weights(MESH)).containsEntry("product-vr/product-r", "product-vn=75,product-v15-vn=25");
        MeshctlHarness.Result describe =
                meshctl.run("call", "DescribeMesh", "--cli-input-json", "{\"meshName\":\"demomesh\"}");
        assertThat(describe.out()).contains("\"meshName\" : \"demomesh\"");
    }

    @Test
    void status_ofAMissingMesh_isUnexpectedState() {
        MeshctlHarness.Result status = meshctl.run("--mesh", "nomesh", "status");

        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.err()).contains("mesh nomesh does not exist");
        assertThat(status.out()).isEmpty();
    }

    @Test
    void anUnreachableLocalEndpoint_saysToStartTheLocalControlPlane() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        MeshctlHarness.Result status =
                MeshctlHarness.runRaw("--endpoint-url", "http://127.0.0.1:" + closedPort, "status");

        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.err().strip())
                .isEqualTo("meshctl: cannot reach the local App Mesh control plane at http://127.0.0.1:" + closedPort
                        + ": start it with './meshctl local up' (or './meshctl local controlplane')");
    }
}
