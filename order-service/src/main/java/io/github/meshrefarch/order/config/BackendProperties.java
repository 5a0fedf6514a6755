package io.github.meshrefarch.order.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the backends are and how long one call may take.
 *
 * @param productUrl base URL of product-service ({@code PRODUCT_SVC_URL})
 * @param customerUrl base URL of customer-service ({@code CUSTOMER_SVC_URL})
 * @param timeout bound on one backend call, connecting included ({@code BACKEND_TIMEOUT_MS}); a bare number is read
 *     as milliseconds
 */
@ConfigurationProperties("backends")
public record BackendProperties(URI productUrl, URI customerUrl, Duration timeout) {

    public BackendProperties {
        requireHttpUrl(productUrl, "PRODUCT_SVC_URL (backends.product-url)");
        requireHttpUrl(customerUrl, "CUSTOMER_SVC_URL (backends.customer-url)");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(
                    "BACKEND_TIMEOUT_MS (backends.timeout) must be positive, was " + timeout);
        }
    }

    private static void requireHttpUrl(URI url, String name) {
        if (url == null
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || url.getHost() == null) {
            throw new IllegalArgumentException(
                    name + " must be an http(s) URL such as http://localhost:8081, was " + url);
        }
    }
}
