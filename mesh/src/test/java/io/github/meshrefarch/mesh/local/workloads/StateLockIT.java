package io.github.meshrefarch.mesh.local.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meshrefarch.mesh.local.DirectoryLock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A meshctl run waiting on the local mode's lock says who holds it, and gives up after a bound. */
class StateLockIT {

    @TempDir
    Path stateDir;

    @Test
    void lockHeldByAnotherProcess_waitNamesTheHolder_andGivesUpAfterTheBound() throws Exception {
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolder.class.getName(),
                        stateDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            var out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            List<String> waiting = new ArrayList<>();
            LocalStateStore store = new LocalStateStore(stateDir);

            assertThatThrownBy(() -> store.lock(Duration.ofSeconds(1), waiting::add))
                    .isInstanceOf(DirectoryLock.LockedException.class)
                    .hasMessageContaining("gave up after 1 s")
                    .hasMessageContaining("held by pid " + holder.pid() + " (")
                    .hasMessageContaining(LockHolder.class.getName());
            assertThat(waiting).singleElement().asString().contains("held by pid " + holder.pid() + " (");

            holder.getOutputStream().close(); // the holder releases the lock and exits
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            store.lock(Duration.ofSeconds(10), waiting::add).close();
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }
}
