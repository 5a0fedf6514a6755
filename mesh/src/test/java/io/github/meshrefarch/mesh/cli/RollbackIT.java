package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A rollback is all or reported: one route's update fails, every other still runs, and each is reported. */
class RollbackIT {

    private static final String MESH = "demomesh";
    private static final String CUSTOMER_ROUTE =
            "/v20190125/meshes/demomesh/virtualRouter/customer-vr/routes/customer-r";

    @TempDir
    Path stateDir;

    private MeshctlHarness meshctl;

    @BeforeEach
    void canariesOfBothServices() throws Exception {
        meshctl = new MeshctlHarness(stateDir);
        for (String step : new String[] {"01", "02", "03", "05", "06"}) {
            assertThat(meshctl.step(step).exitCode()).isZero();
        }
        assertThat(meshctl.weights(MESH))
                .containsEntry("product-vr/product-r", "product-vn=75,product-v15-vn=25")
                .containsEntry("customer-vr/customer-r", "customer-vn=50,customer-v2-vn=50");
    }

    @AfterEach
    void stop() {
        meshctl.close();
    }

    @Test
    void oneRouteRejected_theOthersStillRollBack_eachIsReported_exit3() throws Exception {
        MeshctlHarness.Result result;
        try (RejectingProxy proxy = new RejectingProxy(meshctl.controlPlane.endpoint(), "PUT", CUSTOMER_ROUTE)) {
            result = MeshctlHarness.runRaw(
                    "--endpoint-url", proxy.endpoint().toString(), "-o", "json", "rollback", "--file", "demomesh.yaml");
        }

        assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
        assertThat(result.err()).contains("1 of 3 routes did not reach their baseline");
        assertThat(meshctl.weights(MESH))
                .containsEntry("product-vr/product-r", "product-vn=100")
                .containsEntry("customer-vr/customer-r", "customer-vn=50,customer-v2-vn=50");
        JsonNode report = JsonMapper.builder().build().readTree(result.out());
        assertThat(report.path("complete").asBoolean(true)).isFalse();
        assertThat(report.path("routes")).hasSize(3);
        assertThat(route(report, "order-r").path("result").asString()).isEqualTo("unchanged");
        assertThat(route(report, "product-r").path("result").asString()).isEqualTo("rolledBack");
        JsonNode customer = route(report, "customer-r");
        assertThat(customer.path("result").asString()).isEqualTo("failed");
        assertThat(customer.path("reason").asString()).contains("rejected by the test's proxy");
        assertThat(customer.path("weightedTargets").toString())
                .isEqualTo("[{\"virtualNode\":\"customer-vn\",\"weight\":50},"
                        + "{\"virtualNode\":\"customer-v2-vn\",\"weight\":50}]");
    }

    @Test
    void rollbackAgain_finishesWhatFailed_andReportsTheRestUnchanged() {
        try (RejectingProxy proxy = new RejectingProxy(meshctl.controlPlane.endpoint(), "PUT", CUSTOMER_ROUTE)) {
            MeshctlHarness.runRaw("--endpoint-url", proxy.endpoint().toString(), "rollback", "--file", "demomesh.yaml");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        MeshctlHarness.Result again = meshctl.run("rollback", "--file", "demomesh.yaml");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out())
                .containsPattern("order-vr/order-r +order-vn +unchanged")
                .containsPattern("product-vr/product-r +product-vn +unchanged")
                .containsPattern("customer-vr/customer-r +customer-vn +rolled back")
                .contains("3 of 3 routes at their baseline");
    }

    private static JsonNode route(JsonNode report, String name) {
        for (JsonNode route : report.path("routes")) {
            if (route.path("route").asString().equals(name)) {
                return route;
            }
        }
        throw new AssertionError("no route " + name + " in " + report);
    }
}
