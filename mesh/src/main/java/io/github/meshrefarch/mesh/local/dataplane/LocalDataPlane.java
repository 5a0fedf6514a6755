package io.github.meshrefarch.mesh.local.dataplane;

import io.github.meshrefarch.mesh.local.routetable.RouteTable;
import io.github.meshrefarch.mesh.local.routetable.RouteTableSource;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceRoutes;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The local data plane: what the Envoy sidecars do for the walkthrough's mesh, in one process. For every virtual
 * service of the {@link RouteTable} it keeps an HTTP listener on 127.0.0.1 that sends each request to one of the
 * matching route's weighted targets, resolved through the {@link ServiceRegistry}.
 *
 * <p>Behaviour where App Mesh leaves room, decided as Envoy does: the original {@code Host} header is kept, no
 * {@code x-forwarded-for} is added (the sidecar is not an edge proxy), hop-by-hop headers are dropped on each hop, and
 * bodies stream both ways. A route without a retry policy gets App Mesh's default one (see {@link RetryRules}); a
 * route without a timeout gets App Mesh's 15 s. Unlike Envoy, which retries within the weighted cluster it picked
 * first, a retry picks a weighted target again and prefers one not tried yet: locally each virtual node has a single
 * endpoint, so this gives the fail-over that endpoint health checking gives on Kubernetes.
 *
 * <p>Route changes swap one immutable {@link RouteTable} reference: a request arriving after the swap uses the new
 * routes, a request in flight finishes (retries included) on the routes it started with, and listeners of virtual
 * services that stay in the table are never touched. A listener opens when its virtual service appears and closes when
 * it disappears.
 */
public final class LocalDataPlane implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Integer> listenerPorts;
    private final AtomicReference<RouteTable> routeTable = new AtomicReference<>(RouteTable.EMPTY);
    private final Map<String, DisposableServer> listeners = new ConcurrentHashMap<>();
    private final Map<String, String> listenerFailures = new ConcurrentHashMap<>();
    private final TrafficCounters counters = new TrafficCounters();
    private final LoopResources loops;
    private final ConnectionProvider connections;
    private final RequestForwarder forwarder;
    private AutoCloseable subscription;

    private LocalDataPlane(ServiceRegistry registry, Map<String, Integer> listenerPorts) {
        this.listenerPorts = Map.copyOf(listenerPorts);
        // Few event loops, shared by listeners and upstream connections: a request and its upstream call run on the
        // same thread (colocation), with no hand-off; on the 2-core machines we target, 2 workers measured best.
        this.loops = LoopResources.create("mesh-dataplane", 1, 2, true);
        this.connections = ConnectionProvider.builder("mesh-dataplane")
                .maxConnections(1024)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(RequestForwarder.DEFAULT_REQUEST_TIMEOUT)
                .maxIdleTime(Duration.ofSeconds(20))
                .evictInBackground(Duration.ofSeconds(30))
                .build();
        HttpClient client = HttpClient.create(connections)
                .runOn(loops)
                .keepAlive(true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                .option(ChannelOption.TCP_NODELAY, true);
        // load the transport and pipeline classes now rather than on the first request
        client.warmup().block(BIND_TIMEOUT);
        this.forwarder = new RequestForwarder(client, registry, counters);
    }

    /**
     * Starts a data plane that follows {@code source}: listeners for the virtual services of the current table are
     * bound before this returns.
     *
     * @param listenerPorts port to bind per virtual service name; a name that is absent, or mapped to 0, gets an
     *     ephemeral port
     * @throws IllegalStateException when a listener of the current table cannot be bound (its port is taken)
     */
    public static LocalDataPlane start(
            RouteTableSource source, ServiceRegistry registry, Map<String, Integer> listenerPorts) {
        LocalDataPlane dataPlane = new LocalDataPlane(registry, listenerPorts);
        dataPlane.subscription = source.subscribe(dataPlane::apply);
        if (!dataPlane.listenerFailures.isEmpty()) {
            String failures = String.join("; ", dataPlane.listenerFailures.values());
            dataPlane.close();
            throw new IllegalStateException("data plane listeners could not start: " + failures);
        }
        return dataPlane;
    }

    /** Where the listener of {@code virtualServiceName} accepts requests, if it has one. */
    public Optional<InetSocketAddress> listenerAddress(String virtualServiceName) {
        return Optional.ofNullable(listeners.get(virtualServiceName))
                .map(server -> (InetSocketAddress) server.address());
    }

    /** Every listener, by virtual service name. */
    public Map<String, InetSocketAddress> listenerAddresses() {
        Map<String, InetSocketAddress> addresses = new TreeMap<>();
        listeners.forEach((name, server) -> addresses.put(name, (InetSocketAddress) server.address()));
        return addresses;
    }

    /** Virtual services whose listener could not be opened after a route change, with the reason. */
    public Map<String, String> listenerFailures() {
        return Map.copyOf(listenerFailures);
    }

    /** The revision of the route table requests are routed by. */
    public long routeTableRevision() {
        return routeTable.get().revision();
    }

    /** Counters per virtual service and weighted target since start. */
    public Map<String, VirtualServiceTraffic> traffic() {
        return counters.snapshot();
    }

    /** Called by the control plane, synchronously, for every accepted change: must be quick and never throw. */
    private synchronized void apply(RouteTable table) {
        if (table.revision() < routeTable.get().revision()) {
            return;
        }
        routeTable.set(table);
        table.virtualServices().keySet().forEach(this::openListener);
        listeners.keySet().stream()
                .filter(name -> !table.virtualServices().containsKey(name))
                .toList()
                .forEach(this::closeListener);
    }

    private void openListener(String virtualService) {
        if (listeners.containsKey(virtualService)) {
            return;
        }
        int port = listenerPorts.getOrDefault(virtualService, 0);
        try {
            DisposableServer server = HttpServer.create()
                    .host(LOOPBACK)
                    .port(port)
                    .runOn(loops)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .handle((request, response) -> {
                        VirtualServiceRoutes routes =
                                routeTable.get().virtualServices().get(virtualService);
                        return forwarder.forward(virtualService, routes, request, response);
                    })
                    .bindNow(BIND_TIMEOUT);
            listeners.put(virtualService, server);
            listenerFailures.remove(virtualService);
        } catch (RuntimeException e) {
            listenerFailures.put(
                    virtualService,
                    "virtual service " + virtualService + ": cannot listen on " + LOOPBACK + ":" + port + " ("
                            + e.getMessage() + ")");
        }
    }

    private void closeListener(String virtualService) {
        DisposableServer server = listeners.remove(virtualService);
        listenerFailures.remove(virtualService);
        if (server != null) {
            server.dispose();
        }
    }

    /** Stops following the route table, closes every listener and upstream connection. */
    @Override
    public synchronized void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                // the source is going away too; nothing left to unsubscribe from
            }
        }
        listeners.values().forEach(server -> quietly(() -> server.disposeNow(Duration.ofSeconds(2))));
        listeners.clear();
        quietly(() -> connections.disposeLater().block(Duration.ofSeconds(2)));
        quietly(() -> loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(3)));
    }

    /** Shutting down goes on when one part does not stop in time: the next ones must still be released. */
    private static void quietly(Runnable shutdownStep) {
        try {
            shutdownStep.run();
        } catch (RuntimeException e) {
            // a listener or loop that did not stop in time is abandoned; its threads are daemons
        }
    }
}
