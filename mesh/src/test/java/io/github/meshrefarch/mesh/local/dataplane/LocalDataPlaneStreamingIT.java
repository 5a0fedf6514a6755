package io.github.meshrefarch.mesh.local.dataplane;

import static io.github.meshrefarch.mesh.local.dataplane.Routes.PRODUCT;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.hostname;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.route;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.target;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.virtualService;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * Bodies cross the data plane as they are produced: each test holds back the second half of a body until the other
 * side has seen the first half through the data plane, which would deadlock (and time out) if the data plane waited
 * for whole bodies.
 */
class LocalDataPlaneStreamingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final InMemoryRouteTableSource source = new InMemoryRouteTableSource();
    private final InMemoryServiceRegistry registry = new InMemoryServiceRegistry();
    private final CompletableFuture<Void> clientSawFirstPart = new CompletableFuture<>();
    private final CompletableFuture<Void> upstreamSawFirstPart = new CompletableFuture<>();
    private DisposableServer upstream;
    private LocalDataPlane dataPlane;

    @BeforeEach
    void start() {
        upstream = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.get(
                                "/download",
                                (request, response) -> response.sendString(Flux.concat(
                                        Mono.just("first part;"),
                                        Mono.fromFuture(clientSawFirstPart).thenReturn("second part;"))))
                        .post(
                                "/upload",
                                (request, response) -> response.sendString(request.receive()
                                        .asString()
                                        .doOnNext(chunk -> upstreamSawFirstPart.complete(null))
                                        .collectList()
                                        .map(chunks -> String.join("", chunks)))))
                .bindNow();
        registry.register(hostname("product"), (InetSocketAddress) upstream.address());
        dataPlane = LocalDataPlane.start(source, registry, Map.of());
        source.publish(virtualService(PRODUCT, route("/", target("product", 100))));
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        upstream.disposeNow();
    }

    @Test
    void responseBody_reachesTheClientWhileTheUpstreamIsStillWriting() {
        String body = HttpClient.create()
                .get()
                .uri(url("/download"))
                .responseContent()
                .asString()
                .doOnNext(chunk -> clientSawFirstPart.complete(null))
                .collectList()
                .map(chunks -> String.join("", chunks))
                .block(TIMEOUT);

        assertThat(body).isEqualTo("first part;second part;");
    }

    @Test
    void requestBody_reachesTheUpstreamWhileTheClientIsStillWriting() {
        String echoed = HttpClient.create()
                .post()
                .uri(url("/upload"))
                .send(ByteBufFlux.fromString(Flux.concat(
                        Mono.just("first part;"),
                        Mono.fromFuture(upstreamSawFirstPart).thenReturn("second part;"))))
                .responseSingle((response, content) -> content.asString())
                .block(TIMEOUT);

        assertThat(echoed).isEqualTo("first part;second part;");
    }

    @Test
    void largeBodies_crossIntactBothWays() throws Exception {
        try (TestUpstream echo = TestUpstream.answering("product-v15")) {
            registry.register(hostname("product-v15"), echo.address());
            source.publish(virtualService(PRODUCT, route("/", target("product-v15", 100))));
            byte[] body = new byte[3 * 1024 * 1024 + 17]; // beyond what a retry could replay
            new Random(7).nextBytes(body);

            HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url("/blob")))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Arrays.equals(response.body(), body)).isTrue();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:"
                + dataPlane.listenerAddress(PRODUCT).orElseThrow().getPort() + path;
    }
}
