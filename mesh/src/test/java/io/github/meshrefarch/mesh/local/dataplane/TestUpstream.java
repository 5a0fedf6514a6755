package io.github.meshrefarch.mesh.local.dataplane;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A workload stand-in: a JDK HTTP server on an ephemeral loopback port that answers {@code {"node":"<name>"}} (echoing
 * a request body when there is one), or fails with a status, or never answers.
 */
final class TestUpstream implements AutoCloseable {

    static {
        // The JDK server writes headers and body separately: without this, Nagle's algorithm meets delayed ACKs.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private enum Behaviour {
        ANSWER,
        ANSWER_SLOWLY,
        FAIL,
        HANG
    }

    private final String name;
    private final Behaviour behaviour;
    private final int failureStatus;
    private final Duration delay;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<Headers> lastHeaders = new AtomicReference<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private TestUpstream(String name, Behaviour behaviour, int failureStatus, Duration delay) throws IOException {
        this.name = name;
        this.behaviour = behaviour;
        this.failureStatus = failureStatus;
        this.delay = delay;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static TestUpstream answering(String name) throws IOException {
        return new TestUpstream(name, Behaviour.ANSWER, 0, Duration.ZERO);
    }

    static TestUpstream answeringAfter(String name, Duration delay) throws IOException {
        return new TestUpstream(name, Behaviour.ANSWER_SLOWLY, 0, delay);
    }

    static TestUpstream failing(String name, int status) throws IOException {
        return new TestUpstream(name, Behaviour.FAIL, status, Duration.ZERO);
    }

    static TestUpstream hanging(String name) throws IOException {
        return new TestUpstream(name, Behaviour.HANG, 0, Duration.ZERO);
    }

    String name() {
        return name;
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    int requests() {
        return requests.get();
    }

    Headers lastHeaders() {
        return lastHeaders.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        lastHeaders.set(exchange.getRequestHeaders());
        byte[] requestBody = exchange.getRequestBody().readAllBytes();
        switch (behaviour) {
            case HANG -> awaitClose(Duration.ofSeconds(30));
            case ANSWER_SLOWLY -> {
                awaitClose(delay);
                respond(exchange, 200, ("{\"node\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8));
            }
            case FAIL -> respond(exchange, failureStatus, ("{\"node\":\"" + name + "\",\"failed\":true}").getBytes());
            case ANSWER ->
                respond(
                        exchange,
                        200,
                        requestBody.length > 0
                                ? requestBody
                                : ("{\"node\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        exchange.close();
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Served-By", "test-upstream");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void awaitClose(Duration atMost) {
        try {
            closed.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
