package io.github.meshrefarch.mesh.local.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meshrefarch.mesh.model.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkloadEnvironmentTest {

    @Test
    void parse_keyValuePairs_laterPairWins_valueMayHoldEqualsOrBeEmpty() {
        Map<String, String> parsed = WorkloadEnvironment.parse(List.of(
                "FAULT_ERROR_RATE=0.3",
                "FAULT_DELAY_MS=300",
                "JAVA_TOOL_OPTIONS=-Da=b",
                "EMPTY=",
                "FAULT_DELAY_MS=50"));

        assertThat(parsed)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "FAULT_ERROR_RATE", "0.3", "FAULT_DELAY_MS", "50", "JAVA_TOOL_OPTIONS", "-Da=b", "EMPTY", ""));
        assertThat(WorkloadEnvironment.format(parsed))
                .isEqualTo("EMPTY= FAULT_DELAY_MS=50 FAULT_ERROR_RATE=0.3 JAVA_TOOL_OPTIONS=-Da=b");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "FAULT_ERROR_RATE|is not KEY=VALUE",
                "=0.3|'' is not an environment variable name",
                "1FAULT=1|'1FAULT' is not an environment variable name",
                "FAULT-RATE=1|'FAULT-RATE' is not an environment variable name",
                "SERVER_PORT=9999|SERVER_PORT is set by the local mode itself",
                "SERVICE_VERSION=2.0|SERVICE_VERSION is set by the local mode itself"
            })
    void parse_badPair_isInvalidInputNamingIt(String pair, String message) {
        assertThatThrownBy(() -> WorkloadEnvironment.parse(List.of("FAULT_DELAY_MS=1", pair)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--env '" + pair + "'")
                .hasMessageContaining(message);
    }
}
