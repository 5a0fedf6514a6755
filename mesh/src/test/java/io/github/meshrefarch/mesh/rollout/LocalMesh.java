package io.github.meshrefarch.mesh.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.meshrefarch.mesh.cli.Main;
import io.github.meshrefarch.mesh.local.workloads.LocalCluster;
import io.github.meshrefarch.mesh.local.workloads.LocalTopology;
import io.github.meshrefarch.mesh.model.DescriptionReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The local mode for real on free ports (the mesh daemon and the workloads as JVM processes from the service jars),
 * with the walkthrough's mesh up to step 05 (product-v15-vn and customer-v2-vn exist, all traffic on v1), driven
 * through {@link Main#run} as a user would. Stops every process it started by pid in {@link #close()}.
 */
final class LocalMesh implements AutoCloseable {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    record Result(int exitCode, String out, String err) {}

    final LocalCluster cluster;
    final Path stateDir;

    private LocalMesh(LocalCluster cluster, Path stateDir) {
        this.cluster = cluster;
        this.stateDir = stateDir;
    }

    /** Starts the daemon and {@code workloads}, and runs steps 01, 02 and 05. */
    static LocalMesh start(Path stateDir, List<String> workloads) {
        for (String module : List.of("order-service", "product-service", "customer-service")) {
            assumeThat(Files.isRegularFile(REPOSITORY.resolve(module + "/target/" + module + ".jar")))
                    .as("the service jars are built by the reactor first: run ./mvnw verify from the root")
                    .isTrue();
        }
        LocalTopology walkthrough = LocalTopology.of(DescriptionReader.readDescription(Path.of("demomesh.yaml")));
        var listeners = new HashMap<String, Integer>();
        walkthrough.listenerPorts().keySet().forEach(service -> listeners.put(service, freePort()));
        var workloadPorts = new HashMap<String, Integer>();
        walkthrough.workloads().keySet().forEach(name -> workloadPorts.put(name, freePort()));
        LocalTopology topology = walkthrough.withPorts(freePort(), listeners, workloadPorts);
        LocalCluster cluster = new LocalCluster(topology, stateDir, REPOSITORY, new PrintWriter(new StringWriter()));
        LocalMesh mesh = new LocalMesh(cluster, stateDir);
        try {
            cluster.startDaemon();
            for (String step : List.of("01", "02", "05")) {
                Result result = mesh.meshctl("step", step, "--steps-dir", "steps", "--file", "demomesh.yaml");
                assertThat(result.exitCode())
                        .as("step %s: %s", step, result.err())
                        .isZero();
            }
            cluster.deploy(workloads);
            return mesh;
        } catch (RuntimeException | Error e) {
            cluster.down();
            throw e;
        }
    }

    URI order() {
        return URI.create(
                "http://127.0.0.1:" + cluster.topology().workload("order").port() + "/");
    }

    String admin() {
        return cluster.status().daemon().admin();
    }

    /** meshctl against this mesh: its endpoint and state directory, then {@code args}. */
    Result meshctl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), withEndpoint(args));
        return new Result(code, out.toString(), err.toString());
    }

    String[] withEndpoint(String... args) {
        var all = new ArrayList<>(
                List.of("--endpoint-url", cluster.controlPlaneEndpoint().toString()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    /** The options of a rollout on this mesh: short steps, modest traffic, this mesh's URLs and state. */
    List<String> rollout(String service, String canary, String... more) {
        var args = new ArrayList<>(List.of(
                "rollout",
                service,
                "--to",
                canary,
                "--state-dir",
                stateDir.toString(),
                "--verify-url",
                order().toString(),
                "--verify-rate",
                "60",
                "--metrics",
                "local=" + admin(),
                "--min-requests",
                "5"));
        args.addAll(List.of(more));
        return args;
    }

    /** The route's weighted targets as {@code status} prints them, e.g. {@code product-vn 100%}. */
    String weights(String router) {
        Result status = meshctl("status");
        assertThat(status.exitCode()).as(status.err()).isZero();
        return status.out()
                .lines()
                .filter(line -> line.startsWith(router + " "))
                .findFirst()
                .orElseThrow()
                .replaceAll("^\\S+\\s+\\S+\\s+\\d+\\s+", "")
                .replaceAll("\\s{2,}.*$", ""); // the retry policy and timeout columns follow
    }

    @Override
    public void close() {
        cluster.down();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
