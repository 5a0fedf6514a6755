package io.github.meshrefarch.mesh.local.routetable;

/**
 * A weighted target resolved to where its virtual node listens.
 *
 * @param virtualNodeName the target virtual node
 * @param hostname the node's service discovery DNS hostname (e.g. {@code product-v15.default.svc.cluster.local}),
 *     or null when the node has no DNS service discovery
 * @param port the node's first listener port (8080 in the walkthrough)
 * @param weight 0..100
 */
public record WeightedBackend(String virtualNodeName, String hostname, int port, int weight) {}
