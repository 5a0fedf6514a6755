package io.github.meshrefarch.mesh.local.routetable;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A virtual service as App Mesh identifies it: by mesh and name. Two meshes may each have a virtual service named
 * {@code product.default.svc.cluster.local}; they are two virtual services, with their own routes.
 */
public record VirtualServiceKey(String meshName, String virtualServiceName) implements Comparable<VirtualServiceKey> {

    private static final Comparator<VirtualServiceKey> ORDER =
            Comparator.comparing(VirtualServiceKey::meshName).thenComparing(VirtualServiceKey::virtualServiceName);

    @Override
    public int compareTo(VirtualServiceKey other) {
        return ORDER.compare(this, other);
    }

    /** {@code <mesh>/<virtual service>}. */
    public String qualifiedName() {
        return meshName + "/" + virtualServiceName;
    }

    /**
     * Names for display: the virtual service's name when no other key of {@code keys} has that name, else its
     * {@linkplain #qualifiedName() qualified name}.
     */
    public static Map<VirtualServiceKey, String> labels(Collection<VirtualServiceKey> keys) {
        Map<String, Long> meshesPerName = keys.stream()
                .collect(Collectors.groupingBy(VirtualServiceKey::virtualServiceName, Collectors.counting()));
        Map<VirtualServiceKey, String> labels = new HashMap<>();
        keys.forEach(key -> labels.put(
                key, meshesPerName.get(key.virtualServiceName()) > 1 ? key.qualifiedName() : key.virtualServiceName()));
        return labels;
    }
}
