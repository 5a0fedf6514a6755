package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.meshrefarch.mesh.local.workloads.LocalState;
import io.github.meshrefarch.mesh.local.workloads.LocalStateStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real meshctl processes on free ports with a state directory of their own, for the chaos tests: runs commands as a
 * user would, reads the mesh back with the AWS SDK, and kills (by pid) everything that was started, whatever happened.
 * A JUnit extension, one per test: {@code @RegisterExtension final ChaosRig rig = new ChaosRig();} makes a fresh
 * temporary directory before each test, and after it kills every process and deletes the directory.
 */
final class ChaosRig implements BeforeEachCallback, AfterEachCallback {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(150);
    /** meshctl's JVM tuned for a quick start on a small machine: C1 only, serial GC. */
    static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    record Result(int exitCode, String output) {}

    private final List<String> jvmOptions;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Set<Long> pids = new TreeSet<>();
    private final Map<Process, Path> started = new LinkedHashMap<>();
    private final AtomicInteger runs = new AtomicInteger();
    private Path stateDir;

    ChaosRig() {
        this(QUICK_START);
    }

    /** A rig whose meshctl processes run with {@code jvmOptions} (none: the JVM's defaults). */
    ChaosRig(List<String> jvmOptions) {
        this.jvmOptions = List.copyOf(jvmOptions);
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

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        stateDir = Files.createTempDirectory("chaos-rig");
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException, InterruptedException {
        try {
            killEverything();
        } finally {
            try (Stream<Path> files = Files.walk(stateDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The test's own directory: MESHCTL_HOME of every process started here, and room for the test's files. */
    Path dir() {
        return stateDir;
    }

    /** Every port this rig gives the local mode, by name. */
    Map<String, Integer> ports() {
        return Collections.unmodifiableMap(ports);
    }

    /** Skips a test that runs the services when their jars are not built. */
    static void requireServiceJars() {
        for (String module : List.of("order-service", "product-service", "customer-service")) {
            assumeThat(Files.isRegularFile(REPOSITORY.resolve(module + "/target/" + module + ".jar")))
                    .as("the service jars are built by the reactor first: run ./mvnw verify from the root")
                    .isTrue();
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + ports.get("controlplane"));
    }

    int controlPlanePort() {
        return ports.get("controlplane");
    }

    URI order() {
        return URI.create("http://127.0.0.1:" + ports.get("order") + "/");
    }

    /** The java command that runs meshctl in a fresh JVM with this rig's ports. */
    List<String> javaCommand(String... args) {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        line.addAll(jvmOptions);
        line.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "-Dmeshctl.root=" + REPOSITORY,
                "-D" + LocalOptions.PORTS_PROPERTY + "="
                        + ports.entrySet().stream()
                                .map(entry -> entry.getKey() + "=" + entry.getValue())
                                .collect(Collectors.joining(",")),
                Main.class.getName()));
        line.addAll(List.of(args));
        return line;
    }

    /** Starts {@code command} (a whole command line) with MESHCTL_HOME set to the state directory; output to a file. */
    Process start(List<String> command) throws IOException {
        Files.createDirectories(stateDir);
        Path output = stateDir.resolve("run-" + runs.incrementAndGet() + ".out");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("MESHCTL_HOME", stateDir.toString());
        builder.environment().remove("MESHCTL_ENDPOINT_URL");
        Process process = builder.start();
        synchronized (started) {
            started.put(process, output);
            pids.add(process.pid());
        }
        return process;
    }

    /** Starts meshctl {@code args} in a fresh JVM. */
    Process startMeshctl(String... args) throws IOException {
        return start(javaCommand(args));
    }

    /** Runs meshctl {@code args} to its end (bounded) and returns its exit code and output (stdout and stderr). */
    Result meshctl(String... args) throws IOException, InterruptedException {
        return finish(startMeshctl(args));
    }

    /** Runs meshctl against this rig's control plane: {@code --endpoint-url} first. */
    Result mesh(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--endpoint-url", endpoint().toString()));
        all.addAll(List.of(args));
        return meshctl(all.toArray(String[]::new));
    }

    Result finish(Process process) throws IOException, InterruptedException {
        assertThat(process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("meshctl ends in time")
                .isTrue();
        recordLocalPids();
        return new Result(process.exitValue(), output(process));
    }

    /** What {@code process} (started here) has written so far, stdout and stderr. */
    String output(Process process) throws IOException {
        Path output;
        synchronized (started) {
            output = started.get(process);
        }
        return Files.readString(output);
    }

    /**
     * The walkthrough up to its canary, as a user runs it: {@code local up}, step 02, {@code local deploy product-v15},
     * step 03 (product-r 75/25).
     */
    void walkthroughToStep03() throws IOException, InterruptedException {
        requireOk(meshctl("local", "up", "--state-dir", stateDir.toString()));
        requireOk(mesh("step", "02"));
        requireOk(meshctl("local", "deploy", "product-v15", "--state-dir", stateDir.toString()));
        requireOk(mesh("step", "03"));
    }

    static Result requireOk(Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result;
    }

    /** Waits until {@code url} answers 200, failing when {@code process} ends first or after {@code timeout}. */
    void awaitAnswer(Process process, URI url, Duration timeout) throws InterruptedException {
        var http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive())
                    .as("%s is alive", process.info().commandLine())
                    .isTrue();
            try {
                var answer = http.send(
                        java.net.http.HttpRequest.newBuilder(url)
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError(url + " did not answer within " + timeout);
    }

    /** The local mode's state file as it is now (empty while it is being replaced). */
    LocalState localState() {
        try {
            return new LocalStateStore(stateDir).read();
        } catch (RuntimeException beingReplaced) {
            return LocalState.EMPTY;
        }
    }

    /**
     * Remembers every process the local mode's state file names, to kill them at the end whatever happens; returns the
     * state it read.
     */
    LocalState recordLocalPids() {
        LocalState state = localState();
        synchronized (started) {
            if (state.daemon() != null) {
                pids.add(state.daemon().pid());
            }
            state.workloads().values().forEach(w -> pids.add(w.pid()));
        }
        return state;
    }

    /** kill -9 of one process, waited for. */
    static void kill9(long pid) throws InterruptedException {
        ProcessHandle.of(pid).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
    }

    /**
     * Starts {@code meshctl local controlplane} on this rig's control plane port and {@code state}, under a file size
     * limit ({@code ulimit -f}, in KiB) when {@code limitKib > 0}; returns once it answers.
     */
    Process startControlPlane(Path state, long limitKib) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (limitKib > 0) {
            command.addAll(List.of("bash", "-c", "ulimit -S -f " + limitKib + " && exec \"$@\"", "bash"));
        }
        command.addAll(javaCommand(
                "local",
                "controlplane",
                "--port",
                Integer.toString(controlPlanePort()),
                "--state-dir",
                state.toString()));
        Process process = start(command);
        awaitAnswer(process, URI.create(endpoint() + "/v20190125/meshes"), Duration.ofSeconds(60));
        return process;
    }

    /** Every resource of {@code mesh} with its version and spec: see {@link MeshReadBack#snapshot}. */
    Map<String, String> snapshot(String mesh) {
        return MeshReadBack.snapshot(endpoint(), mesh);
    }

    String weights(String mesh, String router, String route) {
        return MeshReadBack.weights(endpoint(), mesh, router, route);
    }

    /** Kills every process started here or named by the state file, by pid, and waits for each. */
    private void killEverything() throws InterruptedException {
        recordLocalPids();
        List<Long> all;
        synchronized (started) {
            all = List.copyOf(pids);
        }
        for (long pid : all) {
            kill9(pid);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
