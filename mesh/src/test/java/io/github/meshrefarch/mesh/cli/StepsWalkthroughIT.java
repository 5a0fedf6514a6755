package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walkthrough, step by step through the CLI, against the local control plane over HTTP. */
class StepsWalkthroughIT {

    private static final String MESH = "demomesh";
    private static final String ORDER = "order-vr/order-r";
    private static final String PRODUCT = "product-vr/product-r";
    private static final String CUSTOMER = "customer-vr/customer-r";

    @TempDir
    Path stateDir;

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
    void steps_01to08and99_reproduceTheWalkthroughMeshStates_andRerunningAStepWritesNothing() {
        runStep("01");
        assertThat(meshctl.virtualNodes(MESH)).containsExactly("customer-vn", "order-vn", "product-vn");
        assertThat(meshctl.virtualServices(MESH))
                .containsExactly("customer.default.svc.cluster.local", "product.default.svc.cluster.local");
        assertThat(meshctl.weights(MESH))
                .isEqualTo(Map.of(ORDER, "order-vn=100", PRODUCT, "product-vn=100", CUSTOMER, "customer-vn=100"));

        runStep("02");
        assertThat(meshctl.virtualNodes(MESH))
                .containsExactly("customer-vn", "order-vn", "product-v15-vn", "product-vn");
        assertThat(meshctl.weights(MESH)).containsEntry(PRODUCT, "product-vn=100");

        runStep("03");
        assertThat(meshctl.weights(MESH))
                .isEqualTo(Map.of(
                        ORDER,
                        "order-vn=100",
                        PRODUCT,
                        "product-vn=75,product-v15-vn=25",
                        CUSTOMER,
                        "customer-vn=100"));

        runStep("04");
        assertThat(meshctl.weights(MESH))
                .containsEntry(PRODUCT, "product-v15-vn=100")
                .containsEntry(CUSTOMER, "customer-vn=100");

        runStep("05");
        assertThat(meshctl.virtualNodes(MESH))
                .containsExactly("customer-v2-vn", "customer-vn", "order-vn", "product-v15-vn", "product-vn");

        runStep("06");
        assertThat(meshctl.weights(MESH))
                .containsEntry(PRODUCT, "product-v15-vn=100")
                .containsEntry(CUSTOMER, "customer-vn=50,customer-v2-vn=50");

        runStep("07");
        assertThat(meshctl.weights(MESH)).containsEntry(CUSTOMER, "customer-v2-vn=100");

        runStep("08");
        assertThat(meshctl.weights(MESH))
                .isEqualTo(Map.of(ORDER, "order-vn=100", PRODUCT, "product-vn=100", CUSTOMER, "customer-vn=100"));
        assertThat(meshctl.virtualNodes(MESH)).hasSize(5);

        runStep("99");
        assertThat(meshctl.meshExists(MESH)).isFalse();
    }

    @Test
    void status_json_showsTheWeightsOfEachStep() {
        runStep("01");
        runStep("02");
        runStep("03");

        MeshctlHarness.Result status = meshctl.run("-o", "json", "status");

        assertThat(status.exitCode()).isZero();
        assertThat(status.out().replaceAll("\\s", ""))
                .contains("\"mesh\":\"demomesh\"")
                .contains("{\"virtualRouter\":\"product-vr\",\"route\":\"product-r\",\"version\":2,"
                        + "\"weightedTargets\":[{\"virtualNode\":\"product-vn\",\"weight\":75},"
                        + "{\"virtualNode\":\"product-v15-vn\",\"weight\":25}],"
                        + "\"retryPolicy\":{\"maxRetries\":2,\"perRetryTimeout\":{\"unit\":\"ms\",\"value\":500},"
                        + "\"httpRetryEvents\":[\"server-error\",\"gateway-error\"],"
                        + "\"tcpRetryEvents\":[\"connection-error\"]}}");
    }

    @Test
    void status_text_isATableOfRoutes() {
        runStep("01");

        MeshctlHarness.Result status = meshctl.run("status");

        assertThat(status.exitCode()).isZero();
        assertThat(status.out().lines())
                .contains("Mesh demomesh:")
                .anySatisfy(line -> assertThat(line)
                        .matches("product-vr +product-r +1 +product-vn 100% +2 x 500ms on"
                                + " connection-error,gateway-error,server-error +-"));
    }

    private void runStep(String number) {
        MeshctlHarness.Result first = meshctl.step(number);
        assertThat(first.exitCode()).as("step %s: %s", number, first.err()).isZero();
        long writes = meshctl.writes();
        MeshctlHarness.Result again = meshctl.step(number);
        assertThat(again.exitCode())
                .as("step %s again: %s", number, again.err())
                .isZero();
        assertThat(meshctl.writes()).as("writes of step %s run again", number).isEqualTo(writes);
    }
}
