package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LoadCommandIT {

    private final AtomicInteger requests = new AtomicInteger();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private volatile int status = 200;
    private HttpServer server;
    private String url;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"service\":\"Order\",\"version\":\"1.0\"}\n".getBytes();
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void load_jsonOutput_documentOnStdoutAndExitZero() {
        int exit = run("load", url, "--rps", "20", "--duration", "1s", "-o", "json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(out.toString());
        assertThat(report.get("url").asString()).isEqualTo(url);
        assertThat(report.get("sent").asLong()).isEqualTo(20);
        assertThat(report.get("succeeded").asLong()).isEqualTo(20);
        assertThat(report.get("latencyMs").propertyNames()).containsExactly("p50", "p90", "p99", "max");
        assertThat(report.get("errors").get("total").asLong()).isZero();
        assertThat(out.toString()).endsWith("\n").hasLineCount(1);
    }

    @Test
    void load_warmUp_sentFirstAndLeftOutOfTheFigures() {
        int exit = run("load", url, "--rps", "20", "--duration", "500ms", "--warm-up", "500ms");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .startsWith("warm-up     0.5 s, 10 requests (0 failed), not counted\n")
                .contains("sent        10\n")
                .contains("completed   10 (10 succeeded)");
        // each run also opens its connections with a few requests of its own (HttpLoadClient.WARM_UP_REQUESTS)
        assertThat(requests.get()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void load_failedRequests_textReportAndExitOne() {
        status = 503;

        int exit = run("load", url, "--rps", "20", "--duration", "500ms");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .contains("sent        10\n")
                .contains("completed   10 (0 succeeded)")
                .contains("errors      10 (connection 0, timeout 0, status 10: 503 x10)");
    }

    @Test
    void load_invalidInput_exitTwoWithTheReasonAndNothingSent() {
        assertInvalid("rate must be a positive number", "load", url, "--rps", "0", "--duration", "1s");
        assertInvalid("expected a duration such as", "load", url, "--rps", "10", "--duration", "10");
        assertInvalid(
                "URL must start with http:// or https://", "load", "localhost:8080", "--rps", "10", "--duration", "1s");
        assertInvalid("invalid URL 'http://bad host/'", "load", "http://bad host/", "--rps", "10", "--duration", "1s");
        assertInvalid(
                "connections must be at least 1", "load", url, "--rps", "1", "--duration", "1s", "--connections", "0");
        assertInvalid("expected one of [text, json]", "load", url, "--rps", "1", "--duration", "1s", "-o", "xml");
        assertInvalid("Missing required option: '--rps=N'", "load", url, "--duration", "1s");
        assertThat(requests).hasValue(0);
    }

    @Test
    void watch_invalidInput_exitTwoAndNothingSent() {
        assertInvalid("rate must be a positive number", "watch", url, "--rps", "-5", "--duration", "1s");
        assertInvalid("window must be a whole number of seconds", "watch", url, "--window", "1500ms");
        assertThat(requests).hasValue(0);
    }

    private void assertInvalid(String message, String... args) {
        StringWriter errors = new StringWriter();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(errors), args);
        assertThat(exit).as("exit code of %s", String.join(" ", args)).isEqualTo(2);
        assertThat(errors.toString()).contains(message);
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }
}
