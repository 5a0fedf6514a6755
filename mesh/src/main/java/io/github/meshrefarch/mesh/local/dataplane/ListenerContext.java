package io.github.meshrefarch.mesh.local.dataplane;

import io.github.meshrefarch.mesh.local.routetable.RouteTable;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceRoutes;
import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the connections of one virtual service's listener share: the route table reference (read once per request,
 * so a request keeps the snapshot it started with), the registry, the counters and the upstream pools by event loop.
 */
record ListenerContext(
        String virtualService,
        AtomicReference<RouteTable> routeTable,
        ServiceRegistry registry,
        TrafficCounters counters,
        EnvoyStats stats,
        Map<EventLoop, UpstreamPool> pools) {

    /** The virtual service's routes now, or null when it has just left the route table. */
    VirtualServiceRoutes routes() {
        return routeTable.get().virtualServices().get(virtualService);
    }

    TrafficCounters.ServiceCounters serviceCounters() {
        return counters.service(virtualService);
    }

    UpstreamPool pool(EventLoop loop) {
        return pools.get(loop);
    }
}
