package io.github.meshrefarch.mesh.local.dataplane;

import static io.github.meshrefarch.mesh.local.dataplane.Routes.MESH;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.PRODUCT;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.retryPolicy;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.route;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.target;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.virtualService;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.local.admin.AdminClient;
import io.github.meshrefarch.mesh.local.admin.AdminListener;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin listener's {@code /listeners}, {@code /config_dump} and {@code /ready} follow the route table in force. */
class AdminEndpointIT {

    private static final String CUSTOMER = "customer.default.svc.cluster.local";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    final DataPlaneFixture mesh = new DataPlaneFixture();

    private AdminListener admin;

    @BeforeEach
    void startAdmin() throws IOException {
        admin = AdminListener.start(mesh.dataPlane(), 0);
    }

    @AfterEach
    void stopAdmin() {
        admin.close();
    }

    @Test
    void listenersAndConfigDump_followAHotRouteSwap() throws Exception {
        mesh.source.publish(virtualService(PRODUCT, route("/", target("product", 100))));
        int productPort =
                mesh.dataPlane().listenerAddress(PRODUCT).orElseThrow().getPort();

        assertThat(AdminClient.listeners(admin.uri())).isEqualTo(Map.of(PRODUCT, "127.0.0.1:" + productPort));
        assertThat(get("/listeners").body()).isEqualTo(PRODUCT + "::127.0.0.1:" + productPort + "\n");
        JsonNode before = JSON.readTree(get("/config_dump").body());
        assertThat(weights(before, PRODUCT)).isEqualTo(List.of("product=100"));

        mesh.source.publish(
                virtualService(
                        PRODUCT,
                        route(
                                "/",
                                retryPolicy(2, Duration.ofMillis(500), "server-error", "gateway-error"),
                                Duration.ofSeconds(3),
                                target("product", 75),
                                target("product-v15", 25))),
                virtualService(CUSTOMER, route("/", target("customer", 100))));
        int customerPort =
                mesh.dataPlane().listenerAddress(CUSTOMER).orElseThrow().getPort();

        assertThat(AdminClient.listeners(admin.uri()))
                .isEqualTo(Map.of(PRODUCT, "127.0.0.1:" + productPort, CUSTOMER, "127.0.0.1:" + customerPort));
        JsonNode after = JSON.readTree(get("/config_dump").body());
        assertThat(after.path("routeTableRevision").asLong())
                .isEqualTo(before.path("routeTableRevision").asLong() + 1);
        assertThat(weights(after, PRODUCT)).isEqualTo(List.of("product=75", "product-v15=25"));
        JsonNode route = service(after, PRODUCT).path("routes").get(0);
        assertThat(route.path("retryPolicy").path("maxRetries").asInt()).isEqualTo(2);
        assertThat(route.path("retryPolicy").path("perRetryTimeoutMillis").asLong())
                .isEqualTo(500);
        assertThat(route.path("perRequestTimeoutMillis").asLong()).isEqualTo(3000);
        assertThat(route.path("weightedTargets").get(1).path("cluster").asString())
                .isEqualTo("cds_egress_" + MESH + "_product-v15_http_8080");
        assertThat(service(after, PRODUCT).path("listener").path("port").asInt())
                .isEqualTo(productPort);

        mesh.source.publish(virtualService(CUSTOMER, route("/", target("customer", 100))));

        assertThat(AdminClient.listeners(admin.uri())).containsOnlyKeys(CUSTOMER);
        assertThat(service(JSON.readTree(get("/config_dump").body()), PRODUCT)).isNull();
    }

    @Test
    void ready_isLiveWhileServing_andNotOnceClosed() throws Exception {
        HttpResponse<String> live = get("/ready");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("LIVE\n");

        mesh.dataPlane().close();

        assertThat(get("/ready").statusCode()).isEqualTo(503);
    }

    @Test
    void unknownPath_is404() throws Exception {
        assertThat(get("/clusters").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return mesh.client.send(
                HttpRequest.newBuilder(admin.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode service(JsonNode dump, String name) {
        for (JsonNode service : dump.path("virtualServices")) {
            if (service.path("virtualServiceName").asString().equals(name)) {
                return service;
            }
        }
        return null;
    }

    private static List<String> weights(JsonNode dump, String name) {
        JsonNode route = service(dump, name).path("routes").get(0);
        return route.path("weightedTargets")
                .valueStream()
                .map(t -> t.path("virtualNodeName").asString() + "="
                        + t.path("weight").asInt())
                .toList();
    }
}
