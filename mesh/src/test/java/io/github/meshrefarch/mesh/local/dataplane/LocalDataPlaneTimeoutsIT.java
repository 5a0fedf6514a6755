package io.github.meshrefarch.mesh.local.dataplane;

import static io.github.meshrefarch.mesh.local.dataplane.Routes.MESH;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.PRODUCT;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.hostname;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.local.routetable.HttpRouteRule;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceRoutes;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The route timeout covers the whole response and a stalled stream is cut, as in Envoy. The upstream streams its body
 * in chunks: {@code /slow} one every 100 ms for 2 s, {@code /stall} one chunk then nothing for 3 s, {@code /silent}
 * no response at all.
 */
class LocalDataPlaneTimeoutsIT {

    @RegisterExtension
    final DataPlaneFixture mesh = new DataPlaneFixture();

    private DisposableServer upstream;

    @BeforeEach
    void startUpstream() {
        upstream = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.get(
                                "/slow",
                                (request, response) -> response.sendString(Flux.concat(
                                        Mono.just("first;"),
                                        Flux.interval(Duration.ofMillis(100))
                                                .take(20)
                                                .map(i -> "chunk;"),
                                        Mono.just("last;"))))
                        .get(
                                "/stall",
                                (request, response) -> response.sendString(Flux.concat(
                                        Mono.just("first;"), Mono.just("last;").delayElement(Duration.ofSeconds(3)))))
                        .get("/silent", (request, response) -> Mono.never()))
                .bindNow();
        mesh.registry.register(hostname("product"), (InetSocketAddress) upstream.address());
    }

    @AfterEach
    void stopUpstream() {
        upstream.disposeNow(Duration.ofSeconds(5));
    }

    @Test
    void slowBody_withinGenerousTimeouts_arrivesWhole() throws Exception {
        publish(Duration.ofSeconds(30), null);

        String received = RawHttp.getUntilClosed(listener(), "/slow");

        assertThat(received).startsWith("HTTP/1.1 200").contains("first;").contains("last;");
    }

    @Test
    void slowBody_beyondTheRouteTimeout_cutAfterTheHead() throws Exception {
        publish(Duration.ofMillis(500), null);

        String received = RawHttp.getUntilClosed(listener(), "/slow");

        assertThat(received).startsWith("HTTP/1.1 200").contains("first;").doesNotContain("last;");
        assertThat(mesh.dataPlane().traffic().get(PRODUCT).serverErrors()).isEqualTo(1);
    }

    @Test
    void stalledChunk_beyondTheRouteIdleTimeout_cut() throws Exception {
        publish(Duration.ofSeconds(30), Duration.ofMillis(300));

        String received = RawHttp.getUntilClosed(listener(), "/stall");

        assertThat(received).startsWith("HTTP/1.1 200").contains("first;").doesNotContain("last;");
        assertThat(mesh.dataPlane().listenerStats())
                .singleElement()
                .satisfies(stats -> assertThat(stats.streamIdleTimeouts()).isEqualTo(1));
    }

    @Test
    void silentUpstream_beyondTheIdleTimeout_gets408StreamTimeout() throws Exception {
        publish(Duration.ofSeconds(30), Duration.ofMillis(300));

        String received = RawHttp.getUntilClosed(listener(), "/silent");

        assertThat(received)
                .startsWith("HTTP/1.1 408")
                .contains("\"error\":\"stream timeout\"")
                .contains("\"virtualService\":\"" + PRODUCT + "\"");
    }

    private void publish(Duration perRequest, Duration idle) {
        HttpRouteRule route = new HttpRouteRule(
                "product-r", "product-vr", "/", List.of(target("product", 100)), null, perRequest, idle);
        mesh.source.publish(new VirtualServiceRoutes(MESH, PRODUCT, List.of(route)));
    }

    private InetSocketAddress listener() {
        return mesh.dataPlane().listenerAddress(PRODUCT).orElseThrow();
    }
}
