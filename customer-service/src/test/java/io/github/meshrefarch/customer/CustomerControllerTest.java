package io.github.meshrefarch.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class CustomerControllerTest {

    private static final ServiceProperties SERVICE = new ServiceProperties("Customer", "2.0");

    private static WebTestClient client(FaultProperties faults, double draw) {
        return WebTestClient.bindToController(new CustomerController(SERVICE, new FaultInjection(faults, () -> draw)))
                .build();
    }

    @Test
    void get_noFaults_answersNameAndVersionAsCompactJson() {
        client(new FaultProperties(Duration.ZERO, 0), 0.0)
                .get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class)
                .isEqualTo("{\"service\":\"Customer\",\"version\":\"2.0\"}");
    }

    @Test
    void get_drawBelowErrorRate_answers500NamingTheInstance() {
        client(new FaultProperties(Duration.ZERO, 0.25), 0.24)
                .get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                .expectBody(String.class)
                .isEqualTo("{\"error\":\"injected fault\",\"service\":\"Customer\",\"version\":\"2.0\"}");
    }

    @Test
    void get_drawAtErrorRate_answers200() {
        client(new FaultProperties(Duration.ZERO, 0.25), 0.25)
                .get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void get_faultDelay_answersNoSoonerThanTheDelay() {
        long start = System.nanoTime();

        client(new FaultProperties(Duration.ofMillis(200), 0), 0.0)
                .get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
}
