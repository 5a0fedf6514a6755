package io.github.meshrefarch.bench;

import io.github.meshrefarch.mesh.local.controlplane.LocalControlPlane;
import io.github.meshrefarch.mesh.local.dataplane.InMemoryServiceRegistry;
import io.github.meshrefarch.mesh.local.dataplane.LocalDataPlane;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;

/**
 * How long after an {@code UpdateRoute} call returns the data plane routes by the new weights. Runs the local control
 * plane and data plane in this process with two upstreams, flips product-r between them over the real SDK, and after
 * each flip sends requests until one reaches the new target. The figure includes that one request's round trip.
 *
 * <p>Run: {@code java -cp mesh/target/meshctl.jar:bench/target/bench.jar io.github.meshrefarch.bench.WeightChangeBenchmark
 * [flips]}
 */
public final class WeightChangeBenchmark {

    private static final String MESH = "bench";
    private static final String SERVICE = "product.default.svc.cluster.local";

    private WeightChangeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int flips = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        DisposableServer v1 = upstream("1.0");
        DisposableServer v2 = upstream("1.5");
        InMemoryServiceRegistry registry = new InMemoryServiceRegistry();
        registry.register("product.bench", (InetSocketAddress) v1.address());
        registry.register("product-v15.bench", (InetSocketAddress) v2.address());
        Path state = Files.createTempDirectory("weight-change-benchmark");
        try (LocalControlPlane controlPlane = LocalControlPlane.start(0, state);
                LocalDataPlane dataPlane = LocalDataPlane.start(controlPlane.routeTable(), registry, Map.of());
                AppMeshClient appMesh = client(controlPlane.endpoint())) {
            createMesh(appMesh);
            URI listener = URI.create("http://127.0.0.1:"
                    + dataPlane.listenerAddress(SERVICE).orElseThrow().getPort() + "/");
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Histogram micros = new Histogram(3);
            Histogram roundTrips = new Histogram(3);
            for (int i = 0; i < flips + 20; i++) {
                String target = i % 2 == 0 ? "1.5" : "1.0";
                setRoute(appMesh, target.equals("1.5") ? "product-v15-vn" : "product-vn");
                long returned = System.nanoTime();
                while (!http.send(HttpRequest.newBuilder(listener).build(), HttpResponse.BodyHandlers.ofString())
                        .body()
                        .equals(target)) {
                    // the old weights still apply: ask again
                }
                long applied = System.nanoTime();
                http.send(HttpRequest.newBuilder(listener).build(), HttpResponse.BodyHandlers.ofString());
                if (i >= 20) { // the first flips warm the JIT up
                    micros.recordValue((applied - returned) / 1_000);
                    roundTrips.recordValue((System.nanoTime() - applied) / 1_000);
                }
            }
            System.out.printf("%d flips of product-r between two targets%n", flips);
            print("new weights seen, from the API call's return", micros);
            print("one request through the data plane, for scale", roundTrips);
        } finally {
            v1.disposeNow();
            v2.disposeNow();
        }
    }

    private static void print(String what, Histogram micros) {
        System.out.printf(
                "  %-48s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n",
                what,
                micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0,
                micros.getMaxValue() / 1000.0);
    }

    private static DisposableServer upstream(String version) {
        return HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> response.sendString(Mono.just(version)))
                .bindNow();
    }

    private static AppMeshClient client(URI endpoint) {
        return AppMeshClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(10)))
                .build();
    }

    private static void createMesh(AppMeshClient appMesh) {
        appMesh.createMesh(r -> r.meshName(MESH));
        for (String node : Arrays.asList("product-vn", "product-v15-vn")) {
            String host = node.equals("product-vn") ? "product.bench" : "product-v15.bench";
            appMesh.createVirtualNode(r -> r.meshName(MESH)
                    .virtualNodeName(node)
                    .spec(s -> s.listeners(l -> l.portMapping(p -> p.port(8080).protocol("http")))
                            .serviceDiscovery(d -> d.dns(dns -> dns.hostname(host)))));
        }
        appMesh.createVirtualRouter(r -> r.meshName(MESH)
                .virtualRouterName("product-vr")
                .spec(s -> s.listeners(l -> l.portMapping(p -> p.port(8080).protocol("http")))));
        appMesh.createRoute(r -> r.meshName(MESH)
                .virtualRouterName("product-vr")
                .routeName("product-r")
                .spec(route("product-vn")));
        appMesh.createVirtualService(r -> r.meshName(MESH)
                .virtualServiceName(SERVICE)
                .spec(s -> s.provider(p -> p.virtualRouter(v -> v.virtualRouterName("product-vr")))));
    }

    private static void setRoute(AppMeshClient appMesh, String node) {
        appMesh.updateRoute(r -> r.meshName(MESH)
                .virtualRouterName("product-vr")
                .routeName("product-r")
                .spec(route(node)));
    }

    private static RouteSpec route(String node) {
        return RouteSpec.builder()
                .httpRoute(h -> h.match(m -> m.prefix("/"))
                        .action(a -> a.weightedTargets(t -> t.virtualNode(node).weight(100))))
                .build();
    }
}
