package io.github.meshrefarch.mesh.cli;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;

/**
 * A real HTTP hop in front of a local control plane that forwards every request, except that it refuses the one
 * {@code method path} it was told to, with App Mesh's error shape: a control plane that rejects one request.
 */
final class RejectingProxy implements AutoCloseable {

    private final String rejected;
    private final ProxyHop hop;

    RejectingProxy(URI upstream, String method, String path) throws IOException {
        this.rejected = method + " " + path;
        this.hop = new ProxyHop(upstream, this::handle);
    }

    URI endpoint() {
        return hop.endpoint();
    }

    private void handle(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        if ((exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()).equals(rejected)) {
            ProxyHop.reply(exchange, 400, "BadRequestException", "{\"message\":\"rejected by the test's proxy\"}");
            return;
        }
        ProxyHop.relay(exchange, hop.forward(exchange, body));
    }

    @Override
    public void close() {
        hop.close();
    }
}
