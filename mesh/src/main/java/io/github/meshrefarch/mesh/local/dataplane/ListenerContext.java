package io.github.meshrefarch.mesh.local.dataplane;

import io.github.meshrefarch.mesh.local.routetable.RouteTable;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceKey;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceRoutes;
import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What the connections of one virtual service's listener share: the route table reference (read once per request,
 * so a request keeps the snapshot it started with), the registry, the counters, the limits, the retry jitter source
 * and the upstream pools by event loop. The listener serves one mesh's virtual service: it only ever reads that mesh's
 * routes, even when another mesh has a virtual service of the same name.
 */
record ListenerContext(
        VirtualServiceKey virtualService,
        AtomicReference<RouteTable> routeTable,
        ServiceRegistry registry,
        TrafficCounters counters,
        EnvoyStats stats,
        ListenerStats listenerStats,
        DataPlaneLimits limits,
        Supplier<RandomGenerator> jitter,
        Map<EventLoop, UpstreamPool> pools) {

    /** The virtual service's routes now, or null when it has just left the route table. */
    VirtualServiceRoutes routes() {
        return routeTable.get().virtualServices().get(virtualService);
    }

    /** The virtual service's name (the hostname callers use), for error bodies. */
    String virtualServiceName() {
        return virtualService.virtualServiceName();
    }

    TrafficCounters.ServiceCounters serviceCounters() {
        return counters.service(virtualService);
    }

    UpstreamPool pool(EventLoop loop) {
        return pools.get(loop);
    }
}
