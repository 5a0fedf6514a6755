package io.github.meshrefarch.mesh.local.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class StateFileTest {

    @TempDir
    Path directory;

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void saveThenLoad_givesBackEveryResourceAsSaved() throws IOException {
        StateFile file = new StateFile(directory, mapper);
        MeshState state = MeshState.of(java.util.List.of(mesh("m1", null), node("m1", "vn", "token-1")));

        file.save(state);
        MeshState loaded = new StateFile(directory, mapper).load();

        assertThat(loaded.all()).containsExactlyElementsOf(state.all());
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void missingFile_isTheEmptyState() throws IOException {
        assertThat(new StateFile(directory.resolve("fresh"), mapper).load().all())
                .isEmpty();
    }

    @Test
    void truncatedFile_failsWithOneClearMessage() throws IOException {
        StateFile file = new StateFile(directory, mapper);
        file.save(MeshState.of(java.util.List.of(mesh("m1", null))));
        byte[] bytes = Files.readAllBytes(file.path());
        Files.write(file.path(), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(file::load)
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.path().toString())
                .hasMessageContaining("corrupt");
        assertThatThrownBy(() -> LocalControlPlane.start(0, directory))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt");
    }

    @Test
    void fileOfAnotherShape_isReportedCorrupt() throws IOException {
        Files.writeString(directory.resolve(StateFile.FILE_NAME), "{\"resources\": 3}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new StateFile(directory, mapper).load()).hasMessageContaining("corrupt");
    }

    @Test
    void writeInterruptedBeforeTheRename_leavesThePreviousStateAndNoLeftovers() throws IOException {
        StateFile file = new StateFile(directory, mapper);
        MeshState saved = MeshState.of(java.util.List.of(mesh("m1", null)));
        file.save(saved);
        // the temporary file of a writer that died (its process id is in the name) before renaming it
        Files.writeString(
                directory.resolve(".appmesh-state-" + deadProcessId() + "-123.tmp"), "{\"formatVersion\":1,\"reso");

        MeshState loaded = new StateFile(directory, mapper).load();

        assertThat(loaded.all()).containsExactlyElementsOf(saved.all());
        assertThat(temporaryFiles()).isEmpty();
    }

    private static long deadProcessId() throws IOException {
        Process process = new ProcessBuilder("true").start();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return process.pid();
    }

    private Stream<Path> temporaryFiles() throws IOException {
        return Files.list(directory)
                .filter(path -> path.getFileName().toString().endsWith(".tmp"))
                .toList()
                .stream();
    }

    private static StoredResource mesh(String name, String token) {
        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        spec.putObject("egressFilter").put("type", "DROP_ALL");
        return new StoredResource(
                ResourceKey.mesh(name), spec, null, "uid-" + name, 1, 1000, 1000, "us-west-2", token, "d");
    }

    private static StoredResource node(String mesh, String name, String token) {
        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        spec.putArray("listeners")
                .addObject()
                .putObject("portMapping")
                .put("port", 8080)
                .put("protocol", "http");
        spec.putObject("unknownFutureMember").put("kept", true);
        return new StoredResource(
                ResourceKey.inMesh(ResourceType.VIRTUAL_NODE, mesh, name),
                spec,
                JsonNodeFactory.instance
                        .arrayNode()
                        .add(JsonNodeFactory.instance.objectNode().put("key", "team")),
                "uid-" + name,
                7,
                1000,
                2500,
                "eu-west-1",
                token,
                "digest");
    }
}
