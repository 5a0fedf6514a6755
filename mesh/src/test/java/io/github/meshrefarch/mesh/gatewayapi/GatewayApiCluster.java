package io.github.meshrefarch.mesh.gatewayapi;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.github.meshrefarch.mesh.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A fabric8 mock API server in CRUD mode seen as a cluster: a kubeconfig pointing at it, meshctl
 * run through {@link Main#run} with {@code --target gateway-api}, and the requests it received,
 * so that tests can count meshctl's writes.
 */
final class GatewayApiCluster {

    static final Path STEPS = Path.of("steps");
    static final Path DESCRIPTION = Path.of("demomesh.yaml");
    static final String NAMESPACE = "shop";

    /** Held so the setting stays: the mock server logs every request at INFO otherwise. */
    private static final java.util.logging.Logger MOCK_LOG = quiet();

    record Result(int exitCode, String out, String err) {}

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    final KubernetesMockServer server;
    final KubernetesClient client;
    final Path kubeconfig;
    private final List<String> writtenObjects = new ArrayList<>();

    GatewayApiCluster(KubernetesMockServer server, KubernetesClient client, Path dir) throws IOException {
        this.server = server;
        this.client = client;
        this.kubeconfig = dir.resolve("kubeconfig");
        String url = server.url("/").replaceAll("/$", "");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster: {server: "%s"}
                contexts:
                  - name: mock
                    context: {cluster: mock, user: tester, namespace: %s}
                current-context: mock
                users:
                  - name: tester
                    user: {token: test}
                """.formatted(url, NAMESPACE));
    }

    /** meshctl on the mock cluster (namespace from the kubeconfig's context), then {@code args}. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--target", "gateway-api", "--kubeconfig", kubeconfig.toString()));
        if (!List.of(args).contains("--wait-timeout")) {
            all.addAll(List.of("--wait-timeout", "20s"));
        }
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    Result step(String number, String... extra) {
        List<String> args = new ArrayList<>(List.of(extra));
        args.addAll(List.of("step", number, "--steps-dir", STEPS.toString(), "--file", DESCRIPTION.toString()));
        return run(args.toArray(String[]::new));
    }

    /** The workloads' Services as k8s/base declares them (selecting app and version). */
    void deployWorkloadServices() {
        for (String[] workload : new String[][] {
            {"order", "order", "1.0"},
            {"product", "product", "1.0"},
            {"product-v15", "product", "1.5"},
            {"customer", "customer", "1.0"},
            {"customer-v2", "customer", "2.0"}
        }) {
            client.resource(new ServiceBuilder()
                            .withNewMetadata()
                            .withName(workload[0])
                            .withNamespace(NAMESPACE)
                            .addToLabels("app", workload[1])
                            .endMetadata()
                            .withNewSpec()
                            .addToSelector("app", workload[1])
                            .addToSelector("version", workload[2])
                            .addNewPort()
                            .withName("http")
                            .withPort(8080)
                            .withNewTargetPort("http")
                            .withProtocol("TCP")
                            .endPort()
                            .endSpec()
                            .build())
                    .create();
        }
    }

    HTTPRoute route(String name) {
        return client.resources(HTTPRoute.class)
                .inNamespace(NAMESPACE)
                .withName(name)
                .get();
    }

    Service service(String name) {
        return client.services().inNamespace(NAMESPACE).withName(name).get();
    }

    /** Every rule of every HTTPRoute: {@code route/rule -> "service:port=weight,..."}. */
    Map<String, String> rules() {
        Map<String, String> rules = new TreeMap<>();
        for (HTTPRoute route :
                client.resources(HTTPRoute.class).inNamespace(NAMESPACE).list().getItems()) {
            for (HTTPRouteRule rule : route.getSpec().getRules()) {
                rules.put(
                        route.getMetadata().getName() + "/" + rule.getName(),
                        rule.getBackendRefs().stream()
                                .map(GatewayApiCluster::ref)
                                .collect(Collectors.joining(",")));
            }
        }
        return rules;
    }

    private static String ref(HTTPBackendRef ref) {
        return ref.getName() + ":" + ref.getPort() + "=" + ref.getWeight();
    }

    /** The requests the server received since the last call, as {@code METHOD path}. */
    List<String> takeRequests() throws InterruptedException {
        List<String> taken = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
            String line = request.getMethod() + " " + request.getPath();
            if ((line.startsWith("POST") || line.startsWith("PUT")) && line.contains("fieldManager=meshctl")) {
                writtenObjects.add(request.getUtf8Body());
            }
            taken.add(line);
        }
        return taken;
    }

    /** The body of every create and update meshctl sent so far (JSON), Services and Gateway API objects alike. */
    List<String> writtenObjects() throws InterruptedException {
        takeRequests();
        return List.copyOf(writtenObjects);
    }

    /** meshctl's writes among {@link #takeRequests()}: POST, PUT, PATCH, DELETE, except the controller's status. */
    List<String> takeWrites() throws InterruptedException {
        Set<String> writes = Set.of("POST", "PUT", "PATCH", "DELETE");
        return takeRequests().stream()
                .filter(line -> writes.contains(line.substring(0, line.indexOf(' '))))
                .filter(line -> !line.contains("/status"))
                .toList();
    }
}
