package io.github.meshrefarch.mesh.local.workloads;

import java.util.Map;

/**
 * One workload of the walkthrough, the local counterpart of a Kubernetes Deployment and its Service: a service jar
 * run with its environment, reachable under the DNS hostname its virtual node names.
 *
 * @param name the workload (and Kubernetes Service) name, e.g. {@code product-v15}
 * @param module the Maven module whose jar runs it, e.g. {@code product-service}
 * @param serviceName the {@code SERVICE_NAME} it reports, e.g. {@code Product}
 * @param version the {@code SERVICE_VERSION} it reports, e.g. {@code 1.5}
 * @param virtualNode the virtual node it serves, e.g. {@code product-v15-vn}
 * @param port the port it listens on locally
 * @param environment further environment variables (fault injection, for example)
 */
public record Workload(
        String name,
        String module,
        String serviceName,
        String version,
        String virtualNode,
        int port,
        Map<String, String> environment) {

    public static final String NAMESPACE_DOMAIN = ".default.svc.cluster.local";

    public Workload {
        environment = Map.copyOf(environment);
    }

    /** The hostname its virtual node's DNS service discovery names, as Kubernetes would resolve it. */
    public String hostname() {
        return name + NAMESPACE_DOMAIN;
    }

    public Workload withPort(int newPort) {
        return new Workload(name, module, serviceName, version, virtualNode, newPort, environment);
    }

    public Workload withEnvironment(Map<String, String> extra) {
        var merged = new java.util.HashMap<>(environment);
        merged.putAll(extra);
        return new Workload(name, module, serviceName, version, virtualNode, port, merged);
    }
}
