package io.github.meshrefarch.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A real service on a free port, with the warm-up auto-configured from this module, and its own readiness probe. */
class WarmUpBeforeReadyTest {

    private ConfigurableApplicationContext service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void warmUp_everyCallArrivesBeforeReadiness_andTheProbeSaysReadyAfterwards() throws Exception {
        service = start("warm-up.requests=50");
        Api api = service.getBean(Api.class);

        assertThat(api.seen).hasSizeGreaterThanOrEqualTo(50).containsOnly(ReadinessState.REFUSING_TRAFFIC);
        assertThat(probe()).isEqualTo(200);
    }

    @Test
    void warmUp_countsOnly2xx_andAsksAgainAfterOtherAnswers() {
        service = start("warm-up.requests=20", "api.failures-first=6");
        Api api = service.getBean(Api.class);

        assertThat(api.answered2xx.get()).isBetween(20, 20 + 3); // four callers: up to three finish one more
        assertThat(api.seen).hasSizeGreaterThanOrEqualTo(26).containsOnly(ReadinessState.REFUSING_TRAFFIC);
    }

    @Test
    void warmUp_neverAnswered2xx_holdsReadinessNoLongerThanItsTimeout() throws Exception {
        long start = System.nanoTime();
        service = start("warm-up.requests=10", "warm-up.timeout=1500ms", "api.failures-first=1000000");
        double seconds = (System.nanoTime() - start) / 1e9;

        Api api = service.getBean(Api.class);
        assertThat(api.answered2xx.get()).isZero();
        assertThat(api.seen).isNotEmpty().containsOnly(ReadinessState.REFUSING_TRAFFIC);
        assertThat(seconds).isGreaterThanOrEqualTo(1.5);
        assertThat(probe()).isEqualTo(200);
    }

    @Test
    void warmUp_off_sendsNothing() throws Exception {
        service = start("warm-up.requests=0");

        assertThat(service.getBean(Api.class).seen).isEmpty();
        assertThat(probe()).isEqualTo(200);
    }

    @Test
    void negativeRequests_theServiceDoesNotStart_andTheMessageNamesTheVariable() {
        assertThatThrownBy(() -> start("warm-up.requests=-1"))
                .rootCause()
                .hasMessageContaining("WARM_UP_REQUESTS")
                .hasMessageContaining("-1");
    }

    private static ConfigurableApplicationContext start(String... properties) {
        var all = new java.util.ArrayList<>(List.of(
                "server.port=0",
                "server.address=127.0.0.1",
                "spring.main.banner-mode=off",
                "management.endpoint.health.probes.enabled=true"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(TestService.class)
                .properties(all.toArray(String[]::new))
                .run();
    }

    private int probe() throws Exception {
        int port = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        HttpResponse<Void> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestService {

        @Bean
        Api api(ApplicationAvailability availability, org.springframework.core.env.Environment environment) {
            return new Api(availability, environment.getProperty("api.failures-first", Integer.class, 0));
        }
    }

    /** The service's API: records the readiness state each call arrives in; answers 503 to its first calls. */
    @RestController
    static class Api {

        final List<ReadinessState> seen = new CopyOnWriteArrayList<>();
        final AtomicInteger answered2xx = new AtomicInteger();
        private final AtomicInteger calls = new AtomicInteger();
        private final ApplicationAvailability availability;
        private final int failuresFirst;

        Api(ApplicationAvailability availability, int failuresFirst) {
            this.availability = availability;
            this.failuresFirst = failuresFirst;
        }

        @GetMapping("/")
        ResponseEntity<String> get() {
            seen.add(availability.getReadinessState());
            if (calls.incrementAndGet() <= failuresFirst) {
                return ResponseEntity.status(503).body("starting");
            }
            answered2xx.incrementAndGet();
            return ResponseEntity.ok("{}");
        }
    }
}
