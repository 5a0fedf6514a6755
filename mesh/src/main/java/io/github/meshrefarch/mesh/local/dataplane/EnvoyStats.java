package io.github.meshrefarch.mesh.local.dataplane;

import io.github.meshrefarch.mesh.local.routetable.RouteTable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The data plane's Envoy-style statistics: one {@link ClusterStats} per cluster, created on first use. */
final class EnvoyStats {

    private final Map<ClusterName, ClusterStats> clusters = new ConcurrentHashMap<>();

    ClusterStats cluster(String meshName, String virtualNodeName, int port) {
        ClusterName name = new ClusterName(meshName, virtualNodeName, port);
        ClusterStats stats = clusters.get(name);
        return stats != null ? stats : clusters.computeIfAbsent(name, ClusterStats::new);
    }

    /** Creates the clusters of every weighted target in {@code table}, so that they show (at zero) before traffic. */
    void register(RouteTable table) {
        table.virtualServices()
                .values()
                .forEach(service -> service.routes()
                        .forEach(route -> route.targets()
                                .forEach(target ->
                                        cluster(service.meshName(), target.virtualNodeName(), target.port()))));
    }

    List<ClusterSnapshot> snapshot() {
        return clusters.values().stream()
                .map(ClusterStats::snapshot)
                .sorted(Comparator.comparing(ClusterSnapshot::clusterName))
                .toList();
    }
}
