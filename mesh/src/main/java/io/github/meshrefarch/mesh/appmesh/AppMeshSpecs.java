package io.github.meshrefarch.mesh.appmesh;

import io.github.meshrefarch.mesh.model.Listener;
import io.github.meshrefarch.mesh.model.Route;
import io.github.meshrefarch.mesh.model.VirtualNode;
import io.github.meshrefarch.mesh.model.VirtualRouter;
import io.github.meshrefarch.mesh.model.VirtualService;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import java.util.List;
import java.util.Optional;
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
 * retry policy and timeouts, virtual services provided by a router. Other spec fields read back are ignored.
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

    /** A route that is not an HTTP prefix route reads back with no prefix, so a plan updates it. */
    static Route fromData(RouteData data) {
        Optional<HttpRoute> http = Optional.ofNullable(data.spec().httpRoute());
        String prefix =
                http.map(h -> h.match() == null ? null : h.match().prefix()).orElse("");
        List<WeightedTarget> targets = http.map(h -> h.action().weightedTargets().stream()
                        .map(t -> new WeightedTarget(t.virtualNode(), t.weight()))
                        .toList())
                .orElse(List.of());
        return new Route(
                data.routeName(),
                data.virtualRouterName(),
                prefix == null ? "" : prefix,
                targets,
                null,
                http.map(h -> RouteRules.fromSdk(h.retryPolicy())).orElse(null),
                http.map(h -> RouteRules.fromSdk(h.timeout())).orElse(null));
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
