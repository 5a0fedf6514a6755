package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a SIGINT ({@code kill -INT}, Ctrl-C) can reach the processes a test starts. */
public final class Sigint {

    private static final long SIGINT_BIT = 1L << (2 - 1); // signal 2, bit 1 of /proc's masks

    private Sigint() {}

    /**
     * Fails, saying why, when this JVM ignores SIGINT: so does every process started in the background of a shell
     * without job control ({@code cmd &} in a script), and the processes a test starts inherit it. {@code kill -INT}
     * then does nothing, and a test of Ctrl-C would fail for a reason its assertions cannot show. Not Linux: no check.
     */
    public static void requireDeliverable() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseUnsignedLong(
                        line.substring("SigIgn:".length()).trim(), 16);
                assertThat(ignored & SIGINT_BIT)
                        .as("this JVM ignores SIGINT (started in the background of a shell without job control?),"
                                + " so kill -INT cannot reach the processes it starts: run the build in the"
                                + " foreground, or with 'set -m'")
                        .isZero();
            }
        }
    }
}
