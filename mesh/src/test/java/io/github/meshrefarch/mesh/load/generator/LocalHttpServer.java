package io.github.meshrefarch.mesh.load.generator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A real HTTP server on a loopback ephemeral port, answering every request through one handler. */
public final class LocalHttpServer implements AutoCloseable {

    /** Writes the answer to the request numbered {@code index} (0, 1, 2, ... in arrival order). */
    @FunctionalInterface
    public interface Handler {
        Answer answer(long index) throws Exception;
    }

    public record Answer(int status, String body) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(32);
    private final AtomicLong requests = new AtomicLong();

    private LocalHttpServer(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, handler));
        server.start();
    }

    public static LocalHttpServer start(Handler handler) throws IOException {
        return new LocalHttpServer(handler);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public long requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = handler.answer(requests.getAndIncrement());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                answer = new Answer(500, e.toString());
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
