package io.github.meshrefarch.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What the manifests must agree with in the mesh that meshctl applies: the mesh name, each virtual node's DNS
 * hostname and the virtual services. Read from {@code mesh/demomesh.yaml} when the repository has it, otherwise
 * {@link #EXPECTED}, the walkthrough's names: the one place in these tests that spells them out.
 *
 * @param virtualNodeListenerPorts each virtual node's listener port (App Mesh's and meshctl's default: 8080)
 * @param source where the description came from, for failure messages
 */
record MeshDescription(
        String meshName,
        Map<String, String> virtualNodeHostnames,
        Map<String, Integer> virtualNodeListenerPorts,
        Set<String> virtualServices,
        String source) {

    static final int DEFAULT_LISTENER_PORT = 8080;

    static final MeshDescription EXPECTED = new MeshDescription(
            "demomesh",
            Map.of(
                    "order-vn", "order.default.svc.cluster.local",
                    "product-vn", "product.default.svc.cluster.local",
                    "customer-vn", "customer.default.svc.cluster.local",
                    "product-v15-vn", "product-v15.default.svc.cluster.local",
                    "customer-v2-vn", "customer-v2.default.svc.cluster.local"),
            Map.of(
                    "order-vn", DEFAULT_LISTENER_PORT,
                    "product-vn", DEFAULT_LISTENER_PORT,
                    "customer-vn", DEFAULT_LISTENER_PORT,
                    "product-v15-vn", DEFAULT_LISTENER_PORT,
                    "customer-v2-vn", DEFAULT_LISTENER_PORT),
            Set.of("product.default.svc.cluster.local", "customer.default.svc.cluster.local"),
            "the table in MeshDescription.EXPECTED (mesh/demomesh.yaml is not in this checkout)");

    private static final YAMLMapper YAML = new YAMLMapper();

    /** The description in {@code mesh/demomesh.yaml} when present, else {@link #EXPECTED}. */
    static MeshDescription load() {
        Path file = ProjectLayout.meshDescription();
        return Files.isRegularFile(file) ? parse(YAML.readTree(file.toFile()), "mesh/demomesh.yaml") : EXPECTED;
    }

    /**
     * Reads the names without depending on the exact layout of the file: a virtual node is any mapping named
     * {@code *-vn} (by {@code name} or {@code virtualNodeName}) holding a {@code hostname} somewhere inside, and
     * maybe a {@code listener} with a {@code port} (or a list of {@code listeners}: the first counts); a virtual
     * service is any mapping named with a cluster DNS name ({@code *.svc.cluster.local}); the mesh name is the
     * top-level {@code mesh} (a string, or a mapping with a {@code name}) or {@code meshName}.
     */
    static MeshDescription parse(JsonNode root, String source) {
        Map<String, String> hostnames = new TreeMap<>();
        Map<String, Integer> ports = new TreeMap<>();
        Set<String> virtualServices = new TreeSet<>();
        collect(root, hostnames, ports, virtualServices);
        return new MeshDescription(meshName(root).orElse(""), hostnames, ports, virtualServices, source);
    }

    private static Optional<String> meshName(JsonNode root) {
        JsonNode mesh = root.path("mesh");
        if (mesh.isString()) {
            return Optional.of(mesh.asString());
        }
        if (mesh.path("name").isString()) {
            return Optional.of(mesh.path("name").asString());
        }
        JsonNode meshName = root.path("meshName");
        return meshName.isString() ? Optional.of(meshName.asString()) : Optional.empty();
    }

    private static void collect(
            JsonNode node, Map<String, String> hostnames, Map<String, Integer> ports, Set<String> virtualServices) {
        if (node.isObject()) {
            name(node).ifPresent(name -> {
                if (name.endsWith("-vn")) {
                    hostname(node).ifPresent(hostname -> hostnames.put(name, hostname));
                    ports.put(name, listenerPort(node));
                } else if (name.endsWith(".svc.cluster.local")) {
                    virtualServices.add(name);
                }
            });
        }
        for (JsonNode child : node) {
            collect(child, hostnames, ports, virtualServices);
        }
    }

    private static int listenerPort(JsonNode virtualNode) {
        JsonNode listener =
                virtualNode.has("listeners") ? virtualNode.path("listeners").path(0) : virtualNode.path("listener");
        JsonNode port =
                listener.has("portMapping") ? listener.path("portMapping").path("port") : listener.path("port");
        return port.isNumber() ? port.asInt() : DEFAULT_LISTENER_PORT;
    }

    private static Optional<String> name(JsonNode node) {
        for (String key : new String[] {"name", "virtualNodeName", "virtualServiceName"}) {
            if (node.path(key).isString()) {
                return Optional.of(node.path(key).asString());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> hostname(JsonNode node) {
        if (node.path("hostname").isString()) {
            return Optional.of(node.path("hostname").asString());
        }
        for (JsonNode child : node) {
            if (child.isContainer()) {
                Optional<String> found = hostname(child);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
