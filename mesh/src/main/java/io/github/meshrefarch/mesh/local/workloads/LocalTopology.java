package io.github.meshrefarch.mesh.local.workloads;

import io.github.meshrefarch.mesh.model.InvalidInputException;
import io.github.meshrefarch.mesh.model.MeshDescription;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where everything of the local mode listens, and which workloads exist: the local stand-in for the cluster's
 * Deployments and Services in {@code k8s/}.
 *
 * <p>Workloads reach virtual services by the same URLs as on Kubernetes ({@code
 * http://product.default.svc.cluster.local:8080}); the local mode rewrites such a URL to the data plane's listener for
 * that virtual service, which is what the sidecar's traffic interception does on a cluster.
 *
 * @param controlPlanePort the local App Mesh endpoint's port
 * @param listenerPorts virtual service name to the port of its data plane listener
 * @param adminPort the data plane's admin listener (Envoy's admin interface), 0 for a free one
 * @param workloads every workload that can be deployed, by name
 * @param initialWorkloads the workloads {@code local up} starts (the walkthrough's v1 set)
 */
public record LocalTopology(
        int controlPlanePort,
        Map<String, Integer> listenerPorts,
        int adminPort,
        Map<String, Workload> workloads,
        List<String> initialWorkloads) {

    public static final int DEFAULT_CONTROL_PLANE_PORT = 9080;

    /** Envoy's admin port, where App Mesh's sidecar serves its statistics. */
    public static final int DEFAULT_ADMIN_PORT = 9901;

    public LocalTopology {
        listenerPorts = Map.copyOf(listenerPorts);
        workloads = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(workloads));
        initialWorkloads = List.copyOf(initialWorkloads);
    }

    /** The first workload's port: order's in the walkthrough, the load balancer's role. */
    public static final int FIRST_WORKLOAD_PORT = 8080;

    /**
     * The local mode of a mesh description (the walkthrough's is {@code mesh/demomesh.yaml}): one workload per virtual
     * node (see {@link DescribedWorkloads} for names, versions and ports), one data plane listener per virtual service
     * on the ports after the control plane's, and {@code local up} starting the 1.0 workloads.
     */
    public static LocalTopology of(MeshDescription description) {
        Map<String, Workload> workloads = DescribedWorkloads.of(description, FIRST_WORKLOAD_PORT);
        Map<String, Integer> listeners = new LinkedHashMap<>();
        description
                .virtualServices()
                .forEach(service -> listeners.put(service.name(), DEFAULT_CONTROL_PLANE_PORT + 1 + listeners.size()));
        return new LocalTopology(
                DEFAULT_CONTROL_PLANE_PORT,
                listeners,
                DEFAULT_ADMIN_PORT,
                workloads,
                workloads.values().stream()
                        .filter(w -> w.version().equals(DescribedWorkloads.FIRST_VERSION))
                        .map(Workload::name)
                        .toList());
    }

    /** The named workload; an unknown name is invalid input, reported with the names that exist. */
    public Workload workload(String name) {
        Workload workload = workloads.get(name);
        if (workload == null) {
            throw new InvalidInputException(
                    "unknown workload '" + name + "'; known workloads: " + String.join(", ", workloads.keySet()));
        }
        return workload;
    }

    /** A copy with other ports, e.g. free ones for tests; the admin listener then takes a free port too. */
    public LocalTopology withPorts(
            int controlPlane, Map<String, Integer> listeners, Map<String, Integer> workloadPorts) {
        var moved = new LinkedHashMap<String, Workload>();
        workloads.forEach((name, w) -> moved.put(name, w.withPort(workloadPorts.getOrDefault(name, w.port()))));
        return new LocalTopology(controlPlane, listeners, 0, moved, initialWorkloads);
    }

    /** A copy whose admin listener binds {@code port} (0: a free one, found in the state file once started). */
    public LocalTopology withAdminPort(int port) {
        return new LocalTopology(controlPlanePort, listenerPorts, port, workloads, initialWorkloads);
    }

    /** The environment a workload process gets: the service contract variables plus its own, URLs rewritten. */
    public Map<String, String> environmentOf(Workload workload) {
        var environment = new HashMap<String, String>();
        workload.environment().forEach((key, value) -> environment.put(key, rewrite(value)));
        environment.put("SERVICE_NAME", workload.serviceName());
        environment.put("SERVICE_VERSION", workload.version());
        environment.put("SERVER_PORT", Integer.toString(workload.port()));
        return environment;
    }

    /** Points a URL at a virtual service to that virtual service's data plane listener; other values unchanged. */
    String rewrite(String value) {
        if (!value.startsWith("http://")) {
            return value;
        }
        URI uri = URI.create(value);
        Integer listener = listenerPorts.get(uri.getHost());
        if (listener == null) {
            return value;
        }
        return "http://127.0.0.1:" + listener + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** Every port the local mode binds by default, for the check that they are free before starting. */
    public List<Integer> allPorts() {
        var ports = new ArrayList<Integer>();
        ports.add(controlPlanePort);
        ports.addAll(listenerPorts.values());
        if (adminPort != 0) {
            ports.add(adminPort);
        }
        workloads.values().forEach(w -> ports.add(w.port()));
        return ports;
    }
}
