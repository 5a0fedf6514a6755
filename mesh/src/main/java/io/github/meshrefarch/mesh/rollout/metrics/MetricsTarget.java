package io.github.meshrefarch.mesh.rollout.metrics;

/**
 * Whose traffic a rollout measures.
 *
 * @param mesh the mesh
 * @param canary the canary's virtual node
 * @param baseline the baseline's virtual node
 */
public record MetricsTarget(String mesh, String canary, String baseline) {

    /** The Envoy cluster name prefix of a virtual node: {@code cds_egress_<mesh>_<node>_http_}, then its port. */
    public String clusterPrefix(String node) {
        return "cds_egress_" + mesh + "_" + node + "_http_";
    }
}
