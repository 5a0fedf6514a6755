package io.github.meshrefarch.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The packaged configuration over real HTTP: the application starts on an ephemeral port with the given variables. */
@ExtendWith(OutputCaptureExtension.class)
class ProductServiceIT {

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(); // what curl and WebClient speak

    /** Starts the application with the given environment variables (passed as properties) and SERVER_PORT=0. */
    private static ConfigurableApplicationContext start(String... variables) {
        String[] args = Stream.concat(Stream.of("SERVER_PORT=0"), Stream.of(variables))
                .map(variable -> "--" + variable)
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ProductServiceApplication.class).run(args);
    }

    private static URI uri(ConfigurableApplicationContext app, String path) {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(ConfigurableApplicationContext app, String path)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(app, path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                BodyHandlers.ofString());
    }

    @Test
    void defaults_answersProductOneDotZeroLogsPortAndExposesActuator(CapturedOutput output) throws Exception {
        try (var app = start()) {
            HttpResponse<String> response = get(app, "/");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.body()).isEqualTo("{\"service\":\"Product\",\"version\":\"1.0\"}");
            assertThat(output)
                    .contains("Product 1.0 listening on port " + uri(app, "/").getPort());
            for (int i = 0; i < 20; i++) {
                assertThat(get(app, "/").statusCode()).as("no fault by default").isEqualTo(200);
            }
            assertThat(get(app, "/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
            assertThat(get(app, "/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
            assertThat(get(app, "/actuator/prometheus").body()).contains("http_server_requests_seconds_count");
            assertThat(get(app, "/actuator/info").body()).contains("\"build\"").contains("\"version\"");
        }
    }

    @Test
    void managementPort_actuatorAnswersThereOnlyAndItsPortIsLogged(CapturedOutput output) throws Exception {
        try (var app = start("MANAGEMENT_PORT=0")) {
            int management = app.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
            URI readiness = URI.create("http://127.0.0.1:" + management + "/actuator/health/readiness");

            assertThat(management).isNotEqualTo(uri(app, "/").getPort());
            assertThat(http.send(HttpRequest.newBuilder(readiness).build(), BodyHandlers.ofString())
                            .body())
                    .contains("\"status\":\"UP\"");
            assertThat(get(app, "/actuator/health/readiness").statusCode())
                    .as("not on the service port")
                    .isEqualTo(404);
            assertThat(get(app, "/").statusCode()).isEqualTo(200);
            assertThat(output).contains("Product 1.0 management (Actuator) on port " + management);
        }
    }

    @Test
    void faultErrorRateOne_everyRequestAnswers500NamingTheVersionFromTheEnvironment() throws Exception {
        try (var app = start("SERVICE_VERSION=1.5", "FAULT_ERROR_RATE=1")) {
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> response = get(app, "/");
                assertThat(response.statusCode()).isEqualTo(500);
                assertThat(response.body())
                        .isEqualTo("{\"error\":\"injected fault\",\"service\":\"Product\",\"version\":\"1.5\"}");
            }
            assertThat(get(app, "/actuator/health/readiness").statusCode())
                    .as("a failing instance stays ready, like a bad canary")
                    .isEqualTo(200);
        }
    }

    @Test
    void faultDelay_concurrentRequests_delayedIndependently() throws Exception {
        try (var app = start("SERVICE_NAME=Customer", "SERVICE_VERSION=2.0", "FAULT_DELAY_MS=300")) {
            assertThat(get(app, "/").body()).isEqualTo("{\"service\":\"Customer\",\"version\":\"2.0\"}");
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                responses.add(
                        http.sendAsync(HttpRequest.newBuilder(uri(app, "/")).build(), BodyHandlers.ofString()));
            }
            for (var response : responses) {
                assertThat(response.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(millis)
                    .as("four requests delayed 300 ms each, served concurrently")
                    .isBetween(300L, 1100L);
        }
    }

    @Test
    void faultErrorRateOutOfRange_startupFailsNamingTheVariable() {
        assertThatThrownBy(() -> start("FAULT_ERROR_RATE=1.5").close())
                .hasRootCauseMessage("FAULT_ERROR_RATE (fault.error-rate) must be between 0 and 1, was 1.5");
    }

    @Test
    void shutdown_requestInFlight_completesBeforeTheServerStops() throws Exception {
        var app = start("FAULT_DELAY_MS=1000");
        get(app, "/"); // opens the keep-alive connection the next request reuses
        CompletableFuture<HttpResponse<String>> inFlight =
                http.sendAsync(HttpRequest.newBuilder(uri(app, "/")).build(), BodyHandlers.ofString());
        Thread.sleep(300);

        app.close();

        HttpResponse<String> response = inFlight.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"service\":\"Product\"");
    }
}
