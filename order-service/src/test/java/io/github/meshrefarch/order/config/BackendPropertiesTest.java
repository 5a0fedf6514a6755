package io.github.meshrefarch.order.config;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackendPropertiesTest {

    private static final URI PRODUCT = URI.create("http://localhost:8081");
    private static final URI CUSTOMER = URI.create("http://localhost:8082");

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8081", "ftp://localhost:8081", "/product", "http:///path"})
    void productUrl_notAnHttpUrl_rejectedNamingTheVariable(String url) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BackendProperties(URI.create(url), CUSTOMER, Duration.ofSeconds(2)))
                .withMessageStartingWith("PRODUCT_SVC_URL (backends.product-url) must be an http(s) URL");
    }

    @Test
    void customerUrl_missing_rejectedNamingTheVariable() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BackendProperties(PRODUCT, null, Duration.ofSeconds(2)))
                .withMessageStartingWith("CUSTOMER_SVC_URL (backends.customer-url)");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void timeout_notPositive_rejectedNamingTheVariable(long millis) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BackendProperties(PRODUCT, CUSTOMER, Duration.ofMillis(millis)))
                .withMessageStartingWith("BACKEND_TIMEOUT_MS (backends.timeout) must be positive");
    }
}
