package io.github.meshrefarch.mesh.cli;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appmesh.AppMeshClient;

/** A mesh read back with the AWS SDK from a control plane, as a user's second tool would: what the chaos tests compare. */
final class MeshReadBack {

    private MeshReadBack() {}

    static AppMeshClient client(URI endpoint) {
        return AppMeshClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    /**
     * Every resource of {@code mesh} as App Mesh answers it: {@code kind name -> version N, spec}. Two equal snapshots
     * mean nothing was lost, added or rewritten.
     */
    static Map<String, String> snapshot(URI endpoint, String mesh) {
        Map<String, String> resources = new TreeMap<>();
        try (AppMeshClient client = client(endpoint)) {
            var described = client.describeMesh(r -> r.meshName(mesh)).mesh();
            resources.put("mesh " + mesh, entry(described.metadata().version(), described.spec()));
            for (var ref : client.listVirtualNodes(r -> r.meshName(mesh)).virtualNodes()) {
                var node = client.describeVirtualNode(r -> r.meshName(mesh).virtualNodeName(ref.virtualNodeName()))
                        .virtualNode();
                resources.put(
                        "virtual node " + ref.virtualNodeName(),
                        entry(node.metadata().version(), node.spec()));
            }
            for (var ref : client.listVirtualRouters(r -> r.meshName(mesh)).virtualRouters()) {
                String router = ref.virtualRouterName();
                var described2 = client.describeVirtualRouter(
                                r -> r.meshName(mesh).virtualRouterName(router))
                        .virtualRouter();
                resources.put(
                        "virtual router " + router, entry(described2.metadata().version(), described2.spec()));
                for (var routeRef : client.listRoutes(r -> r.meshName(mesh).virtualRouterName(router))
                        .routes()) {
                    var route = client.describeRoute(r ->
                                    r.meshName(mesh).virtualRouterName(router).routeName(routeRef.routeName()))
                            .route();
                    resources.put(
                            "route " + router + "/" + routeRef.routeName(),
                            entry(route.metadata().version(), route.spec()));
                }
            }
            for (var ref : client.listVirtualServices(r -> r.meshName(mesh)).virtualServices()) {
                var service = client.describeVirtualService(
                                r -> r.meshName(mesh).virtualServiceName(ref.virtualServiceName()))
                        .virtualService();
                resources.put(
                        "virtual service " + ref.virtualServiceName(),
                        entry(service.metadata().version(), service.spec()));
            }
        }
        return resources;
    }

    /** The weighted targets of one route, e.g. {@code product-vn=75,product-v15-vn=25}. */
    static String weights(URI endpoint, String mesh, String router, String route) {
        try (AppMeshClient client = client(endpoint)) {
            return client
                    .describeRoute(
                            r -> r.meshName(mesh).virtualRouterName(router).routeName(route))
                    .route()
                    .spec()
                    .httpRoute()
                    .action()
                    .weightedTargets()
                    .stream()
                    .map(t -> t.virtualNode() + "=" + t.weight())
                    .collect(Collectors.joining(","));
        }
    }

    private static String entry(Long version, Object spec) {
        return "version " + version + ", " + spec;
    }
}
