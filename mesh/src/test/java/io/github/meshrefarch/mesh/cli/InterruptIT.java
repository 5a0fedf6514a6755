package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.local.workloads.LocalState;
import io.github.meshrefarch.mesh.local.workloads.Probes;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ctrl-C (SIGINT) or SIGTERM at a chosen moment of a real {@code meshctl} process: every process it started is gone
 * when it exits, and every port is free. Free ports and a state directory of the test's own, never the fixed ones.
 */
class InterruptIT {

    /** meshctl on the JVM's default options: the signal arrives at the process a user runs. */
    @RegisterExtension
    final ChaosRig rig = new ChaosRig(List.of());

    private final Set<Long> seenPids = new TreeSet<>();

    @BeforeEach
    void requireServiceJars() {
        ChaosRig.requireServiceJars();
    }

    @Test
    void localUp_sigintWhileAWorkloadIsStarting_stopsEverythingItStarted() throws Exception {
        interruptAt("INT", starting(), "local", "up", "--state-dir", rig.dir().toString());
    }

    @Test
    void localDeploy_sigtermWhileTheWorkloadIsStarting_stopsIt() throws Exception {
        interruptAt(
                "TERM",
                starting(),
                "local",
                "deploy",
                "product",
                "customer",
                "--state-dir",
                rig.dir().toString());
    }

    @Test
    void demo_sigintWhileTheV1WorkloadsStart_stopsEverythingItStarted() throws Exception {
        interruptAt("INT", starting(), "demo", "--state-dir", rig.dir().toString());
    }

    @Test
    void portInUse_hintNamesTheStateDirectory() throws Exception {
        int port = rig.controlPlanePort();
        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            Process meshctl =
                    rig.startMeshctl("local", "up", "--state-dir", rig.dir().toString());
            assertThat(meshctl.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(meshctl.exitValue()).isEqualTo(1);
            assertThat(rig.output(meshctl))
                    .contains("port " + taken.getLocalPort() + " for the local App Mesh endpoint is already in use")
                    .contains("'./meshctl local down --state-dir " + rig.dir().toAbsolutePath() + "'");
        }
    }

    /** A workload is recorded but not ready yet: meshctl waits for its readiness probe. */
    private static Predicate<LocalState> starting() {
        return state -> state.workloads().values().stream().anyMatch(w -> !w.ready());
    }

    private void interruptAt(String signal, Predicate<LocalState> moment, String... command) throws Exception {
        if (signal.equals("INT")) {
            Sigint.requireDeliverable();
        }
        Process meshctl = rig.startMeshctl(command);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        boolean reached = false;
        while (!reached && meshctl.isAlive() && System.nanoTime() < deadline) {
            LocalState state = recordPids();
            reached = moment.test(state);
            Thread.sleep(20);
        }
        assertThat(reached)
                .as("the moment came; meshctl said: %s", rig.output(meshctl))
                .isTrue();

        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(meshctl.pid()))
                        .start()
                        .waitFor())
                .isZero();
        assertThat(meshctl.waitFor(120, TimeUnit.SECONDS)).as("meshctl exits").isTrue();
        recordPids();

        assertThat(seenPids).isNotEmpty();
        List<Long> alive = seenPids.stream()
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .toList();
        assertThat(alive)
                .as("processes left running; meshctl said: %s", rig.output(meshctl))
                .isEmpty();
        List<String> taken = rig.ports().entrySet().stream()
                .filter(entry -> !Probes.portFree(entry.getValue()))
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .toList();
        assertThat(taken).as("ports still bound").isEmpty();
    }

    /** The processes the state file names now: seen by this test, and killed by the rig at the end whatever happens. */
    private LocalState recordPids() {
        LocalState state = rig.recordLocalPids();
        if (state.daemon() != null) {
            seenPids.add(state.daemon().pid());
        }
        state.workloads().values().forEach(w -> seenPids.add(w.pid()));
        return state;
    }
}
