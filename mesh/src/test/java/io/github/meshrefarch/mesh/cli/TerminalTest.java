package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {

    @Test
    void ansi_onlyOnATerminal_withoutNoColorOrADumbTerm() {
        assertThat(Terminal.ansi(true, Map.of("TERM", "xterm-256color"))).isTrue();
        assertThat(Terminal.ansi(true, Map.of("NO_COLOR", ""))).isTrue(); // empty means unset (no-color.org)
        assertThat(Terminal.ansi(true, Map.of("NO_COLOR", "1"))).isFalse();
        assertThat(Terminal.ansi(true, Map.of("TERM", "dumb"))).isFalse();
        assertThat(Terminal.ansi(false, Map.of())).isFalse();
    }
}
