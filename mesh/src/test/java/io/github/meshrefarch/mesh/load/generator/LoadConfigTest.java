package io.github.meshrefarch.mesh.load.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadConfigTest {

    private static final URI URL = URI.create("http://127.0.0.1:8080/");

    @Test
    void new_nonPositiveRate_rejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LoadConfig.of(URL, 0, Duration.ofSeconds(1)))
                .withMessageContaining("rate must be a positive number");
        assertThatIllegalArgumentException().isThrownBy(() -> LoadConfig.of(URL, Double.NaN, Duration.ofSeconds(1)));
    }

    @Test
    void new_urlWithoutHttpSchemeOrHost_rejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LoadConfig.of(URI.create("ftp://host/"), 1, Duration.ofSeconds(1)))
                .withMessageContaining("http://");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LoadConfig.of(URI.create("http:///path"), 1, Duration.ofSeconds(1)))
                .withMessageContaining("no host");
    }

    @Test
    void new_nonPositiveDurationConnectionsOrTimeout_rejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LoadConfig.of(URL, 1, Duration.ZERO))
                .withMessageContaining("duration");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LoadConfig(URL, 1, Duration.ofSeconds(1), 0, Duration.ofSeconds(1)))
                .withMessageContaining("connections");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LoadConfig(URL, 1, Duration.ofSeconds(1), 1, Duration.ZERO))
                .withMessageContaining("timeout");
    }

    @Test
    void untilStopped_isUnboundedAndIntervalFollowsRate() {
        LoadConfig config = LoadConfig.untilStopped(URL, 250);

        assertThat(config.bounded()).isFalse();
        assertThat(config.intervalNanos()).isEqualTo(4_000_000);
    }
}
