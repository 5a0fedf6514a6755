package io.github.meshrefarch.mesh.local.dataplane;

import io.github.meshrefarch.mesh.local.routetable.VirtualServiceKey;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Lock-free counters behind {@link LocalDataPlane#traffic()}, updated on the request path. */
final class TrafficCounters {

    private final Map<VirtualServiceKey, ServiceCounters> services = new ConcurrentHashMap<>();

    ServiceCounters service(VirtualServiceKey virtualService) {
        return services.computeIfAbsent(virtualService, key -> new ServiceCounters());
    }

    /** By virtual service name, or {@code <mesh>/<name>} for a name several meshes have. */
    Map<String, VirtualServiceTraffic> snapshot() {
        Map<VirtualServiceKey, ServiceCounters> current = Map.copyOf(services);
        Map<VirtualServiceKey, String> labels = VirtualServiceKey.labels(current.keySet());
        Map<String, VirtualServiceTraffic> snapshot = new TreeMap<>();
        current.forEach((key, counters) -> snapshot.put(labels.get(key), counters.snapshot(labels.get(key))));
        return snapshot;
    }

    static final class ServiceCounters {
        final LongAdder requests = new LongAdder();
        final LongAdder serverErrors = new LongAdder();
        final LongAdder retries = new LongAdder();
        private final Map<String, TargetCounters> targets = new ConcurrentHashMap<>();

        TargetCounters target(String virtualNodeName) {
            return targets.computeIfAbsent(virtualNodeName, name -> new TargetCounters());
        }

        private VirtualServiceTraffic snapshot(String name) {
            Map<String, VirtualServiceTraffic.TargetTraffic> targetTraffic = new TreeMap<>();
            targets.forEach((node, counters) -> targetTraffic.put(
                    node,
                    new VirtualServiceTraffic.TargetTraffic(
                            node,
                            counters.requests.sum(),
                            counters.serverErrors.sum(),
                            counters.connectionFailures.sum())));
            return new VirtualServiceTraffic(name, requests.sum(), serverErrors.sum(), retries.sum(), targetTraffic);
        }
    }

    static final class TargetCounters {
        final LongAdder requests = new LongAdder();
        final LongAdder serverErrors = new LongAdder();
        final LongAdder connectionFailures = new LongAdder();
    }
}
