package io.github.meshrefarch.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code target/aot/run}, the fast way the build writes, as a process: Spring's build-time context with Actuator on
 * {@code MANAGEMENT_PORT}, and the regular start-up without it (the generated context was made for a management port
 * of its own and cannot serve Actuator on the service's port).
 */
class FastPathIT {

    private static final Path RUN = Path.of("target", "aot", "run");
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Process service;
    private Path log;

    @BeforeEach
    void runScriptBuilt() throws IOException {
        assumeTrue(Files.isExecutable(RUN), "no target/aot/run: the build's AOT step was skipped (-Daot.skip=true)");
        log = Files.createTempFile(Path.of("target"), "fast-path", ".log");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void run_withManagementPort_startsSpringsBuildTimeContextWithActuatorOnItsOwnPort() throws Exception {
        int port = freePort();
        int management = freePort();
        service = start(Map.of("SERVER_PORT", port, "MANAGEMENT_PORT", management));

        awaitReady(management);

        assertThat(get(port, "/").body()).isEqualTo("{\"service\":\"Product\",\"version\":\"1.0\"}");
        assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(404);
        assertThat(Files.readString(log)).contains("Starting AOT-processed ProductServiceApplication");
    }

    @Test
    void run_withoutManagementPort_startsTheRegularWayWithActuatorOnTheServicePort() throws Exception {
        int port = freePort();
        service = start(Map.of("SERVER_PORT", port));

        awaitReady(port);

        assertThat(get(port, "/").body()).isEqualTo("{\"service\":\"Product\",\"version\":\"1.0\"}");
        assertThat(Files.readString(log))
                .contains("Starting ProductServiceApplication")
                .doesNotContain("AOT-processed");
    }

    private Process start(Map<String, Integer> ports) throws IOException {
        var builder = new ProcessBuilder(RUN.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("MANAGEMENT_PORT");
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        ports.forEach((name, value) -> builder.environment().put(name, Integer.toString(value)));
        return builder.start();
    }

    private void awaitReady(int port) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(service.isAlive())
                    .as("the service exited (%s)", Files.readString(log))
                    .isTrue();
            try {
                if (get(port, "/actuator/health/readiness").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not ready within " + READY_TIMEOUT + ": " + Files.readString(log));
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
