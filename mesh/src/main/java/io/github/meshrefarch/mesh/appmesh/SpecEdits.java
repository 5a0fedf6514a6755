package io.github.meshrefarch.mesh.appmesh;

import io.github.meshrefarch.mesh.model.VirtualNode;
import io.github.meshrefarch.mesh.model.VirtualRouter;
import io.github.meshrefarch.mesh.model.VirtualService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.appmesh.model.Backend;
import software.amazon.awssdk.services.appmesh.model.DnsServiceDiscovery;
import software.amazon.awssdk.services.appmesh.model.Listener;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeSpec;
import software.amazon.awssdk.services.appmesh.model.VirtualRouterListener;
import software.amazon.awssdk.services.appmesh.model.VirtualRouterSpec;
import software.amazon.awssdk.services.appmesh.model.VirtualServiceSpec;

/**
 * Read-change-write for virtual nodes, routers and services (routes: {@link RouteEdits}): the current spec with only
 * what meshctl manages changed. A node keeps its health checks, TLS, outlier detection, connection pools and timeouts
 * (on its first listener too), its other listeners, logging, backend defaults and each kept backend's client policy.
 */
final class SpecEdits {

    private SpecEdits() {}

    /**
     * Managed: the DNS hostname (its response type and IP preference kept), the first listener's port mapping, and the
     * virtual service backends by name.
     */
    static VirtualNodeSpec node(VirtualNodeSpec current, VirtualNode desired) {
        var discovery = current.serviceDiscovery();
        DnsServiceDiscovery.Builder dns = discovery != null && discovery.dns() != null
                ? discovery.dns().toBuilder()
                : DnsServiceDiscovery.builder();
        var portMapping = AppMeshSpecs.toSpec(desired).listeners().get(0).portMapping();
        List<Listener> listeners = new ArrayList<>(current.listeners());
        if (listeners.isEmpty()) {
            listeners.add(Listener.builder().portMapping(portMapping).build());
        } else {
            listeners.set(
                    0, listeners.get(0).toBuilder().portMapping(portMapping).build());
        }
        List<Backend> backends = desired.backends().stream()
                .map(name -> current.backends().stream()
                        .filter(backend -> backend.virtualService() != null
                                && Objects.equals(backend.virtualService().virtualServiceName(), name))
                        .findFirst()
                        .orElseGet(() -> Backend.builder()
                                .virtualService(service -> service.virtualServiceName(name))
                                .build()))
                .toList();
        return current.toBuilder()
                .serviceDiscovery(d -> d.dns(dns.hostname(desired.hostname()).build()))
                .listeners(listeners)
                .backends(backends)
                .build();
    }

    /** Managed: the first listener's port mapping. */
    static VirtualRouterSpec router(VirtualRouterSpec current, VirtualRouter desired) {
        var portMapping = AppMeshSpecs.toSpec(desired).listeners().get(0).portMapping();
        List<VirtualRouterListener> listeners = new ArrayList<>(current.listeners());
        if (listeners.isEmpty()) {
            listeners.add(
                    VirtualRouterListener.builder().portMapping(portMapping).build());
        } else {
            listeners.set(
                    0, listeners.get(0).toBuilder().portMapping(portMapping).build());
        }
        return current.toBuilder().listeners(listeners).build();
    }

    /** Managed: the provider, a virtual router. */
    static VirtualServiceSpec service(VirtualServiceSpec current, VirtualService desired) {
        return current.toBuilder()
                .provider(AppMeshSpecs.toSpec(desired).provider())
                .build();
    }
}
