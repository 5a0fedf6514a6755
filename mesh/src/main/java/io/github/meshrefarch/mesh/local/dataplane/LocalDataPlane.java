package io.github.meshrefarch.mesh.local.dataplane;

import io.github.meshrefarch.mesh.local.routetable.RouteTable;
import io.github.meshrefarch.mesh.local.routetable.RouteTableSource;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceKey;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

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
 * <p>Virtual services are keyed by mesh and name: each mesh's virtual service gets its own listener, which routes by
 * that mesh's routes only. Listener limits and timeouts are Envoy's defaults unless given ({@link DataPlaneLimits}); a
 * retry waits Envoy's jittered exponential back-off first ({@link RetryBackOff}), scheduled on the event loop.
 *
 * <p>Route changes swap one immutable {@link RouteTable} reference: a request arriving after the swap uses the new
 * routes, a request in flight finishes (retries included) on the routes it started with, and listeners of virtual
 * services that stay in the table are never touched. A listener opens when its virtual service appears and closes when
 * it disappears.
 *
 * <p>Requests are forwarded with plain Netty: a few event loops shared by listeners and upstream connections, each
 * request's upstream connections on its downstream connection's loop, idle keep-alive connections pooled per loop
 * and endpoint (see {@link UpstreamPool}). Nothing on the request path locks or hands work to another thread.
 */
public final class LocalDataPlane implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final long BIND_TIMEOUT_SECONDS = 5;

    private final Map<String, Integer> listenerPorts;
    private final DataPlaneLimits limits;
    private final Supplier<RandomGenerator> jitter;
    private final AtomicReference<RouteTable> routeTable = new AtomicReference<>(RouteTable.EMPTY);
    private final Map<VirtualServiceKey, Channel> listeners = new ConcurrentHashMap<>();
    private final Map<VirtualServiceKey, ListenerStats> listenerStats = new ConcurrentHashMap<>();
    private final Map<VirtualServiceKey, String> listenerFailures = new ConcurrentHashMap<>();
    private final TrafficCounters counters = new TrafficCounters();
    private final EnvoyStats stats = new EnvoyStats();
    private final ServiceRegistry registry;
    private final EventLoops loops;
    private final Map<EventLoop, UpstreamPool> pools;
    private AutoCloseable subscription;
    private volatile boolean closed;

    private LocalDataPlane(
            ServiceRegistry registry,
            Map<String, Integer> listenerPorts,
            DataPlaneLimits limits,
            Supplier<RandomGenerator> jitter) {
        this.listenerPorts = Map.copyOf(listenerPorts);
        this.limits = limits;
        this.jitter = jitter;
        this.registry = registry;
        this.loops = EventLoops.create();
        Map<EventLoop, UpstreamPool> poolsByLoop = new HashMap<>();
        for (EventExecutor executor : loops.group()) {
            EventLoop loop = (EventLoop) executor;
            poolsByLoop.put(loop, new UpstreamPool(loop, loops.socketChannel()));
        }
        this.pools = Map.copyOf(poolsByLoop);
    }

    /** Starts a data plane with Envoy's limits ({@link DataPlaneLimits#ENVOY_DEFAULTS}); see the next method. */
    public static LocalDataPlane start(
            RouteTableSource source, ServiceRegistry registry, Map<String, Integer> listenerPorts) {
        return start(source, registry, listenerPorts, DataPlaneLimits.ENVOY_DEFAULTS);
    }

    /**
     * Starts a data plane that follows {@code source}: listeners for the virtual services of the current table are
     * bound before this returns.
     *
     * @param listenerPorts port to bind per virtual service, keyed by {@code <mesh>/<name>} or by name alone (then
     *     for the first virtual service of that name in the table, the oldest; another mesh's gets an ephemeral
     *     port); a virtual service absent, or mapped to 0, gets an ephemeral port
     * @param limits the listeners' connection cap and idle timeouts, and the default stream idle timeout
     * @throws IllegalStateException when a listener of the current table cannot be bound (its port is taken)
     */
    public static LocalDataPlane start(
            RouteTableSource source,
            ServiceRegistry registry,
            Map<String, Integer> listenerPorts,
            DataPlaneLimits limits) {
        return start(source, registry, listenerPorts, limits, ThreadLocalRandom::current);
    }

    /** As above, with the source of the retry back-off's jitter (tests make the schedule predictable with it). */
    static LocalDataPlane start(
            RouteTableSource source,
            ServiceRegistry registry,
            Map<String, Integer> listenerPorts,
            DataPlaneLimits limits,
            Supplier<RandomGenerator> jitter) {
        LocalDataPlane dataPlane = new LocalDataPlane(registry, listenerPorts, limits, jitter);
        dataPlane.subscription = source.subscribe(dataPlane::apply);
        if (!dataPlane.listenerFailures.isEmpty()) {
            String failures = String.join("; ", dataPlane.listenerFailures.values());
            dataPlane.close();
            throw new IllegalStateException("data plane listeners could not start: " + failures);
        }
        return dataPlane;
    }

    /**
     * Where the listener of the virtual service {@code virtualServiceName} accepts requests, if it has one; when
     * several meshes have a virtual service of that name, the listener on the port configured for the name, else the
     * first in the route table (the oldest).
     */
    public Optional<InetSocketAddress> listenerAddress(String virtualServiceName) {
        Integer configured = listenerPorts.get(virtualServiceName);
        List<InetSocketAddress> named = routeTable.get().virtualServicesNamed(virtualServiceName).stream()
                .map(service -> listeners.get(service.key()))
                .filter(Objects::nonNull)
                .map(server -> (InetSocketAddress) server.localAddress())
                .toList();
        return named.stream()
                .filter(address -> configured != null && address.getPort() == configured)
                .findFirst()
                .or(() -> named.stream().findFirst());
    }

    /** Where the listener of mesh {@code meshName}'s virtual service {@code virtualServiceName} accepts requests. */
    public Optional<InetSocketAddress> listenerAddress(String meshName, String virtualServiceName) {
        return Optional.ofNullable(listeners.get(new VirtualServiceKey(meshName, virtualServiceName)))
                .map(server -> (InetSocketAddress) server.localAddress());
    }

    /**
     * Every listener, by virtual service name, or by {@code <mesh>/<name>} for a name that several meshes have (see
     * {@link VirtualServiceKey#labels}).
     */
    public Map<String, InetSocketAddress> listenerAddresses() {
        Map<VirtualServiceKey, Channel> open = new HashMap<>(listeners);
        Map<VirtualServiceKey, String> labels = VirtualServiceKey.labels(open.keySet());
        Map<String, InetSocketAddress> addresses = new TreeMap<>();
        open.forEach((key, server) -> addresses.put(labels.get(key), (InetSocketAddress) server.localAddress()));
        return addresses;
    }

    /** Envoy's downstream statistics of every open listener, sorted by stat prefix. */
    public List<ListenerSnapshot> listenerStats() {
        Map<VirtualServiceKey, Channel> open = new HashMap<>(listeners);
        Map<VirtualServiceKey, String> labels = VirtualServiceKey.labels(open.keySet());
        List<ListenerSnapshot> snapshots = new ArrayList<>();
        open.forEach((key, server) -> {
            InetSocketAddress address = (InetSocketAddress) server.localAddress();
            ListenerStats listener = listenerStats.get(key);
            if (listener != null) {
                snapshots.add(listener.snapshot(
                        labels.get(key), address.getAddress().getHostAddress() + "_" + address.getPort()));
            }
        });
        snapshots.sort(Comparator.comparing(ListenerSnapshot::statPrefix));
        return snapshots;
    }

    /** Virtual services whose listener could not be opened after a route change, with the reason. */
    public Map<String, String> listenerFailures() {
        Map<String, String> failures = new TreeMap<>();
        listenerFailures.forEach((key, reason) -> failures.put(key.qualifiedName(), reason));
        return failures;
    }

    /** The revision of the route table requests are routed by. */
    public long routeTableRevision() {
        return routeTable.get().revision();
    }

    /** The route table requests are routed by now. */
    public RouteTable routeTable() {
        return routeTable.get();
    }

    /** Whether the data plane serves: started, not closed, and every listener of the route table open. */
    public boolean serving() {
        return !closed && listenerFailures.isEmpty();
    }

    /**
     * Envoy's upstream statistics per cluster (one per weighted target's virtual node and port) since start, sorted by
     * cluster name; every target of the route table has one, at zero before its first request.
     */
    public List<ClusterSnapshot> clusterStats() {
        return stats.snapshot();
    }

    /** Counters per virtual service (labelled as {@link #listenerAddresses()}) and weighted target since start. */
    public Map<String, VirtualServiceTraffic> traffic() {
        return counters.snapshot();
    }

    /** Called by the control plane, synchronously, for every accepted change: must be quick and never throw. */
    private synchronized void apply(RouteTable table) {
        if (table.revision() < routeTable.get().revision()) {
            return;
        }
        stats.register(table);
        routeTable.set(table);
        table.virtualServices().keySet().forEach(this::openListener); // in table order: the oldest first
        listeners.keySet().stream()
                .filter(key -> !table.virtualServices().containsKey(key))
                .toList()
                .forEach(this::closeListener);
    }

    private int configuredPort(VirtualServiceKey key) {
        Integer qualified = listenerPorts.get(key.qualifiedName());
        if (qualified != null) {
            return qualified;
        }
        Integer byName = listenerPorts.get(key.virtualServiceName());
        if (byName == null || byName == 0) {
            return 0;
        }
        boolean taken = listeners.values().stream()
                .anyMatch(server -> ((InetSocketAddress) server.localAddress()).getPort() == byName);
        return taken ? 0 : byName;
    }

    private void openListener(VirtualServiceKey virtualService) {
        if (listeners.containsKey(virtualService)) {
            return;
        }
        int port = configuredPort(virtualService);
        ListenerStats listenerCounters = listenerStats.computeIfAbsent(
                virtualService, key -> new ListenerStats(limits.maxConnectionsPerListener()));
        ListenerContext context = new ListenerContext(
                virtualService, routeTable, registry, counters, stats, listenerCounters, limits, jitter, pools);
        try {
            ChannelFuture bound = new ServerBootstrap()
                    .group(loops.group())
                    .channel(loops.serverChannel())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new DownstreamInitializer(context))
                    .bind(LOOPBACK, port);
            if (!bound.awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                bound.channel().close();
                throw new IllegalStateException("timed out");
            }
            if (!bound.isSuccess()) {
                throw new IllegalStateException(String.valueOf(bound.cause().getMessage()), bound.cause());
            }
            listeners.put(virtualService, bound.channel());
            listenerFailures.remove(virtualService);
        } catch (RuntimeException e) {
            listenerFailures.put(
                    virtualService,
                    "virtual service " + virtualService.virtualServiceName() + " of mesh " + virtualService.meshName()
                            + ": cannot listen on " + LOOPBACK + ":" + port + " (" + e.getMessage() + ")");
        }
    }

    /** Closes the listener only: connections it accepted finish what they are doing (their next requests get 404). */
    private void closeListener(VirtualServiceKey virtualService) {
        Channel server = listeners.remove(virtualService);
        listenerFailures.remove(virtualService);
        if (server != null) {
            server.close().awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        listenerStats.remove(virtualService);
    }

    /** Stops following the route table, closes every listener and upstream connection. */
    @Override
    public synchronized void close() {
        closed = true;
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                // the source is going away too; nothing left to unsubscribe from
            }
        }
        listeners.values().forEach(server -> server.close().awaitUninterruptibly(2, TimeUnit.SECONDS));
        listeners.clear();
        // closing the loops closes every connection on them; a loop that does not stop in time is abandoned (daemon)
        loops.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
