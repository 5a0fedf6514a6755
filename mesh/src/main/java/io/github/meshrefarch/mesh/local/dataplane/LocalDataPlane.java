package io.github.meshrefarch.mesh.local.dataplane;

import io.github.meshrefarch.mesh.local.routetable.RouteTable;
import io.github.meshrefarch.mesh.local.routetable.RouteTableSource;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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
 *
 * <p>Requests are forwarded with plain Netty: a few event loops shared by listeners and upstream connections, each
 * request's upstream connections on its downstream connection's loop, idle keep-alive connections pooled per loop
 * and endpoint (see {@link UpstreamPool}). Nothing on the request path locks or hands work to another thread.
 */
public final class LocalDataPlane implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final long BIND_TIMEOUT_SECONDS = 5;

    private final Map<String, Integer> listenerPorts;
    private final AtomicReference<RouteTable> routeTable = new AtomicReference<>(RouteTable.EMPTY);
    private final Map<String, Channel> listeners = new ConcurrentHashMap<>();
    private final Map<String, String> listenerFailures = new ConcurrentHashMap<>();
    private final TrafficCounters counters = new TrafficCounters();
    private final EnvoyStats stats = new EnvoyStats();
    private final ServiceRegistry registry;
    private final EventLoops loops;
    private final Map<EventLoop, UpstreamPool> pools;
    private AutoCloseable subscription;
    private volatile boolean closed;

    private LocalDataPlane(ServiceRegistry registry, Map<String, Integer> listenerPorts) {
        this.listenerPorts = Map.copyOf(listenerPorts);
        this.registry = registry;
        this.loops = EventLoops.create();
        Map<EventLoop, UpstreamPool> poolsByLoop = new HashMap<>();
        for (EventExecutor executor : loops.group()) {
            EventLoop loop = (EventLoop) executor;
            poolsByLoop.put(loop, new UpstreamPool(loop, loops.socketChannel()));
        }
        this.pools = Map.copyOf(poolsByLoop);
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
                .map(server -> (InetSocketAddress) server.localAddress());
    }

    /** Every listener, by virtual service name. */
    public Map<String, InetSocketAddress> listenerAddresses() {
        Map<String, InetSocketAddress> addresses = new TreeMap<>();
        listeners.forEach((name, server) -> addresses.put(name, (InetSocketAddress) server.localAddress()));
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

    /** Counters per virtual service and weighted target since start. */
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
        ListenerContext context = new ListenerContext(virtualService, routeTable, registry, counters, stats, pools);
        try {
            ChannelFuture bound = new ServerBootstrap()
                    .group(loops.group())
                    .channel(loops.serverChannel())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline()
                                    .addLast(
                                            new HttpServerCodec(),
                                            new HttpServerExpectContinueHandler(),
                                            new DownstreamHandler(context));
                        }
                    })
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
                    "virtual service " + virtualService + ": cannot listen on " + LOOPBACK + ":" + port + " ("
                            + e.getMessage() + ")");
        }
    }

    /** Closes the listener only: connections it accepted finish what they are doing (their next requests get 404). */
    private void closeListener(String virtualService) {
        Channel server = listeners.remove(virtualService);
        listenerFailures.remove(virtualService);
        if (server != null) {
            server.close().awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
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
