package io.github.meshrefarch.mesh.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.cli.Main;
import io.github.meshrefarch.mesh.local.controlplane.LocalControlPlane;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole walkthrough on the Gateway API (a fabric8 mock API server in CRUD mode, with a test
 * controller accepting every route) beside the same steps on App Mesh (the local control plane):
 * the HTTPRoutes after each step, the same output and exit code, and no write when a step runs again.
 */
class GatewayApiWalkthroughIT extends MockClusterFixture {

    private static final String PRODUCT_V1 = "product:8080=100";
    private static final String CUSTOMER_V1 = "customer:8080=100";
    private static final String ORDER = "order:8080=100";

    private LocalControlPlane appMesh;

    @BeforeEach
    void startAppMesh() throws Exception {
        appMesh = LocalControlPlane.start(0, dir.resolve("appmesh"));
    }

    @AfterEach
    void stopAppMesh() {
        appMesh.close();
    }

    @Test
    void walkthrough_eachStep_leavesTheRightHttpRoutes_printsWhatAppMeshPrints_andWritesNothingWhenRunAgain()
            throws Exception {
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        expected.put("01", rules(PRODUCT_V1, CUSTOMER_V1));
        expected.put("02", rules(PRODUCT_V1, CUSTOMER_V1));
        expected.put("03", rules("product:8080=75,product-v15:8080=25", CUSTOMER_V1));
        expected.put("04", rules("product-v15:8080=100", CUSTOMER_V1));
        expected.put("05", rules("product-v15:8080=100", CUSTOMER_V1));
        expected.put("06", rules("product-v15:8080=100", "customer:8080=50,customer-v2:8080=50"));
        expected.put("07", rules("product-v15:8080=100", "customer-v2:8080=100"));
        expected.put("08", rules(PRODUCT_V1, CUSTOMER_V1));
        expected.put("99", Map.of());

        for (var step : expected.entrySet()) {
            String number = step.getKey();
            String[] appMeshRun = onAppMesh(number);
            GatewayApiCluster.Result result = cluster.step(number);

            assertThat(result.exitCode())
                    .as("step %s: %s", number, result.err())
                    .isZero();
            assertThat(result.out()).as("step %s output", number).isEqualTo(appMeshRun[1]);
            assertThat(cluster.rules()).as("HTTPRoutes after step %s", number).isEqualTo(step.getValue());

            cluster.takeRequests();
            GatewayApiCluster.Result again = cluster.step(number);
            assertThat(again.exitCode())
                    .as("step %s again: %s", number, again.err())
                    .isZero();
            assertThat(again.out()).as("step %s again", number).isEqualTo(onAppMesh(number)[1]);
            assertThat(cluster.takeWrites())
                    .as("writes of step %s run again", number)
                    .isEmpty();
        }
    }

    @Test
    void walkthrough_labelsTheWorkloadServices_andStep99LeavesThemAsTheyWere() {
        for (String number : new String[] {"01", "02"}) {
            assertThat(cluster.step(number).exitCode()).isZero();
        }

        var service = cluster.service("product-v15");
        assertThat(service.getMetadata().getLabels())
                .containsEntry("meshrefarch.github.io/mesh", "demomesh")
                .containsEntry("meshrefarch.github.io/virtual-node", "product-v15-vn")
                .doesNotContainKey("app.kubernetes.io/managed-by");
        assertThat(service.getSpec().getSelector()).containsEntry("version", "1.5");
        var route = cluster.route("product-vr");
        assertThat(route.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "meshctl");
        assertThat(route.getMetadata().getAnnotations())
                .containsEntry("meshrefarch.github.io/virtual-service", "product.default.svc.cluster.local");
        assertThat(route.getSpec().getParentRefs()).singleElement().satisfies(parent -> {
            assertThat(parent.getGroup()).isEmpty();
            assertThat(parent.getKind()).isEqualTo("Service");
            assertThat(parent.getName()).isEqualTo("product");
            assertThat(parent.getPort()).isEqualTo(8080);
        });

        assertThat(cluster.step("99").exitCode()).isZero();

        assertThat(cluster.route("product-vr")).isNull();
        assertThat(cluster.service("product-v15")).isNotNull();
        assertThat(cluster.service("product-v15").getMetadata().getLabels())
                .containsOnlyKeys("app")
                .containsEntry("app", "product");
    }

    @Test
    void verbs_canaryPromoteRollbackStatusDelete_matchAppMesh() {
        for (String number : new String[] {"01", "02"}) {
            onAppMesh(number);
            cluster.step(number);
        }
        String[][] commands = {
            {"canary", "product", "product-vn=90", "product-v15-vn=10"},
            {"status"},
            {"promote", "product", "product-v15-vn"},
            {"rollback", "--file", GatewayApiCluster.DESCRIPTION.toString()},
            {"canary", "product", "product-vn=90", "product-v16-vn=10"},
            {"delete", "--yes"}, // a remote target: consent is required without a terminal
            {"status"}
        };
        for (String[] command : commands) {
            String[] expected = onAppMesh(command);
            GatewayApiCluster.Result result = cluster.run(command);
            assertThat(result.exitCode())
                    .as("%s: %s", String.join(" ", command), result.err())
                    .isEqualTo(Integer.parseInt(expected[0]));
            if (!command[0].equals("status")) {
                assertThat(result.out()).as(String.join(" ", command)).isEqualTo(expected[1]);
            }
        }
    }

    private static Map<String, String> rules(String product, String customer) {
        return Map.of("order-vr/order-r", ORDER, "product-vr/product-r", product, "customer-vr/customer-r", customer);
    }

    private String[] onAppMesh(String number) {
        return onAppMesh(
                "step",
                number,
                "--steps-dir",
                GatewayApiCluster.STEPS.toString(),
                "--file",
                GatewayApiCluster.DESCRIPTION.toString());
    }

    private String[] onAppMesh(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--endpoint-url";
        all[1] = appMesh.endpoint().toString();
        System.arraycopy(args, 0, all, 2, args.length);
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), all);
        return new String[] {String.valueOf(code), out.toString()};
    }
}
