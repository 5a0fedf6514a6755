package io.github.meshrefarch.mesh.local.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.github.meshrefarch.mesh.cli.Main;
import io.github.meshrefarch.mesh.model.DescriptionReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local mode for real: the mesh daemon and the workloads as JVM processes from the service jars (built by the
 * reactor before this module's integration tests), on free ports, driven by meshctl's steps.
 */
class LocalClusterIT {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    @TempDir
    Path stateDir;

    private LocalCluster cluster;
    private final List<Integer> ports = new ArrayList<>();

    @BeforeEach
    void startCluster() throws IOException {
        for (String module : List.of("order-service", "product-service", "customer-service")) {
            assumeThat(Files.isRegularFile(REPOSITORY.resolve(module + "/target/" + module + ".jar")))
                    .as("the service jars are built by the reactor first: run ./mvnw verify from the root")
                    .isTrue();
        }
        LocalTopology walkthrough = LocalTopology.of(DescriptionReader.readDescription(Path.of("demomesh.yaml")));
        var listeners = new HashMap<String, Integer>();
        walkthrough.listenerPorts().keySet().forEach(service -> listeners.put(service, freePort()));
        var workloadPorts = new HashMap<String, Integer>();
        walkthrough.workloads().keySet().forEach(name -> workloadPorts.put(name, freePort()));
        LocalTopology topology = walkthrough.withPorts(freePort(), listeners, workloadPorts);
        ports.addAll(topology.allPorts());
        cluster = new LocalCluster(topology, stateDir, REPOSITORY, new PrintWriter(new StringWriter()));
        cluster.startDaemon();
    }

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.down();
        }
    }

    @Test
    void orderAnswersThroughTheMeshAndFollowsTheRoutes() throws Exception {
        assertThat(meshctl("step", "01")).isZero();
        cluster.deploy(List.of("order", "product", "customer", "product-v15"));

        // The very first call may meet cold JVMs on a busy machine; the routing is what is under test here.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> order() != null);
        assertThat(order()).isEqualTo("""
                {"service":"Order","version":"1.0"}
                {"service":"Product","version":"1.0"}
                {"service":"Customer","version":"1.0"}
                """);

        assertThat(meshctl("step", "02")).isZero();
        assertThat(meshctl("step", "04")).isZero(); // all product traffic to v1.5
        assertThat(productVersions(20)).containsOnlyKeys("1.5");

        assertThat(meshctl("step", "08")).isZero(); // rollback: all to v1.0 at once
        assertThat(productVersions(20)).containsOnlyKeys("1.0");

        String stats = admin("/stats/prometheus");
        assertThat(stats)
                .containsPattern(
                        "(?m)^envoy_cluster_upstream_rq\\{envoy_cluster_name=\"cds_egress_demomesh_product-v15-vn_http_8080\","
                                + "envoy_response_code=\"200\"\\} [1-9][0-9]*$")
                .containsPattern(
                        "(?m)^envoy_cluster_upstream_rq_total\\{envoy_cluster_name=\"cds_egress_demomesh_product-vn_http_8080\"\\} [1-9][0-9]*$");
    }

    @Test
    void badCanaryDeployedWithEnv_isRetriedOnTheBaseline_andAStartAgainKeepsItsEnvironment() throws Exception {
        assertThat(meshctl("step", "01")).isZero();
        cluster.deploy(List.of("order", "product", "customer"));
        cluster.deploy(List.of("product-v15"), Map.of("FAULT_ERROR_RATE", "1"));
        assertThat(workload("product-v15").environment()).isEqualTo(Map.of("FAULT_ERROR_RATE", "1"));
        assertThat(directStatus("product-v15")).isEqualTo(500);
        assertThat(localStatus()).contains("  env        FAULT_ERROR_RATE=1");

        assertThat(meshctl("step", "02")).isZero();
        assertThat(meshctl("step", "03")).isZero(); // 25% to the canary, which fails every request
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> order() != null);
        for (int i = 0; i < 40; i++) {
            assertThat(order()).contains("\"Product\""); // order() asserts 200: the retry policy hid the failures
        }
        assertThat(admin("/stats/prometheus"))
                .containsPattern(
                        "(?m)^envoy_cluster_upstream_rq\\{envoy_cluster_name=\"cds_egress_demomesh_product-v15-vn_http_8080\","
                                + "envoy_response_code=\"500\"\\} [1-9][0-9]*$");

        kill(workload("product-v15").pid());
        cluster.deploy(List.of("product-v15")); // started again: the recorded environment is kept
        assertThat(directStatus("product-v15")).isEqualTo(500);

        long pid = workload("product-v15").pid();
        cluster.deploy(List.of("product-v15"), Map.of("FAULT_ERROR_RATE", "0"));
        assertThat(workload("product-v15").pid()).isNotEqualTo(pid); // another environment: restarted
        assertThat(directStatus("product-v15")).isEqualTo(200);
        assertThat(alive(pid)).isFalse();
    }

    @Test
    void statusShowsTheListenersTheDataPlaneServes_andSaysWhenItsAdminEndpointIsUnreachable() throws Exception {
        String admin = cluster.status().daemon().admin();
        assertThat(admin).startsWith("http://127.0.0.1:").doesNotEndWith(":9901");
        assertThat(cluster.status().servedListeners()).isEmpty(); // no virtual service yet

        assertThat(meshctl("step", "01")).isZero();

        var configured = new TreeMap<String, String>();
        cluster.topology().listenerPorts().forEach((service, port) -> configured.put(service, "127.0.0.1:" + port));
        assertThat(cluster.status().servedListeners()).isEqualTo(configured);
        assertThat(localStatus())
                .contains("admin      " + admin)
                .contains("listener   product.default.svc.cluster.local -> "
                        + configured.get("product.default.svc.cluster.local"))
                .doesNotContain("(configured)");

        String elsewhere = "http://127.0.0.1:" + freePort();
        new LocalStateStore(stateDir)
                .update(state -> state.withDaemon(state.daemon().withAdmin(elsewhere)));

        assertThat(cluster.status().servedListeners()).isNull();
        assertThat(cluster.status().adminProblem()).contains("admin endpoint " + elsewhere + " unreachable");
        assertThat(localStatus())
                .contains("unknown: admin endpoint " + elsewhere + " unreachable")
                .contains("(configured)");
    }

    @Test
    void downStopsEveryProcessAndFreesEveryPort() {
        assertThat(meshctl("step", "01")).isZero();
        cluster.deploy(List.of("order", "product", "customer"));
        List<Long> pids =
                cluster.status().workloads().stream().map(WorkloadStatus::pid).toList();
        cluster.status().workloads().forEach(w -> ports.add(w.managementPort()));
        long daemon = cluster.status().daemon().pid();

        assertThat(cluster.down()).contains("order", "product", "customer", "mesh-daemon");

        assertThat(pids)
                .allSatisfy(pid -> assertThat(alive(pid)).as("pid %d", pid).isFalse());
        assertThat(alive(daemon)).as("mesh daemon").isFalse();
        assertThat(ports)
                .allSatisfy(port ->
                        assertThat(Probes.portFree(port)).as("port %d", port).isTrue());
        assertThat(cluster.status().isEmpty()).isTrue();
    }

    @Test
    void crashedWorkloadIsReportedAndDownStillCleansUpAfterTheDaemonDied() {
        assertThat(meshctl("step", "01")).isZero();
        cluster.deploy(List.of("product", "customer"));
        WorkloadStatus product = workload("product");
        kill(product.pid());
        kill(cluster.status().daemon().pid());

        assertThat(workload("product").state()).isEqualTo("crashed");
        assertThat(workload("customer").state()).isEqualTo("ready");
        assertThat(cluster.status().daemonRunning()).isFalse();

        cluster.down();
        assertThat(ports)
                .allSatisfy(port ->
                        assertThat(Probes.portFree(port)).as("port %d", port).isTrue());
    }

    @Test
    void workloadHasItsOwnManagementPort_probedThereAndActuatorIsNotOnTheServicePort() throws Exception {
        cluster.deploy(List.of("product"));
        WorkloadStatus product = workload("product");

        assertThat(product.managementPort()).isNotEqualTo(product.port()).isPositive();
        assertThat(product.state()).isEqualTo("ready");
        assertThat(status(product.managementPort(), "/actuator/health/readiness"))
                .isEqualTo(200);
        assertThat(status(product.port(), "/actuator/health/readiness")).isEqualTo(404);
        assertThat(status(product.port(), "/")).isEqualTo(200);
    }

    private static int status(int port, String path) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void deployIsIdempotentAndUnknownWorkloadsAreRejectedBeforeAnythingStarts() {
        cluster.deploy(List.of("product"));
        long pid = workload("product").pid();
        cluster.deploy(List.of("product"));
        assertThat(workload("product").pid()).isEqualTo(pid);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cluster.deploy(List.of("customer", "nope")))
                .hasMessageContaining("unknown workload 'nope'");
        assertThat(cluster.status().workloads())
                .extracting(WorkloadStatus::name)
                .containsExactly("product");
    }

    @Test
    void upStartsTheDaemonAndTheWorkloadsTogether_aTakenPortStartsNothing() throws IOException {
        cluster.down();
        int customerPort = cluster.topology().workload("customer").port();
        try (ServerSocket taken = new ServerSocket(customerPort, 1, InetAddress.getLoopbackAddress())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> cluster.up(List.of("product", "customer")))
                    .hasMessageContaining("port " + customerPort + " for workload customer is already in use");
            assertThat(cluster.status().isEmpty()).isTrue();
        }

        cluster.up(List.of("product", "customer"));

        assertThat(cluster.status().daemonRunning()).isTrue();
        assertThat(workload("product").state()).isEqualTo("ready");
        assertThat(workload("customer").state()).isEqualTo("ready");
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void kill(long pid) {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        process.onExit().join();
    }

    private WorkloadStatus workload(String name) {
        return cluster.status().workloads().stream()
                .filter(w -> w.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private int meshctl(String... step) {
        var args = new ArrayList<>(
                List.of("--endpoint-url", cluster.controlPlaneEndpoint().toString()));
        args.addAll(List.of(step));
        args.addAll(List.of("--steps-dir", "steps", "--file", "demomesh.yaml"));
        return Main.run(
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args.toArray(String[]::new));
    }

    private int directStatus(String workload) throws Exception {
        int port = cluster.topology().workload(workload).port();
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private String localStatus() {
        var out = new StringWriter();
        int code = Main.run(
                new PrintWriter(out),
                new PrintWriter(new StringWriter()),
                "local",
                "status",
                "--state-dir",
                stateDir.toString());
        assertThat(code).isZero();
        return out.toString();
    }

    private String admin(String path) throws Exception {
        URI admin = URI.create(cluster.status().daemon().admin());
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(admin.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private String order() throws Exception {
        int port = cluster.topology().workload("order").port();
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private Map<String, Integer> productVersions(int requests) throws Exception {
        var versions = new TreeMap<String, Integer>();
        for (int i = 0; i < requests; i++) {
            String productLine = order().lines().toList().get(1);
            String version = productLine.replaceAll(".*\"version\":\"([^\"]+)\".*", "$1");
            versions.merge(version, 1, Integer::sum);
        }
        return versions;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
