package io.github.meshrefarch.order.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.order.client.BackendClient;
import io.github.meshrefarch.order.client.Backends;
import io.github.meshrefarch.order.config.ServiceProperties;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The controller over canned backend exchanges; {@code OrderServiceIT} covers the same over real sockets. */
@ExtendWith(OutputCaptureExtension.class)
class OrderControllerTest {

    // long enough that a canned answer on a busy machine (first request: Jackson, codecs loading) never loses to it
    private static final Duration TIMEOUT = Duration.ofMillis(2000);

    private static ExchangeFunction answering(HttpStatus status, String body) {
        return request -> Mono.just(ClientResponse.create(status)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .body(body)
                .build());
    }

    private static BackendClient backend(String name, ExchangeFunction exchange) {
        String url = "http://" + name + ":8080";
        return new BackendClient(
                name,
                url,
                WebClient.builder().baseUrl(url).exchangeFunction(exchange).build(),
                TIMEOUT);
    }

    private static WebTestClient order(ExchangeFunction product, ExchangeFunction customer) {
        var controller = new OrderController(
                new ServiceProperties("Order", "1.0"),
                new Backends(backend("product", product), backend("customer", customer)),
                JsonMapper.builder().build());
        return WebTestClient.bindToController(controller).build();
    }

    private static final ExchangeFunction PRODUCT_1_5 =
            answering(HttpStatus.OK, "{\"version\":\"1.5\",\"service\":\"Product\",\"extra\":true}");
    private static final ExchangeFunction CUSTOMER_2_0 =
            answering(HttpStatus.OK, "{\"service\":\"Customer\",\"version\":\"2.0\"}");

    @Test
    void get_backendsAnswer_threeCompactLinesInFixedOrderFromParsedAnswers() {
        order(PRODUCT_1_5, CUSTOMER_2_0)
                .get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class)
                .isEqualTo("{\"service\":\"Order\",\"version\":\"1.0\"}\n"
                        + "{\"service\":\"Product\",\"version\":\"1.5\"}\n"
                        + "{\"service\":\"Customer\",\"version\":\"2.0\"}\n");
    }

    @Test
    void get_acceptJson_oneDocumentWithBackendsArray() {
        order(PRODUCT_1_5, CUSTOMER_2_0)
                .get()
                .uri("/")
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class)
                .isEqualTo("{\"service\":\"Order\",\"version\":\"1.0\",\"backends\":["
                        + "{\"service\":\"Product\",\"version\":\"1.5\"},"
                        + "{\"service\":\"Customer\",\"version\":\"2.0\"}]}");
    }

    @Test
    void get_customerAnswers500_badGatewayNamingCustomer() {
        order(PRODUCT_1_5, answering(HttpStatus.INTERNAL_SERVER_ERROR, "{\"error\":\"injected fault\"}"))
                .get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectBody(String.class)
                .isEqualTo(
                        "{\"error\":\"customer unavailable\",\"detail\":\"customer answered 500 Internal Server Error\"}");
    }

    @Test
    void get_productNeverAnswers_gatewayTimeoutNamingProduct() {
        order(request -> Mono.never(), CUSTOMER_2_0)
                .get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectBody(String.class)
                .isEqualTo("{\"error\":\"product unavailable\",\"detail\":\"product did not answer within 2000 ms\"}");
    }

    @Test
    void get_productBodyNotServiceInfo_badGatewayNamingProduct() {
        order(answering(HttpStatus.OK, "{\"service\":\"Product\"}"), CUSTOMER_2_0)
                .get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("product unavailable")
                .jsonPath("$.detail")
                .isEqualTo("product answered an invalid body");
    }

    @Test
    void get_backendFails_bodyHasNoUrlNorExceptionClassWhichGoToTheLog(CapturedOutput output) {
        order(request -> Mono.error(new ConnectException("Connection refused")), CUSTOMER_2_0)
                .get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .doesNotContain("http://", ":8080", "Exception", "java.")
                        .contains("product refused the connection"));
        assertThat(output)
                .contains("Answering 502: product at http://product:8080 refused the connection: "
                        + "java.net.ConnectException: Connection refused");
    }

    @Test
    void get_backendAnswersOddStatusText_bodyUsesTheStandardReasonOnly() {
        ExchangeFunction odd = request -> Mono.just(ClientResponse.create(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .body("{}")
                .build());
        order(PRODUCT_1_5, odd)
                .get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("customer answered 503 Service Unavailable");
    }

    @Test
    void get_bothFail_namesBothInFixedOrderWithBadGatewayWhenNotAllTimedOut() {
        order(request -> Mono.error(new ConnectException("Connection refused")), request -> Mono.never())
                .get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectBody(String.class)
                .isEqualTo("{\"error\":\"product and customer unavailable\","
                        + "\"detail\":\"product refused the connection; customer did not answer within 2000 ms\"}");
    }
}
