package io.github.meshrefarch.mesh.local.controlplane;

import io.github.meshrefarch.mesh.local.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control plane's state on disk: one JSON file, replaced atomically on every change (write a temporary file in the
 * same directory, fsync it, rename it over the old one, fsync the directory). A crash at any point leaves either the
 * old file or the new one, never a torn one.
 */
final class StateFile {

    static final String FILE_NAME = "appmesh-state.json";
    private static final int FORMAT_VERSION = 1;

    private final Path directory;
    private final Path file;
    private final JsonMapper mapper;

    StateFile(Path directory, JsonMapper mapper) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
        this.mapper = mapper;
    }

    Path path() {
        return file;
    }

    /** Reads the state, or the empty state when there is no file yet. A file that cannot be read fails loudly. */
    MeshState load() throws IOException {
        Files.createDirectories(directory);
        removeLeftoverTemporaryFiles();
        if (!Files.exists(file)) {
            return MeshState.EMPTY;
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            JsonNode root = mapper.readTree(bytes);
            if (root == null
                    || root.path("formatVersion").asInt() != FORMAT_VERSION
                    || !root.path("resources").isArray()) {
                throw new IllegalArgumentException("not a format %d state file".formatted(FORMAT_VERSION));
            }
            List<StoredResource> resources = new ArrayList<>();
            for (JsonNode node : root.path("resources")) {
                resources.add(fromJson(node));
            }
            return MeshState.of(resources);
        } catch (RuntimeException e) { // JacksonException included
            throw new IOException(
                    "The control plane state file %s is corrupt (%s); move it away to start with an empty mesh"
                            .formatted(file, e.getMessage()),
                    e);
        }
    }

    void save(MeshState state) throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("formatVersion", FORMAT_VERSION);
        ArrayNode resources = root.putArray("resources");
        state.all().forEach(resource -> resources.add(toJson(resource)));
        byte[] bytes = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);

        AtomicFiles.write(file, bytes);
    }

    private void removeLeftoverTemporaryFiles() throws IOException {
        AtomicFiles.removeLeftovers(file);
    }

    private static ObjectNode toJson(StoredResource resource) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", resource.key().type().name());
        node.put("meshName", resource.key().meshName());
        node.put("virtualRouterName", resource.key().virtualRouterName());
        node.put("name", resource.key().name());
        node.set("spec", resource.spec());
        node.set("tags", resource.tags());
        node.put("uid", resource.uid());
        node.put("version", resource.version());
        node.put("createdAtMillis", resource.createdAtMillis());
        node.put("lastUpdatedAtMillis", resource.lastUpdatedAtMillis());
        node.put("region", resource.region());
        node.put("clientToken", resource.clientToken());
        node.put("requestDigest", resource.requestDigest());
        return node;
    }

    private static StoredResource fromJson(JsonNode node) {
        ResourceKey key = new ResourceKey(
                ResourceType.valueOf(required(node, "type").asString()),
                required(node, "meshName").asString(),
                required(node, "virtualRouterName").asString(),
                required(node, "name").asString());
        JsonNode spec = required(node, "spec");
        if (!spec.isObject()) {
            throw new IllegalArgumentException("spec of " + key.describe() + " is not an object");
        }
        JsonNode tags = node.path("tags");
        return new StoredResource(
                key,
                (ObjectNode) spec,
                tags.isArray() ? tags : null,
                required(node, "uid").asString(),
                required(node, "version").asLong(),
                required(node, "createdAtMillis").asLong(),
                required(node, "lastUpdatedAtMillis").asLong(),
                required(node, "region").asString(),
                node.path("clientToken").asString(null),
                node.path("requestDigest").asString(null));
    }

    private static JsonNode required(JsonNode node, String member) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("a resource lacks '" + member + "'");
        }
        return value;
    }
}
