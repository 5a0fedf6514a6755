package io.github.meshrefarch.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultPropertiesTest {

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.01, Double.NaN, Double.POSITIVE_INFINITY})
    void errorRate_outsideZeroToOne_rejectedNamingTheVariable(double rate) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FaultProperties(Duration.ZERO, rate))
                .withMessageContaining("FAULT_ERROR_RATE")
                .withMessageContaining("between 0 and 1");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.5, 1})
    void errorRate_withinZeroToOne_accepted(double rate) {
        assertThat(new FaultProperties(Duration.ZERO, rate).errorRate()).isEqualTo(rate);
    }

    @Test
    void delay_negative_rejectedNamingTheVariable() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FaultProperties(Duration.ofMillis(-1), 0))
                .withMessageContaining("FAULT_DELAY_MS");
    }

    @Test
    void delay_missing_meansNone() {
        assertThat(new FaultProperties(null, 0).delay()).isZero();
    }
}
