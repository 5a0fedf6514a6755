package io.github.meshrefarch.mesh.local.dataplane;

import static io.github.meshrefarch.mesh.local.dataplane.Routes.PRODUCT;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.route;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.local.routetable.VirtualServiceRoutes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two meshes with a virtual service of the same name: each mesh's listener follows that mesh's routes only. */
class LocalDataPlaneMeshesIT {

    @RegisterExtension
    final DataPlaneFixture mesh = new DataPlaneFixture();

    @Test
    void sameVirtualServiceNameInTwoMeshes_eachListenerRoutesByItsOwnMesh() throws Exception {
        mesh.register(TestUpstream.answering("product"));
        mesh.register(TestUpstream.answering("product-v15"));
        mesh.source.publish(
                new VirtualServiceRoutes("mesh-a", PRODUCT, List.of(route("/", target("product", 100)))),
                new VirtualServiceRoutes("mesh-b", PRODUCT, List.of(route("/", target("product-v15", 100)))));

        InetSocketAddress a =
                mesh.dataPlane().listenerAddress("mesh-a", PRODUCT).orElseThrow();
        InetSocketAddress b =
                mesh.dataPlane().listenerAddress("mesh-b", PRODUCT).orElseThrow();

        assertThat(a).isNotEqualTo(b);
        for (int i = 0; i < 10; i++) {
            assertThat(get(a)).isEqualTo("{\"node\":\"product\"}");
            assertThat(get(b)).isEqualTo("{\"node\":\"product-v15\"}");
        }
        assertThat(mesh.dataPlane().listenerAddresses()).containsOnlyKeys("mesh-a/" + PRODUCT, "mesh-b/" + PRODUCT);
        assertThat(mesh.dataPlane().traffic().get("mesh-b/" + PRODUCT).targets())
                .containsOnlyKeys("product-v15");
    }

    @Test
    void portConfiguredForTheName_goesToTheFirstVirtualServiceOfTheTable() throws Exception {
        mesh.register(TestUpstream.answering("product"));
        mesh.register(TestUpstream.answering("product-v15"));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        InMemoryRouteTableSource source = new InMemoryRouteTableSource();
        // the control plane lists the oldest virtual service first: here mesh-b's
        source.publish(
                new VirtualServiceRoutes("mesh-b", PRODUCT, List.of(route("/", target("product-v15", 100)))),
                new VirtualServiceRoutes("mesh-a", PRODUCT, List.of(route("/", target("product", 100)))));

        try (LocalDataPlane dataPlane = LocalDataPlane.start(source, mesh.registry, Map.of(PRODUCT, port))) {
            assertThat(dataPlane
                            .listenerAddress("mesh-b", PRODUCT)
                            .orElseThrow()
                            .getPort())
                    .isEqualTo(port);
            assertThat(dataPlane
                            .listenerAddress("mesh-a", PRODUCT)
                            .orElseThrow()
                            .getPort())
                    .isNotEqualTo(port);
            assertThat(dataPlane.listenerAddress(PRODUCT).orElseThrow().getPort())
                    .isEqualTo(port);
            assertThat(get(dataPlane.listenerAddress(PRODUCT).orElseThrow())).isEqualTo("{\"node\":\"product-v15\"}");
            assertThat(dataPlane.serving()).isTrue();
        }
    }

    private String get(InetSocketAddress listener) throws Exception {
        HttpResponse<String> response = mesh.client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.getPort() + "/"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
