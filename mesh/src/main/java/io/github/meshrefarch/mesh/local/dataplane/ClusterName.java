package io.github.meshrefarch.mesh.local.dataplane;

/**
 * The Envoy cluster of a weighted target as App Mesh names it in a client's Envoy: the egress cluster of the target
 * virtual node's listener, {@code cds_egress_<mesh>_<virtualNode>_http_<port>}. Metrics are labelled with it
 * ({@code envoy_cluster_name}), so a query written for App Mesh's Envoy finds the local data plane's figures.
 */
public record ClusterName(String meshName, String virtualNodeName, int port) {

    public String envoyName() {
        return "cds_egress_" + meshName + "_" + virtualNodeName + "_http_" + port;
    }
}
