package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, each case against the same mesh: exit code 2, a message saying what is wrong, and
 * not one write request received by the control plane. {@code {file}} in the arguments stands
 * for a file holding the case's content.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    private Path files;

    private MeshctlHarness meshctl;

    @BeforeAll
    void createMesh(@TempDir Path directory) throws IOException {
        files = Files.createDirectory(directory.resolve("files"));
        meshctl = new MeshctlHarness(Files.createDirectory(directory.resolve("state")));
        assertThat(meshctl.run("apply", "-f", "demomesh.yaml").exitCode()).isZero();
    }

    @AfterAll
    void stop() {
        meshctl.close();
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad(
                        "weights not summing to 100",
                        null,
                        "weights sum to 110, they must sum to 100",
                        "canary",
                        "product",
                        "product-vn=90",
                        "product-v15-vn=20"),
                bad(
                        "weight above 100",
                        null,
                        "weight 101 of product-vn is outside 0..100",
                        "canary",
                        "product",
                        "product-vn=101",
                        "product-v15-vn=-1"),
                bad(
                        "duplicate target",
                        null,
                        "virtual node product-vn is a target twice",
                        "canary",
                        "product",
                        "product-vn=50",
                        "product-vn=50"),
                bad(
                        "weight not an integer",
                        null,
                        "weight '50.5' of product-vn is not an integer",
                        "canary",
                        "product",
                        "product-vn=50.5",
                        "product-v15-vn=49.5"),
                bad(
                        "target without weight",
                        null,
                        "'product-vn' is not NODE=WEIGHT",
                        "canary",
                        "product",
                        "product-vn"),
                bad("eleven targets", null, "a route needs 1 to 10 weighted targets, got 11", elevenTargets()),
                bad(
                        "node in neither description nor mesh",
                        null,
                        "virtual node ghost-vn does not exist in mesh demomesh",
                        "canary",
                        "product",
                        "product-vn=50",
                        "ghost-vn=50"),
                bad(
                        "promote to an unknown node",
                        null,
                        "virtual node ghost-vn does not exist in mesh demomesh",
                        "promote",
                        "product",
                        "ghost-vn"),
                bad("unknown target", null, "Invalid value for option '--target'", "--target", "mars", "status"),
                bad("unknown step", null, "there is no step 42", "step", "42", "--steps-dir", "steps"),
                bad("missing description", null, "nope.yaml: no such file", "apply", "-f", "nope.yaml"),
                bad(
                        "weight of the wrong type",
                        """
                        mesh: demomesh
                        routes:
                          - name: product-r
                            virtualRouter: product-vr
                            weightedTargets:
                              - {virtualNode: product-vn, weight: lots}
                        """,
                        ".yaml:6: field 'routes[0].weightedTargets[0].weight'",
                        "apply",
                        "-f",
                        "{file}"),
                bad(
                        "misspelt field",
                        """
                        mesh: demomesh
                        virtualNodes:
                          - name: order-vn
                            hostnam: order.default.svc.cluster.local
                        """,
                        ".yaml:4: field 'virtualNodes[0].hostnam': Unrecognized property",
                        "apply",
                        "-f",
                        "{file}"),
                bad("missing weight", """
                        mesh: demomesh
                        virtualRouters:
                          - name: product-vr
                        virtualNodes:
                          - {name: product-vn, hostname: product}
                        routes:
                          - name: product-r
                            virtualRouter: product-vr
                            weightedTargets:
                              - {virtualNode: product-vn}
                        """, "field 'routes[0].weightedTargets[0].weight'", "apply", "-f", "{file}"),
                bad(
                        "route to an unknown node",
                        """
                        mesh: demomesh
                        virtualRouters:
                          - name: product-vr
                        routes:
                          - name: product-r
                            virtualRouter: product-vr
                            weightedTargets:
                              - {virtualNode: ghost-vn, weight: 100}
                        """,
                        "routes[0].weightedTargets: virtual node ghost-vn does not exist",
                        "apply",
                        "-f",
                        "{file}"),
                bad(
                        "malformed YAML",
                        "mesh: demomesh\nvirtualNodes: [\n  {name: a\n",
                        ".yaml:",
                        "apply",
                        "-f",
                        "{file}"),
                bad(
                        "unknown operation",
                        "{}",
                        "App Mesh has no operation fly-mesh",
                        "call",
                        "fly-mesh",
                        "--cli-input-json",
                        "file://{file}"),
                bad(
                        "unknown request member",
                        "{\"meshNam\": \"demomesh\"}",
                        "unknown member request.meshNam",
                        "call",
                        "describe-mesh",
                        "--cli-input-json",
                        "file://{file}"),
                bad(
                        "request member of the wrong type",
                        "{\"meshName\": \"demomesh\", \"limit\": \"ten\"}",
                        "request.limit must be an integer",
                        "call",
                        "list-virtual-nodes",
                        "--cli-input-json",
                        "file://{file}"),
                bad(
                        "malformed request JSON",
                        "{\"meshName\": ",
                        "json:1: not valid JSON",
                        "call",
                        "describe-mesh",
                        "--cli-input-json",
                        "file://{file}"),
                bad("canary without targets", null, "Missing required parameter", "canary", "product"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInput_isRejectedWithExitCode2_andItsMessage_beforeAnyWrite(
            String name, String content, String message, List<String> args) throws IOException {
        Path file = files.resolve(
                name.replace(' ', '-') + (content != null && content.startsWith("{") ? ".json" : ".yaml"));
        if (content != null) {
            Files.writeString(file, content);
        }
        long writes = meshctl.writes();

        MeshctlHarness.Result result = meshctl.run(
                args.stream().map(arg -> arg.replace("{file}", file.toString())).toArray(String[]::new));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(message);
        assertThat(result.out()).isEmpty();
        assertThat(meshctl.writes()).isEqualTo(writes);
    }

    @ParameterizedTest(name = "step file: {0}")
    @MethodSource("badSteps")
    void aBadStepFile_isRejectedWithExitCode2_beforeAnyWrite(String name, String content, String message)
            throws IOException {
        Path steps = Files.createDirectories(files.resolve("steps-" + name.replace(' ', '-')));
        Files.writeString(steps.resolve("03-edited.yaml"), content);
        long writes = meshctl.writes();

        MeshctlHarness.Result result = meshctl.run("step", "03", "--steps-dir", steps.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(message);
        assertThat(meshctl.writes()).isEqualTo(writes);
    }

    static Stream<Arguments> badSteps() {
        return Stream.of(
                Arguments.of(
                        "weights summing to 90",
                        """
                        title: edited canary
                        apply:
                          routes:
                            - name: product-r
                              virtualRouter: product-vr
                              weightedTargets:
                                - {virtualNode: product-vn, weight: 65}
                                - {virtualNode: product-v15-vn, weight: 25}
                        """,
                        "03-edited.yaml: apply: routes[0].weightedTargets: weights sum to 90"),
                Arguments.of(
                        "two actions",
                        "title: t\nrollback: [product]\ndelete: true\n",
                        "a step does exactly one of 'apply', 'rollback' or 'delete: true'"),
                Arguments.of("no title", "delete: true\n", "field 'title' is missing"),
                Arguments.of(
                        "retry policy outside App Mesh's limits",
                        """
                        title: edited canary
                        apply:
                          routes:
                            - name: product-r
                              virtualRouter: product-vr
                              weightedTargets:
                                - {virtualNode: product-vn, weight: 75}
                                - {virtualNode: product-v15-vn, weight: 25}
                              retryPolicy:
                                maxRetries: -1
                                perRetryTimeout: {unit: min, value: 1}
                                httpRetryEvents: [5xx]
                        """,
                        "03-edited.yaml: apply: routes[0].retryPolicy.maxRetries -1 must be 0 or more;"
                                + " routes[0].retryPolicy.perRetryTimeout.unit must be s or ms, got min;"
                                + " routes[0].retryPolicy.httpRetryEvents: '5xx' is not one of"),
                Arguments.of(
                        "retry policy without events",
                        """
                        title: edited canary
                        apply:
                          routes:
                            - name: product-r
                              virtualRouter: product-vr
                              weightedTargets:
                                - {virtualNode: product-vn, weight: 100}
                              retryPolicy: {maxRetries: 2, perRetryTimeout: {unit: ms, value: 500}}
                              timeout: {perRequest: {unit: ms, value: -3}}
                        """,
                        "routes[0].retryPolicy must name at least one event in httpRetryEvents or tcpRetryEvents;"
                                + " routes[0].timeout.perRequest.value -3 must be 0 or more"));
    }

    private static Arguments bad(String name, String content, String message, String... args) {
        return Arguments.of(name, content, message, List.of(args));
    }

    private static String[] elevenTargets() {
        List<String> args = new ArrayList<>(List.of("canary", "product"));
        for (int i = 0; i < 11; i++) {
            args.add("node" + i + "=" + (i == 0 ? 0 : 10));
        }
        return args.toArray(String[]::new);
    }
}
