package io.github.meshrefarch.bench;

import io.github.meshrefarch.mesh.local.dataplane.InMemoryServiceRegistry;
import io.github.meshrefarch.mesh.local.dataplane.LocalDataPlane;
import io.github.meshrefarch.mesh.local.routetable.HttpRouteRule;
import io.github.meshrefarch.mesh.local.routetable.RouteTable;
import io.github.meshrefarch.mesh.local.routetable.RouteTableSource;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceRoutes;
import io.github.meshrefarch.mesh.local.routetable.WeightedBackend;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Measures what the local data plane costs: latency of calling a workload directly and through the data plane at fixed
 * request rates (open loop, latency counted from each request's scheduled time, so stalls are not hidden), then the
 * maximum throughput of both. Direct and mesh runs alternate, round after round, and each path's figures merge its
 * rounds: on a shared machine a burst of noise then hits both paths alike instead of one whole run.
 *
 * <p>The workload is a minimal in-process server unless a URL is given (as {@code bench/data-plane.sh} gives the
 * product service's): the stand-in isolates the data plane's own cost, the real service shows the cost where it
 * matters. Run: {@code java -cp mesh/target/meshctl.jar:bench/target/bench.jar io.github.meshrefarch.bench.DataPlaneBenchmark
 * [seconds-per-round [rounds [workload-url]]]}.
 */
public final class DataPlaneBenchmark {

    private static final String VIRTUAL_SERVICE = "product.default.svc.cluster.local";
    private static final byte[] BODY = "{\"service\":\"Product\",\"version\":\"1.0\"}\n".getBytes();
    private static final int THROUGHPUT_CONCURRENCY = 32;

    private final HttpClient client;
    private final PrintStream out;

    private DataPlaneBenchmark(HttpClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    public static void main(String[] args) {
        Duration round = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 3);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        URI workloadUrl = args.length > 2 ? URI.create(args[2]) : null;
        LoopResources workloadLoops = LoopResources.create("bench-workload", 1, 1, true);
        LoopResources clientLoops = LoopResources.create("bench-client", 1, 1, true);
        ConnectionProvider clientPool = ConnectionProvider.builder("bench-client")
                .maxConnections(THROUGHPUT_CONCURRENCY * 2)
                .pendingAcquireMaxCount(-1)
                .build();
        DisposableServer workload = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .runOn(workloadLoops)
                .handle((request, response) -> response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(BODY.length))
                        .sendByteArray(Mono.just(BODY)))
                .bindNow();
        InetSocketAddress workloadAddress = workloadUrl == null
                ? (InetSocketAddress) workload.address()
                : new InetSocketAddress(workloadUrl.getHost(), workloadUrl.getPort());
        InMemoryServiceRegistry registry = new InMemoryServiceRegistry();
        registry.register(VIRTUAL_SERVICE, workloadAddress);
        try (LocalDataPlane dataPlane = LocalDataPlane.start(fixedRoutes(), registry, Map.of())) {
            HttpClient client = HttpClient.create(clientPool).runOn(clientLoops);
            DataPlaneBenchmark benchmark = new DataPlaneBenchmark(client, System.out);
            System.out.printf(
                    "workload: %s; %d rounds of %d s per rate and path, direct and mesh alternating%n",
                    workloadUrl == null ? "minimal in-process server" : workloadUrl, rounds, round.toSeconds());
            String direct = baseUrl(workloadAddress);
            String proxied = baseUrl(dataPlane.listenerAddress(VIRTUAL_SERVICE).orElseThrow());
            benchmark.run(direct, proxied, round, rounds);
        } finally {
            workload.disposeNow();
            clientPool.dispose();
            workloadLoops.dispose();
            clientLoops.dispose();
        }
    }

    private void run(String direct, String proxied, Duration round, int rounds) {
        out.println("warming up (5 s each way)");
        openLoop(direct, 1000, Duration.ofSeconds(5));
        openLoop(proxied, 1000, Duration.ofSeconds(5));
        out.printf("%-8s %-7s %9s %9s %9s %9s%n", "rate/s", "path", "p50 ms", "p90 ms", "p99 ms", "errors");
        for (int rate : List.of(500, 1000)) {
            Result directResult = new Result(new Histogram(3), 0);
            Result proxiedResult = new Result(new Histogram(3), 0);
            for (int i = 0; i < rounds; i++) {
                directResult = directResult.plus(openLoop(direct, rate, round));
                proxiedResult = proxiedResult.plus(openLoop(proxied, rate, round));
            }
            print(rate, "direct", directResult);
            print(rate, "mesh", proxiedResult);
            out.printf(
                    "%-8d added   %9.3f %9.3f %9.3f%n",
                    rate,
                    added(directResult, proxiedResult, 50),
                    added(directResult, proxiedResult, 90),
                    added(directResult, proxiedResult, 99));
        }
        long directCompleted = 0;
        long proxiedCompleted = 0;
        for (int i = 0; i < rounds; i++) {
            directCompleted += closedLoop(direct, round);
            proxiedCompleted += closedLoop(proxied, round);
        }
        double seconds = round.toSeconds() * (double) rounds;
        out.printf(
                "max throughput (%d in flight): direct %.0f/s, mesh %.0f/s, ratio %.2f%n",
                THROUGHPUT_CONCURRENCY,
                directCompleted / seconds,
                proxiedCompleted / seconds,
                proxiedCompleted / (double) directCompleted);
    }

    private static double added(Result direct, Result proxied, double percentile) {
        return millis(proxied.latency().getValueAtPercentile(percentile))
                - millis(direct.latency().getValueAtPercentile(percentile));
    }

    private record Result(Histogram latency, long errors) {

        Result plus(Result other) {
            Histogram merged = latency.copy();
            merged.add(other.latency);
            return new Result(merged, errors + other.errors);
        }
    }

    /** Sends {@code rate} requests a second on schedule, whatever the responses do, and records their latency. */
    private Result openLoop(String url, int rate, Duration duration) {
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        long total = rate * duration.toSeconds();
        CountDownLatch done = new CountDownLatch((int) total);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(url, ok -> {
                recorder.recordValue(System.nanoTime() - scheduled);
                if (!ok) {
                    errors.incrementAndGet();
                }
                done.countDown();
            });
        }
        await(done);
        return new Result(recorder.getIntervalHistogram(), errors.get());
    }

    /** Keeps a fixed number of requests in flight for the duration and counts the completed ones. */
    private long closedLoop(String url, Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong completed = new AtomicLong();
        CountDownLatch stopped = new CountDownLatch(THROUGHPUT_CONCURRENCY);
        for (int i = 0; i < THROUGHPUT_CONCURRENCY; i++) {
            loop(url, deadline, completed, stopped);
        }
        await(stopped);
        return completed.get();
    }

    private void loop(String url, long deadline, AtomicLong completed, CountDownLatch stopped) {
        send(url, ok -> {
            completed.incrementAndGet();
            if (System.nanoTime() < deadline) {
                loop(url, deadline, completed, stopped);
            } else {
                stopped.countDown();
            }
        });
    }

    private void send(String url, Consumer<Boolean> onDone) {
        client.get()
                .uri(url)
                .responseSingle((response, body) -> body.asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> response.status().code() == 200))
                .onErrorReturn(false)
                .subscribe(onDone);
    }

    private void print(int rate, String path, Result result) {
        Histogram latency = result.latency();
        out.printf(
                "%-8d %-7s %9.3f %9.3f %9.3f %9d%n",
                rate,
                path,
                millis(latency.getValueAtPercentile(50)),
                millis(latency.getValueAtPercentile(90)),
                millis(latency.getValueAtPercentile(99)),
                result.errors());
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("benchmark requests did not complete");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String baseUrl(InetSocketAddress address) {
        return "http://" + address.getHostString() + ":" + address.getPort() + "/";
    }

    private static RouteTableSource fixedRoutes() {
        RouteTable table = RouteTable.of(
                1,
                List.of(new VirtualServiceRoutes(
                        "benchmark",
                        VIRTUAL_SERVICE,
                        List.of(new HttpRouteRule(
                                "product-route",
                                "product-router",
                                "/",
                                List.of(new WeightedBackend("product", VIRTUAL_SERVICE, 8080, 100)),
                                null,
                                null)))));
        return new RouteTableSource() {
            @Override
            public RouteTable current() {
                return table;
            }

            @Override
            public AutoCloseable subscribe(Consumer<RouteTable> listener) {
                listener.accept(table);
                return () -> {};
            }
        };
    }
}
