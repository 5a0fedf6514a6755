package io.github.meshrefarch.mesh.local.controlplane;

import software.amazon.awssdk.services.appmesh.model.DurationUnit;
import software.amazon.awssdk.services.appmesh.model.HttpMethod;
import software.amazon.awssdk.services.appmesh.model.PortProtocol;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.appmesh.model.TcpRetryPolicyEvent;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeSpec;

/** Specs that use much of App Mesh's model, to show it round-trips through the control plane unchanged. */
final class Specs {

    private Specs() {}

    static VirtualNodeSpec fullVirtualNode() {
        return VirtualNodeSpec.builder()
                .listeners(l -> l.portMapping(p -> p.port(8080).protocol(PortProtocol.HTTP))
                        .healthCheck(h -> h.protocol(PortProtocol.HTTP)
                                .path("/actuator/health/readiness")
                                .port(8080)
                                .healthyThreshold(2)
                                .unhealthyThreshold(3)
                                .intervalMillis(5000L)
                                .timeoutMillis(2000L))
                        .timeout(t ->
                                t.http(h -> h.idle(d -> d.unit(DurationUnit.S).value(30L))
                                        .perRequest(d -> d.unit(DurationUnit.MS).value(1500L))))
                        .connectionPool(c -> c.http(h -> h.maxConnections(100).maxPendingRequests(50)))
                        .outlierDetection(o -> o.maxServerErrors(5L)
                                .maxEjectionPercent(50)
                                .interval(d -> d.unit(DurationUnit.S).value(10L))
                                .baseEjectionDuration(
                                        d -> d.unit(DurationUnit.S).value(30L))))
                .serviceDiscovery(d -> d.dns(dns -> dns.hostname("order.default.svc.cluster.local")))
                .backends(b -> b.virtualService(v -> v.virtualServiceName("product.default.svc.cluster.local")))
                .backendDefaults(b -> b.clientPolicy(c -> c.tls(t -> t.enforce(false)
                        .ports(8443)
                        .validation(v -> v.trust(tr -> tr.file(f -> f.certificateChain("/certs/ca.pem")))))))
                .logging(l -> l.accessLog(a -> a.file(f -> f.path("/dev/stdout"))))
                .build();
    }

    static RouteSpec fullHttpRoute(String node) {
        return RouteSpec.builder()
                .priority(10)
                .httpRoute(h -> h.match(m -> m.prefix("/api")
                                .method(HttpMethod.GET)
                                .headers(hd -> hd.name("x-canary").match(v -> v.exact("true"))))
                        .action(a -> a.weightedTargets(
                                t -> t.virtualNode(node).weight(90),
                                t -> t.virtualNode(node).weight(10).port(8080)))
                        .retryPolicy(r -> r.maxRetries(2L)
                                .perRetryTimeout(d -> d.unit(DurationUnit.MS).value(250L))
                                .httpRetryEvents("server-error", "gateway-error")
                                .tcpRetryEvents(TcpRetryPolicyEvent.CONNECTION_ERROR))
                        .timeout(t -> t.perRequest(d -> d.unit(DurationUnit.S).value(2L))
                                .idle(d -> d.unit(DurationUnit.S).value(60L))))
                .build();
    }

    static RouteSpec http2Route(String node) {
        return RouteSpec.builder()
                .http2Route(h -> h.match(m -> m.path(p -> p.exact("/health")))
                        .action(a -> a.weightedTargets(t -> t.virtualNode(node).weight(1)))
                        .retryPolicy(r -> r.maxRetries(1L)
                                .perRetryTimeout(d -> d.unit(DurationUnit.S).value(1L))
                                .httpRetryEvents("stream-error")))
                .build();
    }

    static RouteSpec grpcRoute(String node) {
        return RouteSpec.builder()
                .grpcRoute(g -> g.match(m -> m.serviceName("orders.Orders").methodName("Get"))
                        .action(a -> a.weightedTargets(t -> t.virtualNode(node).weight(100)))
                        .retryPolicy(r -> r.maxRetries(3L)
                                .perRetryTimeout(d -> d.unit(DurationUnit.MS).value(100L))
                                .grpcRetryEventsWithStrings("unavailable", "deadline-exceeded")))
                .build();
    }

    static RouteSpec tcpRoute(String node) {
        return RouteSpec.builder()
                .tcpRoute(t -> t.action(
                                a -> a.weightedTargets(w -> w.virtualNode(node).weight(100)))
                        .timeout(to -> to.idle(d -> d.unit(DurationUnit.S).value(300L))))
                .build();
    }
}
