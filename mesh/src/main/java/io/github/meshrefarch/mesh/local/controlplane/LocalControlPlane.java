package io.github.meshrefarch.mesh.local.controlplane;

import com.sun.net.httpserver.HttpServer;
import io.github.meshrefarch.mesh.local.DirectoryLock;
import io.github.meshrefarch.mesh.local.routetable.RouteTableSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local App Mesh control plane: the App Mesh REST API (2019-01-25) for meshes, virtual nodes, virtual routers, routes
 * and virtual services on 127.0.0.1, with App Mesh's validation and errors, its state kept in a directory, and an
 * in-process {@link RouteTableSource} for the local data plane. Point any AWS client at {@link #endpoint()}.
 *
 * <p>Every resource belongs to the account {@value #ACCOUNT_ID}; ARNs carry the region the creating request was signed
 * for ({@value #DEFAULT_REGION} for an unsigned request).
 */
public final class LocalControlPlane implements AutoCloseable {

    /** The account that owns every local resource (AWS's documentation example account, never a real one). */
    public static final String ACCOUNT_ID = "111122223333";

    /** The region of resources created by requests without a SigV4 signature. */
    public static final String DEFAULT_REGION = "us-east-1";

    /** Threads serving requests. */
    private static final int THREADS = 16;

    /**
     * At most this many changes may wait or run at once; one more is answered with {@code TooManyRequestsException}
     * (which the SDKs retry with back-off). Half the request threads: however many changes queue up, reads always find
     * a free thread.
     */
    static final int MAX_QUEUED_CHANGES = THREADS / 2;

    private final HttpServer server;
    private final ExecutorService executor;
    private final MeshStore store;
    private final ApiHandler handler;
    private final DirectoryLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * The lock file in the state directory: one control plane writes a directory at a time; the holder's process id
     * and command line are in it.
     */
    public static final String LOCK_FILE_NAME = "appmesh-state.lock";

    private LocalControlPlane(
            HttpServer server, ExecutorService executor, MeshStore store, ApiHandler handler, DirectoryLock lock) {
        this.server = server;
        this.lock = lock;
        this.executor = executor;
        this.store = store;
        this.handler = handler;
    }

    /** The JDK HTTP server's switch for TCP_NODELAY on its connections. */
    public static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    /**
     * The JDK HTTP server's limits (system properties of Java 17 and 25 alike), unless set on the command line: a
     * request must be read and answered within 20 s (a connection that sends nothing is closed after as long, one that
     * trickles its headers too; a change waits at most {@link MeshStore#LOCK_WAIT_SECONDS} for its turn, so answers
     * fit), an idle kept-alive connection is closed after 30 s, at most 100 request headers.
     */
    static final Map<String, String> SERVER_DEFAULTS = Map.of(
            NO_DELAY_PROPERTY,
            "true",
            "sun.net.httpserver.maxReqTime",
            "20",
            "sun.net.httpserver.idleInterval",
            "30",
            "sun.net.httpserver.maxReqHeaders",
            "100");

    /**
     * Loads the state from {@code stateDir} (created if missing) and serves the API on 127.0.0.1.
     *
     * @param port the port, 0 for an ephemeral one
     * @throws IOException when the state file is corrupt or the port cannot be bound
     */
    public static LocalControlPlane start(int port, Path stateDir) throws IOException {
        return start(port, stateDir, MAX_QUEUED_CHANGES);
    }

    static LocalControlPlane start(int port, Path stateDir, int maxQueuedChanges) throws IOException {
        Path lockFile = stateDir.resolve(LOCK_FILE_NAME);
        DirectoryLock lock = DirectoryLock.tryAcquire(lockFile)
                .orElseThrow(() -> new DirectoryLock.LockedException(
                        "the state directory %s is in use by %s; stop that process, or give this one another state directory"
                                .formatted(stateDir.toAbsolutePath(), DirectoryLock.holder(lockFile))));
        try {
            return start(port, stateDir, maxQueuedChanges, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static LocalControlPlane start(int port, Path stateDir, int maxQueuedChanges, DirectoryLock lock)
            throws IOException {
        JsonMapper mapper = JsonMapper.builder().build();
        MeshStore store = MeshStore.open(new StateFile(stateDir, mapper), maxQueuedChanges);
        MeshOperations operations = new MeshOperations(store, ACCOUNT_ID, mapper, Clock.systemUTC());
        // Without TCP_NODELAY the JDK server's separate writes of headers and body meet the client's delayed ACK: every
        // answer waited some 40 ms, a second per mesh read. The JDK reads these once, when its first server starts.
        SERVER_DEFAULTS.forEach((name, value) -> System.setProperty(name, System.getProperty(name, value)));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ApiHandler handler = new ApiHandler(
                operations,
                mapper,
                ACCOUNT_ID,
                DEFAULT_REGION,
                server.getAddress().getPort());
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        return new LocalControlPlane(server, executor, store, handler, lock);
    }

    /** The base URL to give an AWS client as its endpoint override, e.g. {@code http://127.0.0.1:9080}. */
    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://127.0.0.1:" + address.getPort());
    }

    /** The route table derived from the current state, with a notification on every change (same JVM). */
    public RouteTableSource routeTable() {
        return store.routeTables();
    }

    /** POST, PUT and DELETE requests received since start, accepted or rejected. */
    public long mutatingRequestCount() {
        return handler.mutatingRequestCount();
    }

    MeshStore store() {
        return store;
    }

    /**
     * Stops accepting requests, then waits (up to five seconds) for changes in progress to reach the disk. A change cut
     * off by the stop is either fully saved or not at all.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        server.stop(0);
        executor.shutdown();
        boolean finished = false;
        try {
            finished = executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (finished) { // else a change may still write: the lock then goes with this process
            try {
                lock.close();
            } catch (IOException e) {
                // released with the process at the latest
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "appmesh-api-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
