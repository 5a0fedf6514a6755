package io.github.meshrefarch.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Order against the packaged product and customer jars, each run as its own JVM with the environment variables of
 * the contract, as a deployment runs them.
 */
class OrderWithRealBackendsIT {

    private static ServiceProcess product;
    private static ServiceProcess customer;
    private static String productUrl;
    private static String customerUrl;

    @BeforeAll
    static void startBackends() throws Exception {
        product = ServiceProcess.start("product-service.jar", Map.of("SERVICE_VERSION", "1.5"));
        customer = ServiceProcess.start("customer-service.jar", Map.of("SERVICE_NAME", "Customer"));
        productUrl = product.awaitUrl();
        customerUrl = customer.awaitUrl();
    }

    @AfterAll
    static void stopBackends() throws Exception {
        if (product != null) {
            product.close();
        }
        if (customer != null) {
            customer.close();
        }
    }

    @Test
    void get_realBackends_threeLinesByteForByteAndOneDocumentForJson() throws Exception {
        try (var order = OrderApp.start(
                "PRODUCT_SVC_URL=" + productUrl, "CUSTOMER_SVC_URL=" + customerUrl, "BACKEND_TIMEOUT_MS=10000")) {
            HttpResponse<String> lines = order.get("/");
            HttpResponse<String> document = order.get("/", "Accept", "application/json");

            assertThat(lines.statusCode()).isEqualTo(200);
            assertThat(lines.body())
                    .isEqualTo("{\"service\":\"Order\",\"version\":\"1.0\"}\n"
                            + "{\"service\":\"Product\",\"version\":\"1.5\"}\n"
                            + "{\"service\":\"Customer\",\"version\":\"1.0\"}\n");
            assertThat(document.body())
                    .isEqualTo("{\"service\":\"Order\",\"version\":\"1.0\",\"backends\":["
                            + "{\"service\":\"Product\",\"version\":\"1.5\"},"
                            + "{\"service\":\"Customer\",\"version\":\"1.0\"}]}");
        }
    }

    @Test
    void get_productFaultDelayPastTheTimeoutThenStopped_gatewayTimeoutThenBadGatewayNamingProduct() throws Exception {
        try (var slowProduct = ServiceProcess.start("product-service.jar", Map.of("FAULT_DELAY_MS", "30000"))) {
            String slowProductUrl = slowProduct.awaitUrl();
            try (var order = OrderApp.start(
                    "PRODUCT_SVC_URL=" + slowProductUrl,
                    "CUSTOMER_SVC_URL=" + customerUrl,
                    "BACKEND_TIMEOUT_MS=5000")) {
                order.get("/"); // warm-up: on a busy machine a cold JVM's first call can take seconds, even to customer

                long start = System.nanoTime();
                HttpResponse<String> slow = order.get("/");
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

                assertThat(slow.statusCode()).isEqualTo(504);
                assertThat(slow.body())
                        .isEqualTo(
                                "{\"error\":\"product unavailable\",\"detail\":\"product did not answer within 5000 ms\"}");
                assertThat(millis).as("answered soon after the 5 s timeout").isBetween(5000L, 15000L);

                slowProduct.close();
                HttpResponse<String> stopped = order.get("/");

                assertThat(stopped.statusCode()).isEqualTo(502);
                assertThat(stopped.body())
                        .isEqualTo("{\"error\":\"product unavailable\",\"detail\":\"product refused the connection\"}");
            }
        }
    }
}
