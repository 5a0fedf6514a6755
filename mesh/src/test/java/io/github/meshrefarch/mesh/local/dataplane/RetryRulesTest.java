package io.github.meshrefarch.mesh.local.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.local.routetable.RetryPolicy;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryRulesTest {

    @Test
    void noPolicy_getsAppMeshDefault_twoRetriesOn503AndConnectionFailure() {
        RetryRules rules = RetryRules.of(null);

        assertThat(rules.maxRetries()).isEqualTo(2);
        assertThat(rules.retryStatuses()).containsExactly(503);
        assertThat(rules.onConnectFailure()).isTrue();
        assertThat(rules.onReset()).isFalse();
        assertThat(rules.perTryTimeout()).isNull();
        assertThat(rules.retriesTimeout()).isFalse();
    }

    @Test
    void serverError_coversAppMeshsListOf5xx_andResets() {
        RetryRules rules = RetryRules.of(policy("server-error"));

        assertThat(rules.retryStatuses())
                .containsExactlyInAnyOrder(500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511);
        assertThat(rules.retriesStatus(509)).isFalse();
        assertThat(rules.onReset()).isTrue();
        assertThat(rules.retriesTimeout()).isTrue();
    }

    @Test
    void gatewayError_covers502To504_clientError409() {
        assertThat(RetryRules.of(policy("gateway-error")).retryStatuses()).containsExactlyInAnyOrder(502, 503, 504);
        assertThat(RetryRules.of(policy("client-error")).retryStatuses()).containsExactly(409);
        assertThat(RetryRules.of(policy("client-error")).onReset()).isFalse();
    }

    @Test
    void tcpEvent_connectionError_enablesConnectRetries_perRetryTimeoutKept() {
        RetryRules withTcp = RetryRules.of(
                new RetryPolicy(3, Duration.ofMillis(250), Set.of("gateway-error"), Set.of("connection-error")));
        RetryRules withoutTcp =
                RetryRules.of(new RetryPolicy(3, Duration.ofMillis(250), Set.of("gateway-error"), Set.of()));

        assertThat(withTcp.onConnectFailure()).isTrue();
        assertThat(withoutTcp.onConnectFailure()).isFalse();
        assertThat(withTcp.maxRetries()).isEqualTo(3);
        assertThat(withTcp.perTryTimeout()).isEqualTo(Duration.ofMillis(250));
    }

    private static RetryPolicy policy(String httpEvent) {
        return new RetryPolicy(1, Duration.ofSeconds(1), Set.of(httpEvent), Set.of());
    }
}
