package io.github.meshrefarch.product;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Fault injection, off by default: an added latency ({@code FAULT_DELAY_MS}) and the fraction of requests answered
 * 500 ({@code FAULT_ERROR_RATE}, 0..1). Used to simulate a bad canary and in benchmarks. An invalid value fails
 * start-up.
 *
 * @param delay latency added to every answer of {@code GET /}; a bare number is read as milliseconds
 * @param errorRate fraction of requests answered 500, from 0 (none) to 1 (all)
 */
@ConfigurationProperties("fault")
record FaultProperties(Duration delay, double errorRate) {

    FaultProperties {
        if (delay == null) {
            delay = Duration.ZERO;
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("FAULT_DELAY_MS (fault.delay) must not be negative, was " + delay);
        }
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException(
                    "FAULT_ERROR_RATE (fault.error-rate) must be between 0 and 1, was " + errorRate);
        }
    }
}
