package io.github.meshrefarch.mesh.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --verify-url}: after the routes are live, order's answers must show the weights. No data
 * plane runs here, so order is a loopback server that answers product versions in a fixed cycle:
 * 3 of 4 from 1.0 (what 75/25 gives) or all from 1.0 (a data plane that ignored the change).
 */
class GatewayApiVerifyIT extends MockClusterFixture {

    private HttpServer order;
    private ExecutorService executor;

    GatewayApiVerifyIT() {
        super("01", "02");
    }

    @AfterEach
    void stopOrder() {
        if (order != null) {
            order.stop(0);
            executor.shutdownNow();
        }
    }

    @Test
    void trafficFollowingTheWeights_passes() throws Exception {
        String url = startOrder(i -> i % 4 == 3 ? "1.5" : "1.0");

        var result = cluster.run("--verify-url", url, "step", "03", "--steps-dir", GatewayApiCluster.STEPS.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err())
                .contains("verifying the split from traffic at " + url)
                .contains("within bounds");
    }

    @Test
    void trafficIgnoringTheChange_isExit3() throws Exception {
        String url = startOrder(i -> "1.0");

        var result = cluster.run("--verify-url", url, "step", "03", "--steps-dir", GatewayApiCluster.STEPS.toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("traffic does not follow the weights (product answered 1.0");
    }

    private String startOrder(LongFunction<String> productVersion) throws Exception {
        AtomicLong requests = new AtomicLong();
        executor = Executors.newFixedThreadPool(4);
        order = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        order.setExecutor(executor);
        order.createContext("/", exchange -> {
            String body = "{\"service\":\"Order\",\"version\":\"1.0\"}\n{\"service\":\"Product\",\"version\":\""
                    + productVersion.apply(requests.getAndIncrement())
                    + "\"}\n{\"service\":\"Customer\",\"version\":\"1.0\"}\n";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        order.start();
        return "http://127.0.0.1:" + order.getAddress().getPort() + "/";
    }
}
