package io.github.meshrefarch.warmup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The warm-up before readiness ({@code warm-up.*}; each service maps them to environment variables, see the README).
 *
 * @param requests how many of its calls to itself must be answered 2xx before the service reports ready; 0 turns the
 *     warm-up off
 * @param concurrency how many calls are in flight at once
 * @param path the path they ask for, the service's own API
 * @param timeout the longest the warm-up may hold readiness back, whatever the answers
 */
@ConfigurationProperties("warm-up")
public record WarmUpProperties(
        @DefaultValue("0") int requests,
        @DefaultValue("4") int concurrency,
        @DefaultValue("/") String path,
        @DefaultValue("20s") Duration timeout) {

    public WarmUpProperties {
        if (requests < 0) {
            throw new IllegalArgumentException(
                    "warm-up.requests (WARM_UP_REQUESTS) must be 0 (off) or more, not " + requests);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("warm-up.concurrency must be 1 or more, not " + concurrency);
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("warm-up.path must start with '/', not '" + path + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("warm-up.timeout must be positive, not " + timeout);
        }
    }
}
