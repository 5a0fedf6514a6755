package io.github.meshrefarch.mesh.local.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.meshrefarch.mesh.local.dataplane.LocalDataPlane;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data plane's admin listener, the local counterpart of the Envoy admin interface that App Mesh's sidecar serves on
 * port {@value #DEFAULT_PORT}. It answers, on 127.0.0.1 only:
 *
 * <ul>
 *   <li>{@code GET /stats/prometheus}: the upstream statistics per cluster in Prometheus text format 0.0.4 (see
 *       {@link PrometheusText});
 *   <li>{@code GET /listeners}: the listeners in force, one {@code <virtual service>::<address>:<port>} per line, or
 *       JSON with {@code ?format=json};
 *   <li>{@code GET /config_dump}: the route table in force, as JSON;
 *   <li>{@code GET /ready}: 200 {@code LIVE} while the data plane serves, 503 otherwise.
 * </ul>
 *
 * Requests are served one at a time on one thread of their own, never on the data plane's event loops.
 */
public final class AdminListener implements AutoCloseable {

    /** Envoy's admin port. */
    public static final int DEFAULT_PORT = 9901;

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final HttpServer server;
    private final ExecutorService executor;
    private final LocalDataPlane dataPlane;

    private AdminListener(HttpServer server, ExecutorService executor, LocalDataPlane dataPlane) {
        this.server = server;
        this.executor = executor;
        this.dataPlane = dataPlane;
    }

    /**
     * Serves the admin endpoint of {@code dataPlane} on 127.0.0.1.
     *
     * @param port the port, 0 for a free one
     * @throws IOException when the port cannot be bound
     */
    public static AdminListener start(LocalDataPlane dataPlane, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dataplane-admin");
            thread.setDaemon(true);
            return thread;
        });
        AdminListener admin = new AdminListener(server, executor, dataPlane);
        server.createContext("/", admin::handle);
        server.setExecutor(executor);
        server.start();
        return admin;
    }

    /** Where the admin endpoint listens, e.g. {@code http://127.0.0.1:9901}. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain; charset=utf-8", "only GET is supported\n");
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            switch (exchange.getRequestURI().getPath()) {
                case "/stats/prometheus" ->
                    send(
                            exchange,
                            200,
                            PrometheusText.CONTENT_TYPE,
                            PrometheusText.render(dataPlane.clusterStats(), dataPlane.listenerStats()));
                case "/listeners" -> listeners(exchange, query != null && query.contains("format=json"));
                case "/config_dump" ->
                    send(
                            exchange,
                            200,
                            "application/json",
                            json(AdminDocuments.configDump(dataPlane.routeTable(), dataPlane.listenerAddresses())));
                case "/ready" -> {
                    boolean serving = dataPlane.serving();
                    send(exchange, serving ? 200 : 503, "text/plain; charset=utf-8", serving ? "LIVE\n" : "DRAINING\n");
                }
                default ->
                    send(
                            exchange,
                            404,
                            "text/plain; charset=utf-8",
                            "not found; try /stats/prometheus, /listeners, /config_dump or /ready\n");
            }
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain; charset=utf-8", "internal error: " + e + "\n");
        }
    }

    private void listeners(HttpExchange exchange, boolean asJson) throws IOException {
        var listeners = dataPlane.listenerAddresses();
        if (asJson) {
            send(exchange, 200, "application/json", json(AdminDocuments.listeners(listeners)));
            return;
        }
        var text = new StringBuilder();
        listeners.forEach((name, address) -> text.append(name)
                .append("::")
                .append(address.getAddress().getHostAddress())
                .append(':')
                .append(address.getPort())
                .append('\n'));
        send(exchange, 200, "text/plain; charset=utf-8", text.toString());
    }

    private static String json(Object document) {
        return JSON.writeValueAsString(document) + "\n";
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
