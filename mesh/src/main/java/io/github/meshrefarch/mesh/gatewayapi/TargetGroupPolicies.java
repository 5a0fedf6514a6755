package io.github.meshrefarch.mesh.gatewayapi;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A virtual node's health check as a VPC Lattice TargetGroupPolicy (application-networking.k8s.aws
 * v1alpha1) on its Service. Lattice bounds differ from App Mesh's: values outside them are moved
 * to the nearest bound and the change is reported.
 */
final class TargetGroupPolicies {

    static final String API_VERSION = "application-networking.k8s.aws/v1alpha1";

    private TargetGroupPolicies() {}

    static GenericKubernetesResource policy(String mesh, String service, JsonNode nodeSpec, List<String> notes) {
        JsonNode listener = nodeSpec.path("listeners").path(0);
        boolean http2 =
                "http2".equals(listener.path("portMapping").path("protocol").asString(""));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("targetRef", Map.of("group", "", "kind", "Service", "name", service));
        spec.put("protocol", "HTTP");
        spec.put("protocolVersion", http2 ? "HTTP2" : "HTTP1");
        JsonNode check = listener.path("healthCheck");
        if (check.isObject()) {
            spec.put("healthCheck", healthCheck(check, notes));
        }
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind("TargetGroupPolicy")
                .withNewMetadata()
                .withName(service)
                .addToLabels(GatewayApiNames.MESH_LABEL, mesh)
                .addToLabels(GatewayApiNames.MANAGED_BY_LABEL, GatewayApiNames.MANAGED_BY)
                .endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }

    private static Map<String, Object> healthCheck(JsonNode check, List<String> notes) {
        Map<String, Object> health = new LinkedHashMap<>();
        String protocol = check.path("protocol").asString("http");
        health.put("enabled", true);
        health.put("protocol", "HTTP");
        health.put("protocolVersion", "http2".equals(protocol) ? "HTTP2" : "HTTP1");
        if (!"http".equals(protocol) && !"http2".equals(protocol)) {
            notes.add("healthCheck protocol " + protocol + ": VPC Lattice checks over HTTP; it becomes an HTTP check");
        }
        if (check.has("path")) {
            health.put("path", check.path("path").asString());
        }
        if (check.has("port")) {
            health.put("port", check.path("port").asInt());
        }
        health.put("intervalSeconds", bounded(check, "intervalMillis", 1000, 5, 300, "intervalSeconds", notes));
        health.put("timeoutSeconds", bounded(check, "timeoutMillis", 1000, 1, 120, "timeoutSeconds", notes));
        health.put(
                "healthyThresholdCount", bounded(check, "healthyThreshold", 1, 2, 10, "healthyThresholdCount", notes));
        health.put(
                "unhealthyThresholdCount",
                bounded(check, "unhealthyThreshold", 1, 2, 10, "unhealthyThresholdCount", notes));
        return health;
    }

    private static long bounded(
            JsonNode check, String field, long divisor, long min, long max, String to, List<String> notes) {
        long value = check.path(field).asLong(min * divisor) / divisor;
        long kept = Math.max(min, Math.min(max, value));
        if (kept != value) {
            notes.add("healthCheck." + field + " " + check.path(field).asLong() + " becomes " + to + " " + kept
                    + " (VPC Lattice allows " + min + ".." + max + ")");
        }
        return kept;
    }
}
