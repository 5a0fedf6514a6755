package io.github.meshrefarch.customer;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import reactor.core.publisher.Mono;

/** Applies the configured {@link FaultProperties} to one request: first the delay, then the decision to fail. */
class FaultInjection {

    private final FaultProperties properties;
    private final DoubleSupplier random;

    FaultInjection(FaultProperties properties) {
        this(properties, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random source of numbers in [0, 1): a request fails when the number drawn is below the error rate */
    FaultInjection(FaultProperties properties, DoubleSupplier random) {
        this.properties = properties;
        this.random = random;
    }

    /** Completes after the configured delay, at once when there is none. */
    Mono<Void> delay() {
        return properties.delay().isZero()
                ? Mono.empty()
                : Mono.delay(properties.delay()).then();
    }

    /** Draws whether this request is answered with an injected error. */
    boolean shouldFail() {
        return properties.errorRate() > 0 && random.getAsDouble() < properties.errorRate();
    }
}
