package io.github.meshrefarch.mesh.local.admin;

import io.github.meshrefarch.mesh.local.dataplane.ClusterName;
import io.github.meshrefarch.mesh.local.routetable.HttpRouteRule;
import io.github.meshrefarch.mesh.local.routetable.RetryPolicy;
import io.github.meshrefarch.mesh.local.routetable.RouteTable;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceKey;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceRoutes;
import io.github.meshrefarch.mesh.local.routetable.WeightedBackend;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON documents of the admin endpoint, as maps and lists for Jackson. */
final class AdminDocuments {

    private AdminDocuments() {}

    /**
     * {@code /listeners?format=json}, in the shape of Envoy's {@code ListenersConfigDump} listener statuses: per
     * listener its name (the virtual service) and its {@code local_address}.
     */
    static Map<String, Object> listeners(Map<String, InetSocketAddress> listeners) {
        var statuses = new ArrayList<Map<String, Object>>();
        listeners.forEach((name, address) -> statuses.add(ordered(
                "name",
                name,
                "local_address",
                Map.of(
                        "socket_address",
                        ordered("address", address.getAddress().getHostAddress(), "port_value", address.getPort())))));
        return Map.of("listener_statuses", statuses);
    }

    /** {@code /config_dump}: the route table in force, with the listener of each virtual service. */
    static Map<String, Object> configDump(RouteTable table, Map<String, InetSocketAddress> listeners) {
        var services = new ArrayList<Map<String, Object>>();
        Map<VirtualServiceKey, String> labels =
                VirtualServiceKey.labels(table.virtualServices().keySet());
        new TreeMap<>(table.virtualServices())
                .forEach((key, service) -> services.add(virtualService(service, listeners.get(labels.get(key)))));
        return ordered("routeTableRevision", table.revision(), "virtualServices", services);
    }

    private static Map<String, Object> virtualService(VirtualServiceRoutes service, InetSocketAddress listener) {
        Map<String, Object> document = ordered(
                "meshName",
                service.meshName(),
                "virtualServiceName",
                service.virtualServiceName(),
                "listener",
                listener == null
                        ? null
                        : ordered("address", listener.getAddress().getHostAddress(), "port", listener.getPort()));
        document.put(
                "routes",
                service.routes().stream().map(route -> route(service, route)).toList());
        return document;
    }

    private static Map<String, Object> route(VirtualServiceRoutes service, HttpRouteRule route) {
        Map<String, Object> document = ordered(
                "routeName",
                route.routeName(),
                "virtualRouterName",
                route.virtualRouterName(),
                "prefix",
                route.prefix());
        List<Map<String, Object>> targets = route.targets().stream()
                .map(target -> target(service.meshName(), target))
                .toList();
        document.put("weightedTargets", targets);
        document.put("retryPolicy", retryPolicy(route.retryPolicy()));
        document.put(
                "perRequestTimeoutMillis",
                route.perRequestTimeout() == null
                        ? null
                        : route.perRequestTimeout().toMillis());
        document.put(
                "idleTimeoutMillis",
                route.idleTimeout() == null ? null : route.idleTimeout().toMillis());
        return document;
    }

    private static Map<String, Object> target(String meshName, WeightedBackend target) {
        Map<String, Object> document = ordered(
                "virtualNodeName", target.virtualNodeName(), "hostname", target.hostname(), "port", target.port());
        document.put("weight", target.weight());
        document.put("cluster", new ClusterName(meshName, target.virtualNodeName(), target.port()).envoyName());
        return document;
    }

    private static Map<String, Object> retryPolicy(RetryPolicy policy) {
        if (policy == null) {
            return null;
        }
        Map<String, Object> document = ordered(
                "maxRetries",
                policy.maxRetries(),
                "perRetryTimeoutMillis",
                policy.perRetryTimeout() == null
                        ? null
                        : policy.perRetryTimeout().toMillis(),
                "httpRetryEvents",
                policy.httpRetryEvents().stream().sorted().toList());
        document.put("tcpRetryEvents", policy.tcpRetryEvents().stream().sorted().toList());
        return document;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
