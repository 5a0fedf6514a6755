package io.github.meshrefarch.mesh.local.dataplane;

import static io.github.meshrefarch.mesh.local.dataplane.Routes.PRODUCT;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.route;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.target;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.virtualService;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.local.admin.AdminListener;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A listener holds at most its cap of connections, and closes a connection left idle, as Envoy's do. */
class LocalDataPlaneListenerLimitsIT {

    private static final int CAP = 2;

    @RegisterExtension
    final DataPlaneFixture mesh = new DataPlaneFixture(
            new DataPlaneLimits(Duration.ofMinutes(5), Duration.ofMillis(300), CAP),
            java.util.concurrent.ThreadLocalRandom::current);

    @Test
    void connectionBeyondTheCap_closedAtAccept_andCountedAsOverflow() throws Exception {
        mesh.register(TestUpstream.answering("product"));
        mesh.source.publish(virtualService(PRODUCT, route("/", target("product", 100))));
        InetSocketAddress listener = mesh.dataPlane().listenerAddress(PRODUCT).orElseThrow();
        try (Socket first = RawHttp.connect(listener);
                Socket second = RawHttp.connect(listener)) {
            for (Socket open : new Socket[] {first, second}) {
                RawHttp.send(open, "/", "keep-alive");
                assertThat(RawHttp.readOneResponse(open)).startsWith("HTTP/1.1 200");
            }

            String third;
            try (Socket beyond = RawHttp.connect(listener)) {
                RawHttp.send(beyond, "/", "keep-alive");
                third = RawHttp.readUntilClosed(beyond);
            }

            assertThat(third).isEmpty();
            RawHttp.send(first, "/", "keep-alive"); // the connections within the cap still serve
            assertThat(RawHttp.readOneResponse(first)).startsWith("HTTP/1.1 200");
        }
        assertThat(mesh.dataPlane().listenerStats()).singleElement().satisfies(stats -> {
            assertThat(stats.connectionsOverflow()).isEqualTo(1);
            assertThat(stats.connectionsTotal()).isEqualTo(2);
        });
        String address = "127.0.0.1_" + listener.getPort();
        try (AdminListener admin = AdminListener.start(mesh.dataPlane(), 0)) {
            String prometheus = mesh.client
                    .send(
                            HttpRequest.newBuilder(URI.create(admin.uri() + "/stats/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(prometheus)
                    .contains("envoy_listener_downstream_cx_overflow{envoy_listener_address=\"" + address + "\"} 1\n");
        }
    }

    @Test
    void connectionWithoutRequest_closedAfterTheIdleTimeout() throws Exception {
        mesh.register(TestUpstream.answering("product"));
        mesh.source.publish(virtualService(PRODUCT, route("/", target("product", 100))));
        InetSocketAddress listener = mesh.dataPlane().listenerAddress(PRODUCT).orElseThrow();

        try (Socket socket = RawHttp.connect(listener)) {
            RawHttp.send(socket, "/", "keep-alive");
            assertThat(RawHttp.readOneResponse(socket)).startsWith("HTTP/1.1 200");

            assertThat(RawHttp.readUntilClosed(socket)).isEmpty(); // closed by the data plane, within the 15 s bound
        }
        assertThat(mesh.dataPlane().listenerStats())
                .singleElement()
                .satisfies(stats -> assertThat(stats.connectionIdleTimeouts()).isEqualTo(1));
    }
}
