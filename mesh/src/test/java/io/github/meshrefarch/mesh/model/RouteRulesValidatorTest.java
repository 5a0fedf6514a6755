package io.github.meshrefarch.mesh.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteRulesValidatorTest {

    private static final MeshDuration HALF_SECOND = MeshDuration.millis(500);
    private static final List<String> GATEWAY = List.of("gateway-error");

    static Stream<Arguments> badRetryPolicies() {
        return Stream.of(
                Arguments.of(new RetryPolicy(null, HALF_SECOND, GATEWAY, null), "retryPolicy.maxRetries is missing"),
                Arguments.of(new RetryPolicy(-1L, HALF_SECOND, GATEWAY, null), "maxRetries -1 must be 0 or more"),
                Arguments.of(new RetryPolicy(2L, null, GATEWAY, null), "retryPolicy.perRetryTimeout is missing"),
                Arguments.of(
                        new RetryPolicy(2L, new MeshDuration("m", 5L), GATEWAY, null),
                        "perRetryTimeout.unit must be s or ms, got m"),
                Arguments.of(
                        new RetryPolicy(2L, new MeshDuration("ms", -5L), GATEWAY, null),
                        "perRetryTimeout.value -5 must be 0 or more"),
                Arguments.of(
                        new RetryPolicy(2L, new MeshDuration("ms", null), GATEWAY, null),
                        "perRetryTimeout.value is missing"),
                Arguments.of(new RetryPolicy(2L, HALF_SECOND, null, null), "must name at least one event"),
                Arguments.of(
                        new RetryPolicy(2L, HALF_SECOND, List.of(), null),
                        "httpRetryEvents must hold 1 to 25 events when present, got 0"),
                Arguments.of(
                        new RetryPolicy(2L, HALF_SECOND, Collections.nCopies(26, "server-error"), null),
                        "httpRetryEvents must hold 1 to 25 events when present, got 26"),
                Arguments.of(
                        new RetryPolicy(2L, HALF_SECOND, List.of("5xx"), null),
                        "httpRetryEvents: '5xx' is not one of client-error, gateway-error, server-error, stream-error"),
                Arguments.of(
                        new RetryPolicy(2L, HALF_SECOND, null, List.of("connection-error", "connection-error")),
                        "tcpRetryEvents must hold 1 to 1 events when present, got 2"),
                Arguments.of(
                        new RetryPolicy(2L, HALF_SECOND, null, List.of("reset")),
                        "tcpRetryEvents: 'reset' is not one of connection-error"));
    }

    @ParameterizedTest
    @MethodSource("badRetryPolicies")
    void retryPolicy_outsideAppMeshsLimits_isAProblemNamingTheField(RetryPolicy policy, String problem) {
        List<String> problems = new ArrayList<>();

        RouteRulesValidator.checkRetryPolicy(problems, "routes[1].retryPolicy", policy);

        assertThat(problems)
                .anySatisfy(p -> assertThat(p).startsWith("routes[1].").contains(problem));
    }

    static Stream<Arguments> goodRetryPolicies() {
        return Stream.of(
                Arguments.of(new RetryPolicy(
                        2L, HALF_SECOND, List.of("server-error", "gateway-error"), List.of("connection-error"))),
                Arguments.of(new RetryPolicy(0L, MeshDuration.seconds(0), null, List.of("connection-error"))),
                Arguments.of(new RetryPolicy(
                        10L,
                        MeshDuration.seconds(3),
                        List.of("server-error", "gateway-error", "client-error", "stream-error"),
                        null)));
    }

    @ParameterizedTest
    @MethodSource("goodRetryPolicies")
    void retryPolicy_withinAppMeshsLimits_hasNoProblem(RetryPolicy policy) {
        List<String> problems = new ArrayList<>();

        RouteRulesValidator.checkRetryPolicy(problems, "routes[0].retryPolicy", policy);

        assertThat(problems).isEmpty();
    }

    static Stream<Arguments> timeouts() {
        return Stream.of(
                Arguments.of(new HttpTimeout(MeshDuration.seconds(3), MeshDuration.seconds(300)), null),
                Arguments.of(new HttpTimeout(MeshDuration.millis(0), null), null),
                Arguments.of(new HttpTimeout(null, new MeshDuration("h", 1L)), "timeout.idle.unit must be s or ms"),
                Arguments.of(
                        new HttpTimeout(new MeshDuration("s", -1L), null), "timeout.perRequest.value -1 must be 0"));
    }

    @ParameterizedTest
    @MethodSource("timeouts")
    void timeout_checkedAsAppMeshDurations(HttpTimeout timeout, String problem) {
        List<String> problems = new ArrayList<>();

        RouteRulesValidator.checkTimeout(problems, "routes[0].timeout", timeout);

        if (problem == null) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).anySatisfy(p -> assertThat(p).contains(problem));
        }
    }
}
