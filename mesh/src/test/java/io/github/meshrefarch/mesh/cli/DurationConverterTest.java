package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void convert_unitsAndCombinations() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(converter.convert("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(converter.convert("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void convert_missingUnitOrGarbage_rejectedWithAnExample() {
        for (String value : new String[] {"10", "s", "1.5s", "-1s", "10 s", "1x", ""}) {
            assertThatThrownBy(() -> converter.convert(value))
                    .isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("such as 500ms, 10s, 1m");
        }
        assertThatThrownBy(() -> converter.convert("99999999999999999999h")).hasMessageContaining("too long");
    }
}
