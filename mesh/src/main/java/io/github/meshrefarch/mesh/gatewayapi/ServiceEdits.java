package io.github.meshrefarch.mesh.gatewayapi;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.github.meshrefarch.mesh.model.Listener;
import io.github.meshrefarch.mesh.model.VirtualNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Edits of the Services of virtual nodes and of the Lattice Gateway. A virtual node is the Service
 * its hostname names; meshctl adopts a Service that exists (the workloads' own, from {@code
 * k8s/base}) by labelling it, and creates one only when it is missing.
 */
final class ServiceEdits {

    private ServiceEdits() {}

    static Service ensureNode(Service current, String mesh, String namespace, VirtualNode node) {
        Service service = current;
        if (service == null) {
            service = new Service();
            service.setMetadata(new ObjectMetaBuilder()
                    .withName(GatewayApiNames.serviceName(node.hostname()))
                    .withNamespace(namespace)
                    .addToLabels(GatewayApiNames.MANAGED_BY_LABEL, GatewayApiNames.MANAGED_BY)
                    .build());
            ServiceSpec spec = new ServiceSpec();
            spec.setType("ClusterIP");
            spec.setSessionAffinity("None");
            service.setSpec(spec);
        }
        Map<String, String> labels = service.getMetadata().getLabels();
        labels.put(GatewayApiNames.MESH_LABEL, mesh);
        labels.put(GatewayApiNames.NODE_LABEL, node.name());
        Map<String, String> annotations = service.getMetadata().getAnnotations();
        annotations.put(GatewayApiNames.HOSTNAME_ANNOTATION, node.hostname());
        annotations.put(GatewayApiNames.LISTENER_ANNOTATION, HttpRouteEdits.listenerText(node.listener()));
        if (node.backends().isEmpty()) {
            annotations.remove(GatewayApiNames.BACKENDS_ANNOTATION);
        } else {
            annotations.put(GatewayApiNames.BACKENDS_ANNOTATION, String.join(",", node.backends()));
        }
        ensurePort(service.getSpec().getPorts(), node.listener().port());
        return service;
    }

    /** Deletes a Service meshctl created (null); one it adopted loses only meshctl's labels and annotations. */
    static Service removeNode(Service service) {
        if (createdByMeshctl(service.getMetadata().getLabels())) {
            return null;
        }
        service.getMetadata().getLabels().remove(GatewayApiNames.MESH_LABEL);
        service.getMetadata().getLabels().remove(GatewayApiNames.NODE_LABEL);
        List.of(
                        GatewayApiNames.HOSTNAME_ANNOTATION,
                        GatewayApiNames.LISTENER_ANNOTATION,
                        GatewayApiNames.BACKENDS_ANNOTATION)
                .forEach(service.getMetadata().getAnnotations()::remove);
        return service;
    }

    static VirtualNode node(Service service, String namespace) {
        Map<String, String> annotations = service.getMetadata().getAnnotations();
        String hostname = annotations.getOrDefault(
                GatewayApiNames.HOSTNAME_ANNOTATION,
                service.getMetadata().getName() + "." + namespace + ".svc.cluster.local");
        Listener listener = HttpRouteEdits.parseListener(annotations.get(GatewayApiNames.LISTENER_ANNOTATION));
        String backends = annotations.get(GatewayApiNames.BACKENDS_ANNOTATION);
        return new VirtualNode(
                service.getMetadata().getLabels().get(GatewayApiNames.NODE_LABEL),
                hostname,
                listener,
                backends == null || backends.isBlank() ? List.of() : Arrays.asList(backends.split(",")));
    }

    /** The Lattice service network of the mesh: a Gateway of class amazon-vpc-lattice with one HTTP listener. */
    static Gateway ensureGateway(Gateway current, String mesh, String namespace, String name) {
        Gateway gateway = current;
        if (gateway == null) {
            gateway = new GatewayBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .addToLabels(GatewayApiNames.MANAGED_BY_LABEL, GatewayApiNames.MANAGED_BY)
                    .endMetadata()
                    .withNewSpec()
                    .withGatewayClassName(GatewayApiNames.LATTICE_CLASS)
                    .addNewListener()
                    .withName(GatewayApiNames.GATEWAY_LISTENER)
                    .withProtocol("HTTP")
                    .withPort(80)
                    .endListener()
                    .endSpec()
                    .build();
        }
        gateway.getMetadata().getLabels().put(GatewayApiNames.MESH_LABEL, mesh);
        return gateway;
    }

    static Gateway removeGateway(Gateway gateway) {
        if (createdByMeshctl(gateway.getMetadata().getLabels())) {
            return null;
        }
        gateway.getMetadata().getLabels().remove(GatewayApiNames.MESH_LABEL);
        return gateway;
    }

    private static boolean createdByMeshctl(Map<String, String> labels) {
        return GatewayApiNames.MANAGED_BY.equals(labels.get(GatewayApiNames.MANAGED_BY_LABEL));
    }

    private static void ensurePort(List<ServicePort> ports, int port) {
        if (ports.stream().anyMatch(p -> p.getPort() != null && p.getPort() == port)) {
            return;
        }
        boolean httpTaken = ports.stream().anyMatch(p -> "http".equals(p.getName()));
        ports.add(new ServicePortBuilder()
                .withName(httpTaken ? "http-" + port : "http")
                .withPort(port)
                .withTargetPort(new IntOrString(port))
                .withProtocol("TCP")
                .build());
    }
}
