package io.github.meshrefarch.mesh.appmesh;

import io.github.meshrefarch.mesh.model.HttpTimeout;
import io.github.meshrefarch.mesh.model.Listener;
import io.github.meshrefarch.mesh.model.RetryPolicy;
import io.github.meshrefarch.mesh.model.Route;
import io.github.meshrefarch.mesh.model.VirtualNode;
import io.github.meshrefarch.mesh.model.VirtualRouter;
import io.github.meshrefarch.mesh.model.VirtualService;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import java.util.List;
import software.amazon.awssdk.services.appmesh.model.Backend;
import software.amazon.awssdk.services.appmesh.model.HttpRoute;
import software.amazon.awssdk.services.appmesh.model.PortMapping;
import software.amazon.awssdk.services.appmesh.model.RouteData;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeData;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeSpec;
import software.amazon.awssdk.services.appmesh.model.VirtualRouterData;
import software.amazon.awssdk.services.appmesh.model.VirtualRouterListener;
import software.amazon.awssdk.services.appmesh.model.VirtualRouterSpec;
import software.amazon.awssdk.services.appmesh.model.VirtualServiceData;
import software.amazon.awssdk.services.appmesh.model.VirtualServiceSpec;

/**
 * Maps the model to App Mesh specs and back. Only what meshctl manages is mapped: DNS service
 * discovery, one listener, virtual service backends, HTTP prefix routes with weighted targets, a
 * retry policy and timeouts, virtual services provided by a router. Other spec fields read back are ignored here (see
 * {@link UnmanagedFields}); updates keep them ({@link RouteEdits}, {@link SpecEdits}).
 */
final class AppMeshSpecs {

    private AppMeshSpecs() {}

    static VirtualNodeSpec toSpec(VirtualNode node) {
        return VirtualNodeSpec.builder()
                .serviceDiscovery(d -> d.dns(dns -> dns.hostname(node.hostname())))
                .listeners(l -> l.portMapping(portMapping(node.listener())))
                .backends(node.backends().stream()
                        .map(name -> Backend.builder()
                                .virtualService(vs -> vs.virtualServiceName(name))
                                .build())
                        .toList())
                .build();
    }

    static VirtualNode fromData(VirtualNodeData data) {
        VirtualNodeSpec spec = data.spec();
        String hostname =
                spec.serviceDiscovery() != null && spec.serviceDiscovery().dns() != null
                        ? spec.serviceDiscovery().dns().hostname()
                        : null;
        Listener listener = spec.listeners().stream()
                .findFirst()
                .map(l -> listener(l.portMapping()))
                .orElse(null);
        List<String> backends = spec.backends().stream()
                .filter(backend -> backend.virtualService() != null)
                .map(backend -> backend.virtualService().virtualServiceName())
                .toList();
        return new VirtualNode(data.virtualNodeName(), hostname, listener, backends);
    }

    static VirtualRouterSpec toSpec(VirtualRouter router) {
        return VirtualRouterSpec.builder()
                .listeners(VirtualRouterListener.builder()
                        .portMapping(portMapping(router.listener()))
                        .build())
                .build();
    }

    static VirtualRouter fromData(VirtualRouterData data) {
        Listener listener = data.spec().listeners().stream()
                .findFirst()
                .map(l -> listener(l.portMapping()))
                .orElse(null);
        return new VirtualRouter(data.virtualRouterName(), listener);
    }

    static RouteSpec toSpec(Route route) {
        return RouteSpec.builder()
                .httpRoute(http -> http.match(m -> m.prefix(route.prefix()))
                        .action(a -> a.weightedTargets(route.weightedTargets().stream()
                                .map(t -> software.amazon.awssdk.services.appmesh.model.WeightedTarget.builder()
                                        .virtualNode(t.virtualNode())
                                        .weight(t.weight())
                                        .build())
                                .toList()))
                        .retryPolicy(RouteRules.toSdk(route.retryPolicy()))
                        .timeout(RouteRules.toSdk(route.timeout())))
                .build();
    }

    /**
     * A route of any kind reads back with its weighted targets, retry policy and timeout. A route without a prefix match
     * (a path match, a gRPC or TCP route) reads back with the default prefix: its match is not meshctl's, and {@link
     * UnmanagedFields} reports it.
     */
    static Route fromData(RouteData data) {
        RouteSpec spec = data.spec();
        HttpRoute http = spec.httpRoute() != null ? spec.httpRoute() : spec.http2Route();
        List<software.amazon.awssdk.services.appmesh.model.WeightedTarget> targets = List.of();
        String prefix = null;
        RetryPolicy retryPolicy = null;
        HttpTimeout timeout = null;
        if (http != null) {
            targets = http.action().weightedTargets();
            prefix = http.match() == null ? null : http.match().prefix();
            retryPolicy = RouteRules.fromSdk(http.retryPolicy());
            timeout = RouteRules.fromSdk(http.timeout());
        } else if (spec.grpcRoute() != null) {
            targets = spec.grpcRoute().action().weightedTargets();
            retryPolicy = RouteRules.fromSdk(spec.grpcRoute().retryPolicy());
            timeout = RouteRules.fromSdk(spec.grpcRoute().timeout());
        } else if (spec.tcpRoute() != null) {
            targets = spec.tcpRoute().action().weightedTargets();
            var tcp = spec.tcpRoute().timeout();
            timeout = tcp == null ? null : RouteRules.timeout(null, tcp.idle());
        }
        return new Route(
                data.routeName(),
                data.virtualRouterName(),
                prefix,
                targets.stream()
                        .map(t -> new WeightedTarget(t.virtualNode(), t.weight()))
                        .toList(),
                null,
                retryPolicy,
                timeout);
    }

    static VirtualServiceSpec toSpec(VirtualService service) {
        return VirtualServiceSpec.builder()
                .provider(p -> p.virtualRouter(r -> r.virtualRouterName(service.virtualRouter())))
                .build();
    }

    static VirtualService fromData(VirtualServiceData data) {
        var provider = data.spec().provider();
        String router = provider != null && provider.virtualRouter() != null
                ? provider.virtualRouter().virtualRouterName()
                : null;
        return new VirtualService(data.virtualServiceName(), router);
    }

    private static PortMapping portMapping(Listener listener) {
        return PortMapping.builder()
                .port(listener.port())
                .protocol(listener.protocol())
                .build();
    }

    private static Listener listener(PortMapping mapping) {
        return new Listener(mapping.port(), mapping.protocolAsString());
    }
}
