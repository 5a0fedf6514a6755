package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The CLI as people expect it: completion, version, environment defaults, consent, JSON everywhere. */
class CliConventionsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void completionScript_completesSubcommandsInARealBash() throws Exception {
        MeshctlHarness.Result bash = MeshctlHarness.runRaw("completion", "bash");
        MeshctlHarness.Result zsh = MeshctlHarness.runRaw("completion", "zsh");
        Path script = Files.writeString(dir.resolve("meshctl.bash"), bash.out());

        Process shell = new ProcessBuilder(
                        "bash",
                        "-c",
                        "source " + script + "; COMP_WORDS=(meshctl lo); COMP_CWORD=1; COMP_LINE='meshctl lo';"
                                + " COMP_POINT=10; _picocli_meshctl; printf '%s\\n' \"${COMPREPLY[@]}\"")
                .redirectError(ProcessBuilder.Redirect.DISCARD) // compopt complains outside a real completion
                .start();
        String candidates = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(shell.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(candidates.lines()).containsExactlyInAnyOrder("local", "load");
        assertThat(zsh.exitCode()).isZero();
        assertThat(zsh.out()).contains("bashcompinit");
    }

    @Test
    void version_isTheBuildsVersion() throws IOException {
        Matcher parent = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(parent.find()).isTrue();

        MeshctlHarness.Result version = MeshctlHarness.runRaw("--version");

        assertThat(version.out().strip()).isEqualTo("meshctl " + parent.group(1));
    }

    @Test
    void environment_givesTheDefaults_outputMeshAndTarget() throws Exception {
        try (MeshctlHarness meshctl = new MeshctlHarness(dir.resolve("controlplane"))) {
            String endpoint = meshctl.controlPlane.endpoint().toString();

            Result steps = meshctl(Map.of("MESHCTL_OUTPUT", "json"), "steps", "--steps-dir", "steps");
            Result status = meshctl(Map.of("MESHCTL_ENDPOINT_URL", endpoint, "MESHCTL_MESH", "othermesh"), "status");
            Result delete = meshctl(Map.of("MESHCTL_TARGET", "aws", "AWS_REGION", "eu-west-1"), "delete");

            assertThat(JSON.readTree(steps.out()).path("steps").size()).isEqualTo(9);
            assertThat(status.code()).isEqualTo(3);
            assertThat(status.err()).contains("mesh othermesh does not exist");
            assertThat(delete.code()).isEqualTo(2);
            assertThat(delete.err()).contains("on target aws without --yes");
        }
    }

    @Test
    void deleteAndApplyPrune_onARemoteTargetWithoutATerminal_needYes_andMakeNoCall() {
        MeshctlHarness.Result delete = MeshctlHarness.runRaw("--target", "aws", "--region", "eu-west-1", "delete");
        MeshctlHarness.Result prune = MeshctlHarness.runRaw(
                "--target", "aws", "--region", "eu-west-1", "apply", "-f", "demomesh.yaml", "--prune");

        assertThat(delete.exitCode()).isEqualTo(2);
        assertThat(delete.err())
                .isEqualTo("meshctl: refusing to delete mesh demomesh and everything in it on target aws without"
                        + " --yes (no terminal to ask)" + System.lineSeparator());
        assertThat(prune.exitCode()).isEqualTo(2);
        assertThat(prune.err()).contains("on target aws without --yes");
    }

    @Test
    void step_isNotBlockedByABrokenFileOfAnotherStep() throws IOException {
        Path steps = Files.createDirectories(dir.resolve("steps"));
        try (var files = Files.list(Path.of("steps"))) {
            for (Path file : files.toList()) {
                Files.copy(file, steps.resolve(file.getFileName()));
            }
        }
        Files.writeString(steps.resolve("50-broken.yaml"), "title: [unclosed\n");
        try (MeshctlHarness meshctl = new MeshctlHarness(dir.resolve("controlplane"))) {
            MeshctlHarness.Result first =
                    meshctl.run("step", "01", "--steps-dir", steps.toString(), "--file", "demomesh.yaml");
            MeshctlHarness.Result broken =
                    meshctl.run("step", "50", "--steps-dir", steps.toString(), "--file", "demomesh.yaml");

            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(broken.exitCode()).isEqualTo(2);
            assertThat(broken.err()).contains("50-broken.yaml");
        }
    }

    @Test
    void localStatus_printsJsonWithOutputJson() {
        MeshctlHarness.Result status =
                MeshctlHarness.runRaw("-o", "json", "local", "status", "--state-dir", dir.toString());

        assertThat(status.exitCode()).isZero();
        JsonNode json = JSON.readTree(status.out());
        assertThat(json.path("daemon").isNull()).isTrue();
        assertThat(json.path("workloads").isArray()).isTrue();
    }

    record Result(int code, String out, String err) {}

    private Result meshctl(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MESHCTL_") || name.startsWith("AWS_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(
                process.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }
}
