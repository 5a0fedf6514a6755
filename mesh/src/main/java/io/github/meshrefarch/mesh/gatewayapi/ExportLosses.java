package io.github.meshrefarch.mesh.gatewayapi;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What an App Mesh spec holds that the exported Gateway API objects cannot carry, one sentence
 * each, so that nothing is dropped silently. Pure.
 */
final class ExportLosses {

    private ExportLosses() {}

    static List<String> ofNode(JsonNode spec, boolean lattice) {
        List<String> lost = new ArrayList<>();
        for (JsonNode listener : spec.path("listeners")) {
            if (listener.has("outlierDetection")) {
                lost.add("outlierDetection: standard Gateway API has no outlier detection");
            }
            if (listener.has("connectionPool")) {
                lost.add("connectionPool: standard Gateway API has no connection pool limits");
            }
            if (listener.has("timeout")) {
                lost.add("listener timeout: standard Gateway API has no listener timeouts");
            }
            if (listener.has("tls")) {
                lost.add("listener tls: terminate TLS with the mesh's own mTLS (or a Gateway listener)");
            }
            if (listener.has("healthCheck") && !lattice) {
                lost.add("healthCheck: GAMMA has no health check; use the Deployment's readinessProbe");
            }
        }
        if (spec.path("backendDefaults").has("clientPolicy")) {
            lost.add("backendDefaults.clientPolicy (client TLS): not in standard Gateway API");
        }
        if (!spec.path("backends").isEmpty()) {
            lost.add("backends (the allow-list of virtual services it calls): "
                    + (lattice ? "write an IAMAuthPolicy" : "use the mesh's authorization policy"));
        }
        if (spec.has("logging")) {
            lost.add("logging: configure access logs in the mesh or Lattice itself");
        }
        return lost;
    }

    static List<String> ofRoute(JsonNode spec, boolean lattice) {
        List<String> lost = new ArrayList<>();
        for (String other : List.of("http2Route", "grpcRoute", "tcpRoute")) {
            if (spec.has(other)) {
                lost.add(other + ": only httpRoute becomes an HTTPRoute rule");
            }
        }
        JsonNode http = spec.path("httpRoute");
        JsonNode match = http.path("match");
        if (match.has("headers")) {
            lost.add("match.headers: header prefix, suffix, range, regex and invert matches have no equivalent"
                    + " (meshctl maps only the path prefix)");
        }
        if (match.has("method")) {
            lost.add("match.method: meshctl maps only the path prefix");
        }
        if (match.has("queryParameters")) {
            lost.add("match.queryParameters: " + (lattice ? "VPC Lattice has no query matches" : "not mapped"));
        }
        if (match.has("path")) {
            lost.add("match.path (exact or regex): meshctl maps only the prefix");
        }
        if (http.has("retryPolicy")) {
            lost.add("retryPolicy: "
                    + (lattice
                            ? "the VPC Lattice controller ignores rules[].retry"
                            : "rules[].retry is experimental-channel only; set retries in the mesh"));
        }
        if (http.has("timeout")) {
            lost.add("timeout: "
                    + (lattice
                            ? "the VPC Lattice controller does not implement rules[].timeouts"
                            : "not carried yet; set rules[].timeouts by hand"));
        }
        if (spec.has("priority")) {
            lost.add("priority: "
                    + (lattice ? "VPC Lattice has no route precedence" : "rules follow HTTPRoute precedence"));
        }
        return lost;
    }
}
