package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.local.controlplane.LocalControlPlane;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.NotFoundException;

/**
 * Runs meshctl through {@link Main#run} against a real local control plane on an ephemeral
 * port, and reads the mesh back with a separate SDK client, as a user's second tool would.
 */
final class MeshctlHarness implements AutoCloseable {

    /** The walkthrough's files, relative to the module directory Maven runs tests in. */
    static final Path STEPS = Path.of("steps");

    static final Path DESCRIPTION = Path.of("demomesh.yaml");

    record Result(int exitCode, String out, String err) {}

    final LocalControlPlane controlPlane;
    final AppMeshClient client;

    MeshctlHarness(Path stateDir) throws IOException {
        controlPlane = LocalControlPlane.start(0, stateDir);
        client = AppMeshClient.builder()
                .endpointOverride(controlPlane.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    /** meshctl with the control plane's endpoint, then {@code args}. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(
                List.of("--endpoint-url", controlPlane.endpoint().toString()));
        all.addAll(List.of(args));
        return runRaw(all.toArray(String[]::new));
    }

    /** meshctl with exactly {@code args}. */
    static Result runRaw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    Result step(String number) {
        return run("step", number, "--steps-dir", STEPS.toString(), "--file", DESCRIPTION.toString());
    }

    long writes() {
        return controlPlane.mutatingRequestCount();
    }

    /** Every route of {@code mesh} as {@code router/route -> "node=weight,..."}, read with the SDK. */
    Map<String, String> weights(String mesh) {
        Map<String, String> weights = new TreeMap<>();
        for (var router : client.listVirtualRouters(r -> r.meshName(mesh)).virtualRouters()) {
            for (var ref : client.listRoutes(r -> r.meshName(mesh).virtualRouterName(router.virtualRouterName()))
                    .routes()) {
                var route = client.describeRoute(r -> r.meshName(mesh)
                                .virtualRouterName(ref.virtualRouterName())
                                .routeName(ref.routeName()))
                        .route();
                weights.put(
                        ref.virtualRouterName() + "/" + ref.routeName(),
                        route.spec().httpRoute().action().weightedTargets().stream()
                                .map(t -> t.virtualNode() + "=" + t.weight())
                                .collect(Collectors.joining(",")));
            }
        }
        return weights;
    }

    List<String> virtualNodes(String mesh) {
        return client.listVirtualNodes(r -> r.meshName(mesh)).virtualNodes().stream()
                .map(n -> n.virtualNodeName())
                .sorted()
                .toList();
    }

    List<String> virtualServices(String mesh) {
        return client.listVirtualServices(r -> r.meshName(mesh)).virtualServices().stream()
                .map(s -> s.virtualServiceName())
                .sorted()
                .toList();
    }

    boolean meshExists(String mesh) {
        try {
            client.describeMesh(r -> r.meshName(mesh));
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
        controlPlane.close();
    }
}
