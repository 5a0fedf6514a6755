package io.github.meshrefarch.mesh.local.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meshrefarch.mesh.local.DirectoryLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per state directory, and a start-up that leaves other processes' files alone. */
class StateDirectoryIT {

    @TempDir
    Path stateDir;

    @Test
    void secondControlPlaneOnTheSameDirectory_isRefusedNamingTheHolder() throws Exception {
        try (LocalControlPlane first = LocalControlPlane.start(0, stateDir)) {
            assertThatThrownBy(() -> LocalControlPlane.start(0, stateDir))
                    .isInstanceOf(DirectoryLock.LockedException.class)
                    .hasMessageContaining(
                            "is in use by pid " + ProcessHandle.current().pid() + " (");
            assertThat(Files.readString(stateDir.resolve(LocalControlPlane.LOCK_FILE_NAME)))
                    .startsWith("pid " + ProcessHandle.current().pid() + " (");
        }
        LocalControlPlane.start(0, stateDir).close(); // released on close
    }

    @Test
    void startUp_keepsTheTemporaryFileOfALiveWriter_andRemovesThoseOfDeadOnes() throws Exception {
        Process liveWriter = new ProcessBuilder("sleep", "60").start();
        Process deadWriter = new ProcessBuilder("true").start();
        try {
            assertThat(deadWriter.waitFor(10, TimeUnit.SECONDS)).isTrue();
            Path live = Files.writeString(stateDir.resolve(".appmesh-state-" + liveWriter.pid() + "-1.tmp"), "{");
            Path dead = Files.writeString(stateDir.resolve(".appmesh-state-" + deadWriter.pid() + "-2.tmp"), "{");

            LocalControlPlane.start(0, stateDir).close();

            assertThat(live).exists();
            assertThat(dead).doesNotExist();
        } finally {
            liveWriter.destroyForcibly().waitFor();
        }
    }
}
