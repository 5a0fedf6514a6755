package io.github.meshrefarch.order.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackendsUnavailableExceptionTest {

    private static final BackendException PRODUCT_TIMED_OUT = new BackendException("product", true, "p slow");
    private static final BackendException CUSTOMER_TIMED_OUT = new BackendException("customer", true, "c slow");
    private static final BackendException CUSTOMER_REFUSED = new BackendException("customer", false, "c refused");

    @Test
    void oneFailure_namesThatBackend() {
        var failure = new BackendsUnavailableException(List.of(CUSTOMER_REFUSED));

        assertThat(failure.backends()).isEqualTo("customer");
        assertThat(failure.getMessage()).isEqualTo("c refused");
        assertThat(failure.allTimedOut()).isFalse();
    }

    @Test
    void twoFailures_namesBothAndJoinsDetails() {
        var failure = new BackendsUnavailableException(List.of(PRODUCT_TIMED_OUT, CUSTOMER_REFUSED));

        assertThat(failure.backends()).isEqualTo("product and customer");
        assertThat(failure.getMessage()).isEqualTo("p slow; c refused");
        assertThat(failure.allTimedOut()).isFalse();
    }

    @Test
    void publicDetail_joinsTheKindsWithoutTheLogDetails() {
        var product =
                new BackendException("product", false, "product refused the connection", "product at http://p:1 x");
        var customer = new BackendException("customer", true, "customer did not answer within 5 ms", "c at http://c:2");

        var failure = new BackendsUnavailableException(List.of(product, customer));

        assertThat(failure.publicDetail())
                .isEqualTo("product refused the connection; customer did not answer within 5 ms");
        assertThat(failure.getMessage()).isEqualTo("product at http://p:1 x; c at http://c:2");
    }

    @Test
    void onlyTimeouts_allTimedOut() {
        assertThat(new BackendsUnavailableException(List.of(PRODUCT_TIMED_OUT, CUSTOMER_TIMED_OUT)).allTimedOut())
                .isTrue();
    }

    @Test
    void noFailure_rejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BackendsUnavailableException(List.of()));
    }
}
