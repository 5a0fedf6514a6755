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

/**
 * The real HTTP hop the test proxies are made of: a loopback server on a free port that hands each request, its body
 * read, to a {@link Handler}, which forwards it to the upstream control plane as it came, or answers in App Mesh's
 * error shape itself.
 */
final class ProxyHop implements AutoCloseable {

    /** What a proxy does with one request. */
    interface Handler {
        void handle(HttpExchange exchange, byte[] body) throws IOException, InterruptedException;
    }

    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect");

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI upstream;

    /** A hop that handles one request at a time, on the server's own thread. */
    ProxyHop(URI upstream, Handler handler) throws IOException {
        this(upstream, handler, null);
    }

    /** A hop that handles requests on {@code executor} (shut down on close), or on the server's thread when null. */
    ProxyHop(URI upstream, Handler handler, ExecutorService executor) throws IOException {
        this.upstream = upstream;
        this.executor = executor;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                handler.handle(exchange, exchange.getRequestBody().readAllBytes());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Sends the request upstream as it came (method, path, query, headers, {@code body}) and returns the answer. */
    HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
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

    /** Passes upstream's answer back: status, App Mesh's error type, body. */
    static void relay(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        String errorType = response.headers().firstValue("x-amzn-ErrorType").orElse(null);
        reply(exchange, response.statusCode(), errorType, new String(response.body(), StandardCharsets.UTF_8));
    }

    /** Answers as the control plane does: JSON, with App Mesh's error type header when {@code errorType} is set. */
    static void reply(HttpExchange exchange, int status, String errorType, String body) throws IOException {
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
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
