package io.github.meshrefarch.mesh.model;

import java.util.List;

/**
 * A virtual node: one version of a workload, found by its DNS hostname, with the virtual
 * services it calls as backends.
 */
public record VirtualNode(String name, String hostname, Listener listener, List<String> backends)
        implements MeshResource {

    public VirtualNode {
        listener = listener == null ? Listener.HTTP_8080 : listener;
        backends = backends == null ? List.of() : List.copyOf(backends);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.VIRTUAL_NODE;
    }

    @Override
    public boolean sameSpecAs(MeshResource other) {
        return other instanceof VirtualNode node
                && name.equals(node.name)
                && hostname.equals(node.hostname)
                && listener.equals(node.listener)
                && backends.stream()
                        .sorted()
                        .toList()
                        .equals(node.backends.stream().sorted().toList());
    }
}
