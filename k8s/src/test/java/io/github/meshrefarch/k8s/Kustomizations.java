package io.github.meshrefarch.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Every kustomization under {@code k8s/} that can be built on its own (components are built by their users). */
final class Kustomizations {

    private static final YAMLMapper YAML = new YAMLMapper();

    private Kustomizations() {}

    static List<Path> buildable() {
        Path k8s = ProjectLayout.k8s();
        try (Stream<Path> files = Files.walk(k8s)) {
            return files.filter(file -> file.getFileName().toString().equals("kustomization.yaml"))
                    .filter(file -> !file.startsWith(k8s.resolve("target")) && !file.startsWith(k8s.resolve("src")))
                    .filter(file -> !"Component".equals(kind(file)))
                    .map(Path::getParent)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path kustomizationFile) {
        try {
            return YAML.readTree(kustomizationFile.toFile());
        } catch (RuntimeException e) {
            throw new AssertionError("cannot read " + kustomizationFile, e);
        }
    }

    private static String kind(Path kustomizationFile) {
        return read(kustomizationFile).path("kind").asString("Kustomization");
    }
}
