package io.github.meshrefarch.mesh.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP hop in front of a control plane that forwards every request and can act on writes (any request but a
 * GET): run an action (e.g. kill -9 the control plane) once a chosen write has been carried out, so that its answer is
 * lost and the next write never arrives; or hold each write until another write arrives, so that two writers' reads
 * both come before either one's writes.
 */
final class WriteInterceptingProxy implements AutoCloseable {

    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI upstream;
    private final AtomicInteger writes = new AtomicInteger();
    private final Object pairing = new Object();
    private volatile int actAfterWrite = -1;
    private volatile Runnable action = () -> {};
    private volatile Duration pairWrites = Duration.ZERO;
    private int waitingWrites; // guarded by pairing
    private long pairsMade; // guarded by pairing

    WriteInterceptingProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Once write number {@code write} (from 1) has been carried out upstream, runs {@code then}; its answer is lost. */
    WriteInterceptingProxy afterWrite(int write, Runnable then) {
        this.action = then;
        this.actAfterWrite = write;
        return this;
    }

    /** Holds each write until another write arrives (then both go on), or at most {@code bound}. */
    WriteInterceptingProxy pairWrites(Duration bound) {
        this.pairWrites = bound;
        return this;
    }

    /** Writes that reached the proxy. */
    int writes() {
        return writes.get();
    }

    /** How many times two writes were waiting at once (each went on because of the other). */
    long pairsMade() {
        synchronized (pairing) {
            return pairsMade;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean write = !exchange.getRequestMethod().equals("GET");
            int number = write ? writes.incrementAndGet() : 0;
            if (write && !pairWrites.isZero()) {
                awaitPartner();
            }
            HttpResponse<byte[]> response;
            try {
                response = forward(exchange, body);
            } catch (IOException upstreamGone) {
                reply(exchange, 502, null, "{\"message\":\"upstream unreachable: " + upstreamGone + "\"}");
                return;
            }
            if (write && number == actAfterWrite) {
                action.run();
                reply(exchange, 502, null, "{\"message\":\"the answer was lost\"}");
                return;
            }
            String errorType = response.headers().firstValue("x-amzn-ErrorType").orElse(null);
            reply(exchange, response.statusCode(), errorType, new String(response.body(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitPartner() throws InterruptedException {
        synchronized (pairing) {
            if (waitingWrites > 0) {
                waitingWrites--;
                pairsMade++;
                pairing.notifyAll();
                return;
            }
            waitingWrites++;
            long before = pairsMade;
            long deadline = System.nanoTime() + pairWrites.toNanos();
            while (pairsMade == before && System.nanoTime() < deadline) {
                pairing.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            if (pairsMade == before) {
                waitingWrites--; // nobody came
            }
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        String target = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(upstream + target + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void reply(HttpExchange exchange, int status, String errorType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
