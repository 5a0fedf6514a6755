package io.github.meshrefarch.mesh.local.dataplane;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Lock-free counters behind {@link LocalDataPlane#traffic()}, updated on the request path. */
final class TrafficCounters {

    private final Map<String, ServiceCounters> services = new ConcurrentHashMap<>();

    ServiceCounters service(String virtualServiceName) {
        return services.computeIfAbsent(virtualServiceName, name -> new ServiceCounters());
    }

    Map<String, VirtualServiceTraffic> snapshot() {
        Map<String, VirtualServiceTraffic> snapshot = new TreeMap<>();
        services.forEach((name, counters) -> snapshot.put(name, counters.snapshot(name)));
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
