package io.github.meshrefarch.k8s;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's parts are, seen from this module (Surefire and Failsafe run in {@code k8s/}). */
final class ProjectLayout {

    private ProjectLayout() {}

    static Path root() {
        Path k8s = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
        Path root = k8s.getParent();
        if (root == null || !Files.isRegularFile(root.resolve("mvnw"))) {
            throw new IllegalStateException("run from the k8s module of the reactor; no mvnw above " + k8s);
        }
        return root;
    }

    static Path k8s() {
        return root().resolve("k8s");
    }

    static Path images() {
        return root().resolve("images");
    }

    static Path meshDescription() {
        return root().resolve("mesh").resolve("demomesh.yaml");
    }
}
