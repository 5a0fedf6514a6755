package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.appmesh.model.DurationUnit;
import software.amazon.awssdk.services.appmesh.model.GrpcRetryPolicyEvent;
import software.amazon.awssdk.services.appmesh.model.HttpMethod;
import software.amazon.awssdk.services.appmesh.model.HttpScheme;
import software.amazon.awssdk.services.appmesh.model.ListenerTlsMode;
import software.amazon.awssdk.services.appmesh.model.PortProtocol;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fields set by another tool (here: the SDK directly) that meshctl does not manage survive canary, promote, rollback
 * and apply; only the weights (and what a description sets) change; status and apply report them as drift.
 */
class UnmanagedFieldsIT {

    private static final String MESH = "demomesh";
    private static final String PRODUCT_HOST = "product.default.svc.cluster.local";

    @TempDir
    Path stateDir;

    @TempDir
    Path files;

    private MeshctlHarness meshctl;

    @BeforeEach
    void productRouteAndNodeTunedByAnotherTool() throws IOException {
        meshctl = new MeshctlHarness(stateDir);
        assertThat(meshctl.step("01").exitCode()).isZero();
        assertThat(meshctl.step("02").exitCode()).isZero();
        meshctl.client.updateRoute(r -> r.meshName(MESH)
                .virtualRouterName("product-vr")
                .routeName("product-r")
                .spec(tunedRoute()));
        meshctl.client.updateVirtualNode(
                r -> r.meshName(MESH).virtualNodeName("product-vn").spec(tunedNode()));
    }

    @AfterEach
    void stop() {
        meshctl.close();
    }

    @Test
    void canaryPromoteRollback_changeOnlyTheWeights_everyOtherRouteFieldSurvives() {
        assertThat(meshctl.run("canary", "product", "product-vn=90", "product-v15-vn=10")
                        .exitCode())
                .isZero();
        RouteSpec canary = productRoute();
        assertThat(canary.httpRoute().action().weightedTargets())
                .extracting(t -> t.virtualNode() + "=" + t.weight() + ":" + t.port())
                .containsExactly("product-vn=90:8080", "product-v15-vn=10:8080");
        assertTunedExceptTargets(canary);

        assertThat(meshctl.run("promote", "product", "product-v15-vn").exitCode())
                .isZero();
        RouteSpec promoted = productRoute();
        assertThat(promoted.httpRoute().action().weightedTargets())
                .extracting(t -> t.virtualNode() + "=" + t.weight() + ":" + t.port())
                .containsExactly("product-v15-vn=100:8080");
        assertTunedExceptTargets(promoted);

        MeshctlHarness.Result rollback = meshctl.run("rollback", "product", "--file", "demomesh.yaml");
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        RouteSpec rolledBack = productRoute();
        assertThat(rolledBack.httpRoute().action().weightedTargets())
                .extracting(t -> t.virtualNode() + "=" + t.weight() + ":" + t.port())
                .containsExactly("product-vn=100:8080");
        assertTunedExceptTargets(rolledBack);
    }

    @Test
    void apply_writesOnlyWhatItManages_keepsTheRest_andReportsItAsDrift() throws IOException {
        Path description = files.resolve("mesh.yaml");
        Files.writeString(description, DESCRIPTION);

        MeshctlHarness.Result apply = meshctl.run("apply", "-f", description.toString());

        assertThat(apply.exitCode()).as(apply.err()).isZero();
        VirtualNodeSpec node = productNode();
        assertThat(node.backends())
                .extracting(b -> b.virtualService().virtualServiceName())
                .containsExactly("customer.default.svc.cluster.local");
        assertThat(node)
                .isEqualTo(tunedNode().toBuilder()
                        .backends(
                                b -> b.virtualService(v -> v.virtualServiceName("customer.default.svc.cluster.local")))
                        .build());
        assertThat(productRoute()).isEqualTo(tunedRoute());
        assertThat(apply.out())
                .containsPattern("update +virtual node +product-vn")
                .containsPattern("drifted +route +product-vr/product-r")
                .contains("route product-vr/product-r: retryPolicy = 3 x 2s on stream-error (not in the description;"
                        + " not managed by meshctl: left as is)")
                .contains("route product-vr/product-r: timeout.perRequest = 10s (")
                .contains("route product-vr/product-r: priority = 5 (")
                .contains("route product-vr/product-r: httpRoute.match.headers = [{\"invert\":false,"
                        + "\"match\":{\"exact\":\"acme\"},\"name\":\"x-tenant\"}] (")
                .contains("route product-vr/product-r: httpRoute.match.method = \"GET\" (")
                .contains("route product-vr/product-r: httpRoute.action.weightedTargets[0].port = 8080 (")
                .contains("virtual node product-vn: listeners[0].healthCheck = {")
                .contains("virtual node product-vn: listeners[0].tls = {")
                .contains("virtual node product-vn: listeners[0].outlierDetection = {")
                .contains("virtual node product-vn: logging = {")
                .contains("virtual node product-vn: backendDefaults = {");

        long writes = meshctl.writes();
        MeshctlHarness.Result again = meshctl.run("apply", "-f", description.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(meshctl.writes()).as("a second apply writes nothing").isEqualTo(writes);
        assertThat(again.out()).contains("route product-vr/product-r: priority = 5 (");

        MeshctlHarness.Result walkthrough = meshctl.run("apply", "-f", "demomesh.yaml");
        assertThat(walkthrough.exitCode()).as(walkthrough.err()).isZero();
        RouteSpec managed = productRoute();
        assertThat(managed.httpRoute().retryPolicy().maxRetries())
                .as("the walkthrough's description sets the retry policy: meshctl manages it")
                .isEqualTo(2);
        assertThat(managed.toBuilder()
                        .httpRoute(managed.httpRoute().toBuilder()
                                .retryPolicy(tunedRoute().httpRoute().retryPolicy())
                                .build())
                        .build())
                .isEqualTo(tunedRoute());
    }

    @Test
    void step_setsTheWeightsAndRetryPolicyItDescribes_keepsTheRest_andReportsIt() {
        MeshctlHarness.Result step = meshctl.step("03");

        assertThat(step.exitCode()).as(step.err()).isZero();
        RouteSpec route = productRoute();
        assertThat(route.httpRoute().action().weightedTargets())
                .extracting(t -> t.virtualNode() + "=" + t.weight() + ":" + t.port())
                .containsExactly("product-vn=75:8080", "product-v15-vn=25:8080");
        assertThat(route.httpRoute().retryPolicy().maxRetries()).isEqualTo(2);
        assertThat(route.priority()).isEqualTo(5);
        assertThat(route.httpRoute().match()).isEqualTo(tunedRoute().httpRoute().match());
        assertThat(route.httpRoute().timeout())
                .isEqualTo(tunedRoute().httpRoute().timeout());
        assertThat(step.out())
                .containsPattern("update +route +product-vr/product-r")
                .contains("route product-vr/product-r: timeout.idle = 60s (")
                .contains("route product-vr/product-r: httpRoute.match.headers = [")
                .doesNotContain("retryPolicy =");
    }

    @Test
    void status_reportsEachDriftedField_onItsOwnLine_inTextAndJson() throws IOException {
        MeshctlHarness.Result text = meshctl.run("status", "--file", "demomesh.yaml");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out())
                .contains("Drift: ")
                .contains("route product-vr/product-r: priority = 5 (not in the description;"
                        + " not managed by meshctl: left as is)")
                .contains("route product-vr/product-r: httpRoute.match.scheme = \"http\" (")
                .contains("virtual node product-vn: listeners[0].healthCheck = {")
                .doesNotContain("order-vr/order-r:");

        MeshctlHarness.Result json = meshctl.run("-o", "json", "status", "--file", "demomesh.yaml");
        JsonNode drift = JsonMapper.builder().build().readTree(json.out()).path("drift");
        assertThat(drift.findValuesAsString("field")).contains("priority", "httpRoute.match.headers", "logging");
        assertThat(drift.toString())
                .contains("{\"kind\":\"route\",\"name\":\"product-r\",\"virtualRouter\":\"product-vr\","
                        + "\"field\":\"priority\",\"value\":\"5\"}");
    }

    @Test
    void canary_ofHttp2AndGrpcRoutes_keepsTheirKind_andChangesOnlyTheWeights() {
        meshctl.client.createVirtualRouter(r -> r.meshName(MESH)
                .virtualRouterName("stream-vr")
                .spec(s -> s.listeners(l -> l.portMapping(p -> p.port(8080).protocol(PortProtocol.HTTP2)))));
        meshctl.client.createRoute(r -> r.meshName(MESH)
                .virtualRouterName("stream-vr")
                .routeName("stream-r")
                .spec(http2Route()));
        meshctl.client.createVirtualRouter(r -> r.meshName(MESH)
                .virtualRouterName("rpc-vr")
                .spec(s -> s.listeners(l -> l.portMapping(p -> p.port(8080).protocol(PortProtocol.GRPC)))));
        meshctl.client.createRoute(r ->
                r.meshName(MESH).virtualRouterName("rpc-vr").routeName("rpc-r").spec(grpcRoute()));

        MeshctlHarness.Result http2 = meshctl.run("canary", "stream-vr", "product-vn=80", "product-v15-vn=20");
        MeshctlHarness.Result grpc = meshctl.run("canary", "rpc-vr", "product-vn=70", "product-v15-vn=30");

        assertThat(http2.exitCode()).as(http2.err()).isZero();
        assertThat(grpc.exitCode()).as(grpc.err()).isZero();
        RouteSpec stream = route("stream-vr", "stream-r");
        assertThat(stream.httpRoute()).isNull();
        assertThat(stream.http2Route().action().weightedTargets())
                .extracting(t -> t.virtualNode() + "=" + t.weight())
                .containsExactly("product-vn=80", "product-v15-vn=20");
        assertThat(stream.toBuilder()
                        .http2Route(stream.http2Route().toBuilder()
                                .action(http2Route().http2Route().action())
                                .build())
                        .build())
                .isEqualTo(http2Route());
        RouteSpec rpc = route("rpc-vr", "rpc-r");
        assertThat(rpc.httpRoute()).isNull();
        assertThat(rpc.grpcRoute().action().weightedTargets())
                .extracting(t -> t.virtualNode() + "=" + t.weight())
                .containsExactly("product-vn=70", "product-v15-vn=30");
        assertThat(rpc.toBuilder()
                        .grpcRoute(rpc.grpcRoute().toBuilder()
                                .action(grpcRoute().grpcRoute().action())
                                .build())
                        .build())
                .isEqualTo(grpcRoute());
        assertThat(meshctl.run("status").out())
                .containsPattern("rpc-vr +rpc-r +\\d+ +product-vn 70%, product-v15-vn 30% +1 x 1s on - +perRequest 5s")
                .contains("route rpc-vr/rpc-r: kind = grpcRoute (")
                .contains(
                        "route rpc-vr/rpc-r: grpcRoute.match = {\"methodName\":\"Get\",\"serviceName\":\"shop.Product\"} (")
                .contains("route rpc-vr/rpc-r: grpcRoute.retryPolicy.grpcRetryEvents = [\"unavailable\"] (")
                .contains("route stream-vr/stream-r: kind = http2Route (");
    }

    private RouteSpec route(String router, String name) {
        return meshctl.client
                .describeRoute(r -> r.meshName(MESH).virtualRouterName(router).routeName(name))
                .route()
                .spec();
    }

    static RouteSpec http2Route() {
        return RouteSpec.builder()
                .priority(7)
                .http2Route(h -> h.match(m -> m.prefix("/stream")
                                .headers(hd -> hd.name("x-stream").invert(true).match(v -> v.prefix("debug"))))
                        .action(a -> a.weightedTargets(
                                t -> t.virtualNode("product-vn").weight(100)))
                        .timeout(t -> t.idle(d -> d.unit(DurationUnit.S).value(120L))))
                .build();
    }

    static RouteSpec grpcRoute() {
        return RouteSpec.builder()
                .grpcRoute(g -> g.match(m -> m.serviceName("shop.Product").methodName("Get"))
                        .action(a -> a.weightedTargets(
                                t -> t.virtualNode("product-vn").weight(100)))
                        .retryPolicy(r -> r.maxRetries(1L)
                                .perRetryTimeout(d -> d.unit(DurationUnit.S).value(1L))
                                .grpcRetryEvents(GrpcRetryPolicyEvent.UNAVAILABLE))
                        .timeout(t -> t.perRequest(d -> d.unit(DurationUnit.S).value(5L))))
                .build();
    }

    private void assertTunedExceptTargets(RouteSpec actual) {
        RouteSpec expected = tunedRoute();
        assertThat(actual.toBuilder()
                        .httpRoute(actual.httpRoute().toBuilder()
                                .action(expected.httpRoute().action())
                                .build())
                        .build())
                .isEqualTo(expected);
        assertThat(productNode()).isEqualTo(tunedNode());
    }

    private RouteSpec productRoute() {
        return meshctl.client
                .describeRoute(
                        r -> r.meshName(MESH).virtualRouterName("product-vr").routeName("product-r"))
                .route()
                .spec();
    }

    private VirtualNodeSpec productNode() {
        return meshctl.client
                .describeVirtualNode(r -> r.meshName(MESH).virtualNodeName("product-vn"))
                .virtualNode()
                .spec();
    }

    static RouteSpec tunedRoute() {
        return RouteSpec.builder()
                .priority(5)
                .httpRoute(h -> h.match(m -> m.prefix("/")
                                .method(HttpMethod.GET)
                                .scheme(HttpScheme.HTTP)
                                .headers(hd -> hd.name("x-tenant").invert(false).match(v -> v.exact("acme"))))
                        .action(a -> a.weightedTargets(
                                t -> t.virtualNode("product-vn").weight(100).port(8080)))
                        .retryPolicy(r -> r.maxRetries(3L)
                                .perRetryTimeout(d -> d.unit(DurationUnit.S).value(2L))
                                .httpRetryEvents("stream-error"))
                        .timeout(t -> t.perRequest(d -> d.unit(DurationUnit.S).value(10L))
                                .idle(d -> d.unit(DurationUnit.S).value(60L))))
                .build();
    }

    static VirtualNodeSpec tunedNode() {
        return VirtualNodeSpec.builder()
                .serviceDiscovery(d -> d.dns(dns -> dns.hostname(PRODUCT_HOST)))
                .listeners(l -> l.portMapping(p -> p.port(8080).protocol(PortProtocol.HTTP))
                        .healthCheck(h -> h.protocol(PortProtocol.HTTP)
                                .path("/actuator/health/readiness")
                                .healthyThreshold(2)
                                .unhealthyThreshold(3)
                                .intervalMillis(5000L)
                                .timeoutMillis(2000L))
                        .tls(t -> t.mode(ListenerTlsMode.PERMISSIVE)
                                .certificate(c -> c.file(f ->
                                        f.certificateChain("/certs/product.pem").privateKey("/certs/product.key"))))
                        .outlierDetection(o -> o.maxServerErrors(5L)
                                .maxEjectionPercent(50)
                                .interval(d -> d.unit(DurationUnit.S).value(10L))
                                .baseEjectionDuration(
                                        d -> d.unit(DurationUnit.S).value(30L))))
                .backendDefaults(b -> b.clientPolicy(c -> c.tls(t -> t.enforce(true)
                        .validation(v -> v.trust(tr -> tr.file(f -> f.certificateChain("/certs/ca.pem")))))))
                .logging(l -> l.accessLog(a -> a.file(f -> f.path("/dev/stdout"))))
                .build();
    }

    /** The product part of the walkthrough's mesh, without retry policies, product-vn now calling customer. */
    private static final String DESCRIPTION = """
            mesh: demomesh
            virtualNodes:
              - name: product-vn
                hostname: product.default.svc.cluster.local
                listener: {port: 8080, protocol: http}
                backends: [customer.default.svc.cluster.local]
              - name: product-v15-vn
                hostname: product-v15.default.svc.cluster.local
              - name: customer-vn
                hostname: customer.default.svc.cluster.local
            virtualRouters:
              - name: product-vr
              - name: customer-vr
            routes:
              - name: product-r
                virtualRouter: product-vr
                prefix: /
                weightedTargets:
                  - {virtualNode: product-vn, weight: 100}
            virtualServices:
              - name: product.default.svc.cluster.local
                virtualRouter: product-vr
              - name: customer.default.svc.cluster.local
                virtualRouter: customer-vr
            """;
}
