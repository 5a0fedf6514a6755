package io.github.meshrefarch.mesh.local.controlplane;

import static io.github.meshrefarch.mesh.local.controlplane.Checks.duration;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.list;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.required;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.requiredEnum;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.requiredObject;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.requiredRange;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.requiredString;
import static io.github.meshrefarch.mesh.local.controlplane.Checks.union;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * App Mesh's rules for a virtual node's policies, the fields other tools set and meshctl keeps as they are: a
 * listener's TLS and outlier detection, the node's access log and backend defaults. Only the required members, enums,
 * ranges and unions are checked, as App Mesh's API model gives them; the rest is stored as sent.
 */
final class NodePolicyChecks {

    private NodePolicyChecks() {}

    static void listener(JsonNode listener, String path) {
        if (listener.has("tls")) {
            String at = path + ".tls";
            JsonNode tls = requiredObject(listener, path, "tls");
            requiredEnum(tls, at, "mode", Set.of("STRICT", "PERMISSIVE", "DISABLED"));
            JsonNode certificate = requiredObject(tls, at, "certificate");
            String kind = union(certificate, at + ".certificate", true, "acm", "file", "sds");
            JsonNode chosen = requiredObject(certificate, at + ".certificate", kind);
            String where = at + ".certificate." + kind;
            switch (kind) {
                case "acm" -> requiredString(chosen, where, "certificateArn");
                case "file" -> {
                    requiredString(chosen, where, "certificateChain");
                    requiredString(chosen, where, "privateKey");
                }
                default -> requiredString(chosen, where, "secretName");
            }
        }
        if (listener.has("outlierDetection")) {
            String at = path + ".outlierDetection";
            JsonNode outlier = requiredObject(listener, path, "outlierDetection");
            requiredRange(outlier, at, "maxServerErrors", 1, Long.MAX_VALUE);
            requiredRange(outlier, at, "maxEjectionPercent", 0, 100);
            requiredDuration(outlier, at, "interval");
            requiredDuration(outlier, at, "baseEjectionDuration");
        }
    }

    static void node(JsonNode spec) {
        JsonNode accessLog = spec.path("logging").path("accessLog");
        if (!accessLog.isMissingNode() && !accessLog.isNull()) {
            String at = "spec.logging.accessLog";
            Checks.object(accessLog, at);
            if (union(accessLog, at, false, "file") != null) {
                String file = requiredString(requiredObject(accessLog, at, "file"), at + ".file", "path");
                Checks.name(at + ".file.path", file);
            }
        }
        JsonNode tls = spec.path("backendDefaults").path("clientPolicy").path("tls");
        if (!tls.isMissingNode() && !tls.isNull()) {
            String at = "spec.backendDefaults.clientPolicy.tls";
            Checks.object(tls, at);
            JsonNode trust = requiredObject(requiredObject(tls, at, "validation"), at + ".validation", "trust");
            union(trust, at + ".validation.trust", true, "acm", "file", "sds");
            list(tls, at, "ports", 0, Integer.MAX_VALUE);
        }
    }

    private static void requiredDuration(JsonNode parent, String path, String member) {
        required(parent, path, member);
        duration(parent, path, member);
    }
}
