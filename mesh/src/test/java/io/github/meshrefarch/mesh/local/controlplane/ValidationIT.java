package io.github.meshrefarch.mesh.local.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.AppMeshException;
import software.amazon.awssdk.services.appmesh.model.BadRequestException;
import software.amazon.awssdk.services.appmesh.model.ConflictException;
import software.amazon.awssdk.services.appmesh.model.NotFoundException;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeSpec;
import software.amazon.awssdk.services.appmesh.model.WeightedTarget;

/** App Mesh's rules, each broken once, and the SDK exception each one arrives as. */
class ValidationIT {

    private static final String MESH = "rules";

    @RegisterExtension
    final ControlPlaneExtension local = new ControlPlaneExtension();

    private AppMeshClient client;

    @BeforeEach
    void createMeshNodeAndRouter() {
        client = local.client();
        client.createMesh(r -> r.meshName(MESH));
        client.createVirtualNode(r -> r.meshName(MESH).virtualNodeName("vn").spec(Walkthrough.nodeSpec("vn")));
        client.createVirtualRouter(r -> r.meshName(MESH)
                .virtualRouterName("vr")
                .spec(s -> s.listeners(l -> l.portMapping(p -> p.port(8080).protocol("http")))));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 256})
    void names_mustBe1To255Characters(int length) {
        String name = "n".repeat(length);
        assertBadRequest(() -> client.createMesh(r -> r.meshName(name)), "meshName");
        assertBadRequest(
                () -> client.createVirtualNode(
                        r -> r.meshName(MESH).virtualNodeName(name).spec(s -> {})),
                "virtualNodeName");
        assertThat(client.createMesh(r -> r.meshName("n".repeat(255))).mesh().meshName())
                .hasSize(255);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101})
    void weight_mustBe0To100(int weight) {
        assertBadRequest(() -> createRoute(Walkthrough.routeSpec(Walkthrough.target("vn", weight))), "weight");
    }

    @Test
    void weights_mustAddUpToAtMost100() {
        assertBadRequest(
                () -> createRoute(Walkthrough.routeSpec(Walkthrough.target("vn", 75), Walkthrough.target("vn", 26))),
                "more than 100");
        assertThat(createRoute(Walkthrough.routeSpec(Walkthrough.target("vn", 75), Walkthrough.target("vn", 25))))
                .isNotNull();
    }

    @Test
    void weightedTargets_mustNumber1To10() {
        WeightedTarget[] eleven = IntStream.range(0, 11)
                .mapToObj(i -> Walkthrough.target("vn", 9))
                .toArray(WeightedTarget[]::new);
        assertBadRequest(() -> createRoute(Walkthrough.routeSpec()), "weightedTargets");
        assertBadRequest(() -> createRoute(Walkthrough.routeSpec(eleven)), "weightedTargets");
        WeightedTarget[] ten = IntStream.range(0, 10)
                .mapToObj(i -> Walkthrough.target("vn", 10))
                .toArray(WeightedTarget[]::new);
        assertThat(createRoute(Walkthrough.routeSpec(ten))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65536})
    void ports_mustBe1To65535(int port) {
        assertBadRequest(
                () -> createNode(
                        s -> s.listeners(l -> l.portMapping(p -> p.port(port).protocol("http")))),
                "port");
        assertBadRequest(
                () -> client.createVirtualRouter(r -> r.meshName(MESH)
                        .virtualRouterName("vr-" + port)
                        .spec(s ->
                                s.listeners(l -> l.portMapping(p -> p.port(port).protocol("http"))))),
                "port");
    }

    @Test
    void protocol_mustBeHttpHttp2GrpcOrTcp() {
        assertBadRequest(
                () -> createNode(
                        s -> s.listeners(l -> l.portMapping(p -> p.port(80).protocol("udp")))),
                "protocol");
        for (String protocol : new String[] {"http", "http2", "grpc", "tcp"}) {
            createNode(s -> s.listeners(l -> l.portMapping(p -> p.port(80).protocol(protocol))));
        }
    }

    @Test
    void httpRoutePrefix_mustStartWithSlash() {
        assertBadRequest(
                () -> createRoute(RouteSpec.builder()
                        .httpRoute(h -> h.match(m -> m.prefix("api"))
                                .action(a -> a.weightedTargets(Walkthrough.target("vn", 100))))
                        .build()),
                "prefix");
    }

    @Test
    void routeSpec_needsExactlyOneRouteKind_andAPriorityOf0To1000() {
        assertBadRequest(() -> createRoute(RouteSpec.builder().build()), "httpRoute");
        RouteSpec both = Walkthrough.routeSpec(Walkthrough.target("vn", 1)).toBuilder()
                .tcpRoute(Specs.tcpRoute("vn").tcpRoute())
                .build();
        assertBadRequest(() -> createRoute(both), "only one");
        RouteSpec tooLow = Walkthrough.routeSpec(Walkthrough.target("vn", 1)).toBuilder()
                .priority(1001)
                .build();
        assertBadRequest(() -> createRoute(tooLow), "priority");
    }

    @Test
    void retryPolicy_needsARetryEvent_andKnownEventNames() {
        RouteSpec noEvents = Specs.fullHttpRoute("vn").toBuilder()
                .httpRoute(Specs.fullHttpRoute("vn").httpRoute().toBuilder()
                        .retryPolicy(r -> r.maxRetries(1L)
                                .perRetryTimeout(d -> d.unit("s").value(1L)))
                        .build())
                .build();
        assertBadRequest(() -> createRoute(noEvents), "retry event");
        RouteSpec unknownEvent = Specs.fullHttpRoute("vn").toBuilder()
                .httpRoute(Specs.fullHttpRoute("vn").httpRoute().toBuilder()
                        .retryPolicy(r -> r.maxRetries(1L)
                                .perRetryTimeout(d -> d.unit("s").value(1L))
                                .httpRetryEvents("sometimes"))
                        .build())
                .build();
        assertBadRequest(() -> createRoute(unknownEvent), "httpRetryEvents");
    }

    @Test
    void healthCheck_thresholdsAndIntervalsAreInAppMeshRanges() {
        assertBadRequest(
                () -> createNode(s ->
                        s.listeners(l -> l.portMapping(p -> p.port(80).protocol("http"))
                                .healthCheck(h -> h.protocol("http")
                                        .healthyThreshold(1)
                                        .unhealthyThreshold(2)
                                        .intervalMillis(5000L)
                                        .timeoutMillis(2000L)))),
                "healthyThreshold");
    }

    @Test
    void nodeTlsOutlierDetectionLoggingAndBackendDefaults_areCheckedAsAppMeshDoes() {
        assertBadRequest(
                () -> createNode(s ->
                        s.listeners(l -> l.portMapping(p -> p.port(80).protocol("http"))
                                .tls(t -> t.mode("SOMETIMES")
                                        .certificate(c -> c.file(f ->
                                                f.certificateChain("/c.pem").privateKey("/k.pem")))))),
                "tls.mode");
        assertBadRequest(
                () -> createNode(s -> s.listeners(
                        l -> l.portMapping(p -> p.port(80).protocol("http")).tls(t -> t.mode("STRICT")))),
                "tls.certificate is required");
        assertBadRequest(
                () -> createNode(s ->
                        s.listeners(l -> l.portMapping(p -> p.port(80).protocol("http"))
                                .outlierDetection(o -> o.maxServerErrors(5L)
                                        .maxEjectionPercent(101)
                                        .interval(d -> d.unit("s").value(10L))
                                        .baseEjectionDuration(d -> d.unit("s").value(30L))))),
                "maxEjectionPercent");
        assertBadRequest(
                () -> createNode(s ->
                        s.listeners(l -> l.portMapping(p -> p.port(80).protocol("http"))
                                .outlierDetection(o -> o.maxServerErrors(5L)
                                        .maxEjectionPercent(10)
                                        .baseEjectionDuration(d -> d.unit("s").value(30L))))),
                "outlierDetection.interval is required");
        assertBadRequest(
                () -> createNode(s ->
                        s.logging(l -> l.accessLog(a -> a.file(f -> f.format(x -> x.text("%START_TIME%")))))),
                "spec.logging.accessLog.file.path is required");
        assertBadRequest(
                () -> createNode(s -> s.backendDefaults(b -> b.clientPolicy(c -> c.tls(t -> t.enforce(true))))),
                "spec.backendDefaults.clientPolicy.tls.validation is required");
    }

    @Test
    void headerMatch_setsExactlyOneKind() {
        RouteSpec twoKinds = Specs.fullHttpRoute("vn").toBuilder()
                .httpRoute(Specs.fullHttpRoute("vn").httpRoute().toBuilder()
                        .match(m -> m.prefix("/")
                                .headers(h ->
                                        h.name("x-a").match(v -> v.exact("1").prefix("2"))))
                        .build())
                .build();
        assertBadRequest(() -> createRoute(twoKinds), "headers[0].match must set only one of");
    }

    @Test
    void routeTargetsAndServiceProviders_mustExist_butNodeBackendsNeedNot() {
        assertThatThrownBy(() -> createRoute(Walkthrough.routeSpec(Walkthrough.target("missing-vn", 100))))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("missing-vn");
        assertThatThrownBy(() -> client.createVirtualService(r -> r.meshName(MESH)
                        .virtualServiceName("svc")
                        .spec(s -> s.provider(p -> p.virtualRouter(v -> v.virtualRouterName("missing-vr"))))))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("missing-vr");

        VirtualNodeSpec backendsFirst = Walkthrough.nodeSpec("order-vn");
        assertThat(client.createVirtualNode(r ->
                                r.meshName(MESH).virtualNodeName("order-vn").spec(backendsFirst))
                        .virtualNode()
                        .spec()
                        .backends())
                .hasSize(2);
    }

    @Test
    void resourcesOutsideAnExistingMeshOrRouter_areNotFound() {
        assertThatThrownBy(() -> client.createVirtualNode(
                        r -> r.meshName("nope").virtualNodeName("vn").spec(s -> {})))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> client.createRoute(r -> r.meshName(MESH)
                        .virtualRouterName("nope-vr")
                        .routeName("r")
                        .spec(Walkthrough.routeSpec(Walkthrough.target("vn", 1)))))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("nope-vr");
        assertThatThrownBy(
                        () -> client.describeVirtualNode(r -> r.meshName(MESH).virtualNodeName("nope-vn")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.updateVirtualRouter(
                        r -> r.meshName(MESH).virtualRouterName("nope-vr").spec(s -> {})))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(
                        () -> client.deleteVirtualService(r -> r.meshName(MESH).virtualServiceName("nope")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void creatingANameThatExists_isConflict() {
        assertThatThrownBy(() -> client.createMesh(r -> r.meshName(MESH)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> client.createVirtualNode(
                        r -> r.meshName(MESH).virtualNodeName("vn").spec(s -> {})))
                .isInstanceOf(ConflictException.class);
        assertThat(client.listVirtualNodes(r -> r.meshName(MESH)).virtualNodes())
                .hasSize(1);
    }

    @Test
    void createRetriedWithTheSameClientToken_returnsTheFirstResult_withoutASecondResource() {
        var first = client.createVirtualRouter(r -> r.meshName(MESH)
                .virtualRouterName("retried-vr")
                .clientToken("token-1")
                .spec(s -> s.listeners(l -> l.portMapping(p -> p.port(8080).protocol("http")))));
        var retry = client.createVirtualRouter(r -> r.meshName(MESH)
                .virtualRouterName("retried-vr")
                .clientToken("token-1")
                .spec(s -> s.listeners(l -> l.portMapping(p -> p.port(8080).protocol("http")))));

        assertThat(retry.virtualRouter()).isEqualTo(first.virtualRouter());
        assertThat(client.listVirtualRouters(r -> r.meshName(MESH)).virtualRouters())
                .hasSize(2);
        assertThatThrownBy(() -> client.createVirtualRouter(r -> r.meshName(MESH)
                        .virtualRouterName("retried-vr")
                        .clientToken("token-1")
                        .spec(s ->
                                s.listeners(l -> l.portMapping(p -> p.port(9090).protocol("http"))))))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void updateRetriedWithTheSameClientToken_changesTheVersionOnce() {
        RouteSpec split = Walkthrough.routeSpec(Walkthrough.target("vn", 75));
        createRoute(Walkthrough.routeSpec(Walkthrough.target("vn", 100)));
        for (int attempt = 0; attempt < 2; attempt++) {
            long version = client.updateRoute(r -> r.meshName(MESH)
                            .virtualRouterName("vr")
                            .routeName("r")
                            .clientToken("update-1")
                            .spec(split))
                    .route()
                    .metadata()
                    .version();
            assertThat(version).isEqualTo(2L);
        }
        assertThatThrownBy(() -> client.updateRoute(r -> r.meshName(MESH)
                        .virtualRouterName("vr")
                        .routeName("r")
                        .clientToken("update-1")
                        .spec(Walkthrough.routeSpec(Walkthrough.target("vn", 5)))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("update-1");
    }

    @Test
    void rejectedRequests_changeNothing_butCountAsMutatingRequests() {
        long before = local.controlPlane().mutatingRequestCount();
        assertBadRequest(() -> createRoute(Walkthrough.routeSpec(Walkthrough.target("vn", 101))), "weight");
        client.listVirtualNodes(r -> r.meshName(MESH));
        client.describeMesh(r -> r.meshName(MESH));

        assertThat(local.controlPlane().mutatingRequestCount()).isEqualTo(before + 1);
        assertThat(client.listRoutes(r -> r.meshName(MESH).virtualRouterName("vr"))
                        .routes())
                .isEmpty();
    }

    private Object createRoute(RouteSpec spec) {
        return client.createRoute(
                r -> r.meshName(MESH).virtualRouterName("vr").routeName("r").spec(spec));
    }

    private void createNode(Consumer<VirtualNodeSpec.Builder> spec) {
        client.createVirtualNode(r ->
                r.meshName(MESH).virtualNodeName("node-" + System.nanoTime()).spec(spec));
    }

    private static void assertBadRequest(Runnable call, String messagePart) {
        assertThatThrownBy(call::run)
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((AppMeshException) e).statusCode()).isEqualTo(400));
    }
}
