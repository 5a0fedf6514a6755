package io.github.meshrefarch.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Order over real sockets against backends on loopback that answer well, late, badly or not at all. */
@ExtendWith(OutputCaptureExtension.class)
class OrderServiceIT {

    private static final String LINES = "{\"service\":\"Order\",\"version\":\"1.0\"}\n"
            + "{\"service\":\"Product\",\"version\":\"1.0\"}\n"
            + "{\"service\":\"Customer\",\"version\":\"1.0\"}\n";

    private static OrderApp order(Backend product, Backend customer, String... variables) {
        return order(product.url(), customer.url(), variables);
    }

    /**
     * Starts order against the given backends. Unless a test sets BACKEND_TIMEOUT_MS, the timeout is a generous 10 s:
     * those tests are about content, and a cold JVM on a busy machine can take seconds over its first call.
     */
    private static OrderApp order(String productUrl, String customerUrl, String... variables) {
        List<String> all = new ArrayList<>(List.of("PRODUCT_SVC_URL=" + productUrl, "CUSTOMER_SVC_URL=" + customerUrl));
        all.addAll(List.of(variables));
        if (all.stream().noneMatch(variable -> variable.startsWith("BACKEND_TIMEOUT_MS="))) {
            all.add("BACKEND_TIMEOUT_MS=10000");
        }
        return OrderApp.start(all.toArray(String[]::new));
    }

    /** A loopback URL where nothing listens: the port was free a moment ago and is closed again. */
    private static String downUrl() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void get_backendsUp_threeLinesByteForByte(CapturedOutput output) throws Exception {
        try (var product = Backend.answering("Product", "1.0", 0);
                var customer = Backend.answering("Customer", "1.0", 0);
                var order = order(product, customer)) {
            HttpResponse<String> response = order.get("/");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
            assertThat(response.body()).isEqualTo(LINES);
            assertThat(output).contains("Order 1.0 listening on port " + order.port());
        }
    }

    @Test
    void get_acceptJson_oneDocument() throws Exception {
        try (var product = Backend.answering("Product", "1.5", 0);
                var customer = Backend.answering("Customer", "2.0", 0);
                var order = order(product, customer, "SERVICE_VERSION=1.1")) {
            HttpResponse<String> response = order.get("/", "Accept", "application/json");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body())
                    .isEqualTo("{\"service\":\"Order\",\"version\":\"1.1\",\"backends\":["
                            + "{\"service\":\"Product\",\"version\":\"1.5\"},"
                            + "{\"service\":\"Customer\",\"version\":\"2.0\"}]}");
        }
    }

    @Test
    void get_productDown_badGatewayNamingProductWithinTheTimeoutUrlOnlyInTheLog(CapturedOutput output)
            throws Exception {
        String productUrl = downUrl();
        try (var customer = Backend.answering("Customer", "1.0", 0);
                var order = order(productUrl, customer.url(), "BACKEND_TIMEOUT_MS=5000")) {
            long start = System.nanoTime();
            HttpResponse<String> response = order.get("/");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.body())
                    .isEqualTo("{\"error\":\"product unavailable\",\"detail\":\"product refused the connection\"}");
            assertThat(output)
                    .contains("Answering 502: product at " + productUrl + " refused the connection: ")
                    .contains("Connection refused");
            assertThat(millis).as("answered within the timeout").isLessThan(5000);
        }
    }

    @Test
    void get_productSlowerThanTimeout_gatewayTimeoutNamingProductWithinABound() throws Exception {
        try (var product = Backend.answering("Product", "1.0", 5000);
                var customer = Backend.answering("Customer", "1.0", 0);
                var order = order(product, customer, "BACKEND_TIMEOUT_MS=500")) {
            order.get("/"); // warm-up: a cold JVM's first call may take longer than 500 ms, even to customer
            long start = System.nanoTime();
            HttpResponse<String> response = order.get("/");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(response.body())
                    .isEqualTo(
                            "{\"error\":\"product unavailable\",\"detail\":\"product did not answer within 500 ms\"}");
            assertThat(millis).as("answered soon after the 500 ms timeout").isBetween(500L, 3000L);
        }
    }

    @Test
    void get_customerAnswers500_badGatewayNamingCustomer() throws Exception {
        try (var product = Backend.answering("Product", "1.0", 0);
                var customer = Backend.failing(500);
                var order = order(product, customer)) {
            HttpResponse<String> response = order.get("/");

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body())
                    .isEqualTo(
                            "{\"error\":\"customer unavailable\",\"detail\":\"customer answered 500 Internal Server Error\"}");
        }
    }

    @Test
    void get_bothFail_namesProductThenCustomer() throws Exception {
        try (var product = Backend.answering("Product", "1.0", 5000);
                var customer = Backend.failing(503);
                var order = order(product, customer, "BACKEND_TIMEOUT_MS=300")) {
            order.get("/"); // warm-up: a cold JVM's first call may take longer than 300 ms, even to customer
            HttpResponse<String> response = order.get("/");

            assertThat(response.statusCode())
                    .as("not every failure is a timeout")
                    .isEqualTo(502);
            assertThat(response.body())
                    .isEqualTo("{\"error\":\"product and customer unavailable\",\"detail\":\"product did not answer"
                            + " within 300 ms; customer answered 503 Service Unavailable\"}");
        }
    }

    @Test
    void get_bothBackendsDelayed300Millis_calledInParallel() throws Exception {
        try (var product = Backend.answering("Product", "1.0", 300);
                var customer = Backend.answering("Customer", "1.0", 300);
                var order = order(product, customer)) {
            assertThat(order.get("/").body()).as("warm-up").isEqualTo(LINES);

            long fastest = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                assertThat(order.get("/").statusCode()).isEqualTo(200);
                fastest = Math.min(fastest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }

            // Called one after the other the backends take at least 600 ms; the fastest of three calls is taken so
            // that a noisy machine cannot fail the test, while a sequential implementation always would.
            assertThat(fastest).isBetween(300L, 549L);
        }
    }

    @Test
    void get_traceparentSent_backendsReceiveTheSameTraceId() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        try (var product = Backend.answering("Product", "1.0", 0);
                var customer = Backend.answering("Customer", "1.0", 0);
                var order = order(product, customer)) {
            order.get("/", "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

            assertThat(traceId(product.takeRequest())).isEqualTo(traceId);
            assertThat(traceId(customer.takeRequest())).isEqualTo(traceId);
        }
    }

    @Test
    void get_noTraceparent_backendsReceiveOneNewTrace() throws Exception {
        try (var product = Backend.answering("Product", "1.0", 0);
                var customer = Backend.answering("Customer", "1.0", 0);
                var order = order(product, customer)) {
            order.get("/");

            String traceId = traceId(product.takeRequest());
            assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
            assertThat(traceId(customer.takeRequest())).isEqualTo(traceId);
        }
    }

    @Test
    void actuator_probesPrometheusAndInfo_exposed() throws Exception {
        try (var order = order("http://127.0.0.1:1", "http://127.0.0.1:2")) {
            assertThat(order.get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
            assertThat(order.get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
            assertThat(order.get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
            assertThat(order.get("/actuator/info").body()).contains("\"artifact\":\"order-service\"");
        }
    }

    @Test
    void managementPort_probesAndMetricsThereNotOnTheServicePort(CapturedOutput output) throws Exception {
        try (var product = Backend.answering("Product", "1.0", 0);
                var customer = Backend.answering("Customer", "1.0", 0);
                var order = order(product, customer, "MANAGEMENT_PORT=0")) {
            int management = order.managementPort();

            assertThat(management).isNotEqualTo(order.port());
            assertThat(order.getOn(management, "/actuator/health/readiness").body())
                    .contains("\"status\":\"UP\"");
            assertThat(order.getOn(management, "/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
            assertThat(order.get("/actuator/health/readiness").statusCode()).isEqualTo(404);
            assertThat(order.get("/").body()).isEqualTo(LINES);
            assertThat(output).contains("Order 1.0 management (Actuator) on port " + management);
        }
    }

    @Test
    void invalidBackendUrl_startupFailsNamingTheVariable() {
        assertThatThrownBy(() -> order("localhost:8081", "http://127.0.0.1:2").close())
                .rootCause()
                .hasMessageStartingWith("PRODUCT_SVC_URL (backends.product-url) must be an http(s) URL");
    }

    private static String traceId(RecordedRequest request) {
        String traceparent = request.getHeaders().get("traceparent");
        assertThat(traceparent).as("traceparent header").isNotNull().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        return traceparent.split("-")[1];
    }
}
