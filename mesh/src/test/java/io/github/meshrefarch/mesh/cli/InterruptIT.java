package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.meshrefarch.mesh.local.workloads.LocalState;
import io.github.meshrefarch.mesh.local.workloads.LocalStateStore;
import io.github.meshrefarch.mesh.local.workloads.Probes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) or SIGTERM at a chosen moment of a real {@code meshctl} process: every process it started is gone
 * when it exits, and every port is free. Free ports and a state directory of the test's own, never the fixed ones.
 */
class InterruptIT {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path stateDir;

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Set<Long> seenPids = new TreeSet<>();
    private Process meshctl;

    @BeforeEach
    void freePorts() {
        for (String module : List.of("order-service", "product-service", "customer-service")) {
            assumeThat(Files.isRegularFile(REPOSITORY.resolve(module + "/target/" + module + ".jar")))
                    .as("the service jars are built by the reactor first: run ./mvnw verify from the root")
                    .isTrue();
        }
        for (String name : List.of(
                "controlplane",
                "product.default.svc.cluster.local",
                "customer.default.svc.cluster.local",
                "order",
                "product",
                "customer",
                "product-v15",
                "customer-v2")) {
            ports.put(name, freePort());
        }
    }

    @AfterEach
    void leaveNothingBehind() {
        if (meshctl != null) {
            meshctl.destroyForcibly();
        }
        seenPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void localUp_sigintWhileAWorkloadIsStarting_stopsEverythingItStarted() throws Exception {
        interruptAt("INT", starting(), "local", "up", "--state-dir", stateDir.toString());
    }

    @Test
    void localDeploy_sigtermWhileTheWorkloadIsStarting_stopsIt() throws Exception {
        interruptAt("TERM", starting(), "local", "deploy", "product", "customer", "--state-dir", stateDir.toString());
    }

    @Test
    void demo_sigintWhileTheV1WorkloadsStart_stopsEverythingItStarted() throws Exception {
        interruptAt("INT", starting(), "demo", "--state-dir", stateDir.toString());
    }

    @Test
    void portInUse_hintNamesTheStateDirectory() throws Exception {
        try (ServerSocket taken = new ServerSocket(ports.get("controlplane"), 1, InetAddress.getLoopbackAddress())) {
            meshctl = start("local", "up", "--state-dir", stateDir.toString());
            assertThat(meshctl.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(meshctl.exitValue()).isEqualTo(1);
            assertThat(Files.readString(stateDir.resolve("meshctl.out")))
                    .contains("port " + taken.getLocalPort() + " for the local App Mesh endpoint is already in use")
                    .contains("'./meshctl local down --state-dir " + stateDir.toAbsolutePath() + "'");
        }
    }

    /** A workload is recorded but not ready yet: meshctl waits for its readiness probe. */
    private static Predicate<LocalState> starting() {
        return state -> state.workloads().values().stream().anyMatch(w -> !w.ready());
    }

    private void interruptAt(String signal, Predicate<LocalState> moment, String... command) throws Exception {
        meshctl = start(command);
        LocalStateStore store = new LocalStateStore(stateDir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        boolean reached = false;
        while (!reached && meshctl.isAlive() && System.nanoTime() < deadline) {
            LocalState state = read(store);
            recordPids(state);
            reached = moment.test(state);
            Thread.sleep(20);
        }
        assertThat(reached).as("the moment came; meshctl said: %s", output()).isTrue();

        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(meshctl.pid()))
                        .start()
                        .waitFor())
                .isZero();
        assertThat(meshctl.waitFor(120, TimeUnit.SECONDS)).as("meshctl exits").isTrue();
        recordPids(read(store));

        assertThat(seenPids).isNotEmpty();
        List<Long> alive = seenPids.stream()
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .toList();
        assertThat(alive)
                .as("processes left running; meshctl said: %s", output())
                .isEmpty();
        List<String> taken = ports.entrySet().stream()
                .filter(entry -> !Probes.portFree(entry.getValue()))
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .toList();
        assertThat(taken).as("ports still bound").isEmpty();
    }

    private void recordPids(LocalState state) {
        if (state.daemon() != null) {
            seenPids.add(state.daemon().pid());
        }
        state.workloads().values().forEach(w -> seenPids.add(w.pid()));
    }

    private static LocalState read(LocalStateStore store) {
        try {
            return store.read();
        } catch (RuntimeException beingReplaced) {
            return LocalState.EMPTY;
        }
    }

    private Process start(String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dmeshctl.root=" + REPOSITORY,
                "-D" + LocalOptions.PORTS_PROPERTY + "="
                        + ports.entrySet().stream()
                                .map(entry -> entry.getKey() + "=" + entry.getValue())
                                .collect(Collectors.joining(",")),
                Main.class.getName()));
        line.addAll(List.of(command));
        Files.createDirectories(stateDir);
        return new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(stateDir.resolve("meshctl.out").toFile())
                .start();
    }

    private String output() throws IOException {
        return Files.readString(stateDir.resolve("meshctl.out"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
