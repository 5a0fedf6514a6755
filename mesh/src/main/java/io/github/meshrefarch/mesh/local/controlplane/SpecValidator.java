package io.github.meshrefarch.mesh.local.controlplane;

import static io.github.meshrefarch.mesh.local.controlplane.Checks.duration;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.list;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.nameMember;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.optionalEnum;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.optionalRange;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.required;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.requiredEnum;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.requiredObject;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.requiredRange;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.requiredString;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.union;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks a resource's spec against App Mesh's rules, before anything is stored. Members it knows nothing about are left
 * alone (stored and returned as sent). References to other resources are checked by {@link MeshOperations}.
 */
final class SpecValidator {

    private SpecValidator() {}

    static void validate(ResourceType type, JsonNode spec) {
        Checks.object(spec, "spec");
        switch (type) {
            case MESH -> mesh(spec);
            case VIRTUAL_NODE -> virtualNode(spec);
            case VIRTUAL_ROUTER -> virtualRouter(spec);
            case ROUTE -> RouteSpecValidator.validate(spec);
            case VIRTUAL_SERVICE -> virtualService(spec);
        }
    }

    private static void mesh(JsonNode spec) {
        if (spec.has("egressFilter")) {
            requiredEnum(
                    requiredObject(spec, "spec", "egressFilter"),
                    "spec.egressFilter",
                    "type",
                    Set.of("ALLOW_ALL", "DROP_ALL"));
        }
        if (spec.has("serviceDiscovery")) {
            optionalEnum(
                    requiredObject(spec, "spec", "serviceDiscovery"),
                    "spec.serviceDiscovery",
                    "ipPreference",
                    Set.of("IPv6_PREFERRED", "IPv4_PREFERRED", "IPv4_ONLY", "IPv6_ONLY"));
        }
    }

    private static void virtualNode(JsonNode spec) {
        JsonNode listeners = list(spec, "spec", "listeners", 0, Integer.MAX_VALUE);
        for (int i = 0; i < listeners.size(); i++) {
            listener(listeners.get(i), "spec.listeners[%d]".formatted(i));
        }
        if (spec.has("serviceDiscovery")) {
            JsonNode discovery = requiredObject(spec, "spec", "serviceDiscovery");
            String kind = union(discovery, "spec.serviceDiscovery", true, "dns", "awsCloudMap");
            JsonNode chosen = requiredObject(discovery, "spec.serviceDiscovery", kind);
            String path = "spec.serviceDiscovery." + kind;
            if (kind.equals("dns")) {
                requiredString(chosen, path, "hostname");
                optionalEnum(chosen, path, "responseType", Set.of("LOADBALANCER", "ENDPOINTS"));
            } else {
                requiredString(chosen, path, "namespaceName");
                requiredString(chosen, path, "serviceName");
            }
        }
        NodePolicyChecks.node(spec);
        JsonNode backends = list(spec, "spec", "backends", 0, Integer.MAX_VALUE);
        for (int i = 0; i < backends.size(); i++) {
            String path = "spec.backends[%d]".formatted(i);
            Checks.object(backends.get(i), path);
            JsonNode service = requiredObject(backends.get(i), path, "virtualService");
            nameMember(service, path + ".virtualService", "virtualServiceName");
        }
    }

    private static void listener(JsonNode listener, String path) {
        Checks.object(listener, path);
        Checks.portMapping(listener, path);
        if (listener.has("healthCheck")) {
            JsonNode check = requiredObject(listener, path, "healthCheck");
            String at = path + ".healthCheck";
            requiredRange(check, at, "healthyThreshold", 2, 10);
            requiredRange(check, at, "unhealthyThreshold", 2, 10);
            requiredRange(check, at, "intervalMillis", 5000, 300000);
            requiredRange(check, at, "timeoutMillis", 2000, 60000);
            requiredEnum(check, at, "protocol", Checks.PROTOCOLS);
            optionalRange(check, at, "port", 1, 65535);
        }
        NodePolicyChecks.listener(listener, path);
        if (listener.has("timeout")) {
            JsonNode timeout = requiredObject(listener, path, "timeout");
            String kind = union(timeout, path + ".timeout", false, "http", "http2", "grpc", "tcp");
            if (kind != null) {
                JsonNode chosen = requiredObject(timeout, path + ".timeout", kind);
                duration(chosen, path + ".timeout." + kind, "idle");
                duration(chosen, path + ".timeout." + kind, "perRequest");
            }
        }
    }

    private static void virtualRouter(JsonNode spec) {
        JsonNode listeners = list(spec, "spec", "listeners", 0, Integer.MAX_VALUE);
        for (int i = 0; i < listeners.size(); i++) {
            String path = "spec.listeners[%d]".formatted(i);
            Checks.object(listeners.get(i), path);
            Checks.portMapping(listeners.get(i), path);
        }
    }

    private static void virtualService(JsonNode spec) {
        if (!spec.has("provider")) {
            return;
        }
        JsonNode provider = requiredObject(spec, "spec", "provider");
        String kind = union(provider, "spec.provider", true, "virtualNode", "virtualRouter");
        JsonNode chosen = requiredObject(provider, "spec.provider", kind);
        nameMember(chosen, "spec.provider." + kind, kind + "Name");
    }

    /** The name a virtual service's provider refers to, with its kind; null when the service has no provider. */
    static ResourceKey providerOf(String meshName, JsonNode spec) {
        JsonNode provider = spec.path("provider");
        if (provider.has("virtualNode")) {
            return ResourceKey.inMesh(
                    ResourceType.VIRTUAL_NODE,
                    meshName,
                    required(provider.get("virtualNode"), "", "virtualNodeName").asString());
        }
        if (provider.has("virtualRouter")) {
            return ResourceKey.inMesh(
                    ResourceType.VIRTUAL_ROUTER,
                    meshName,
                    required(provider.get("virtualRouter"), "", "virtualRouterName")
                            .asString());
        }
        return null;
    }
}
