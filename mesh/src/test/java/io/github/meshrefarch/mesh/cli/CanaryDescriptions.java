package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The walkthrough's complete description ({@code mesh/demomesh.yaml}) and variants of it with canaries. */
final class CanaryDescriptions {

    private CanaryDescriptions() {}

    static final Path DEMOMESH = ChaosRig.REPOSITORY.resolve("mesh/demomesh.yaml");

    /** The walkthrough's complete description with product-r at 75/25 (product-v15-vn), written to {@code file}. */
    static Path productCanary(Path file) throws IOException {
        return variant(file, "product-vn", "product-v15-vn", 75);
    }

    /** The walkthrough's complete description with customer-r at 50/50 (customer-v2-vn), written to {@code file}. */
    static Path customerCanary(Path file) throws IOException {
        return variant(file, "customer-vn", "customer-v2-vn", 50);
    }

    /** Both canaries of the walkthrough at once, written to {@code file}. */
    static Path bothCanaries(Path file) throws IOException {
        variant(file, "product-vn", "product-v15-vn", 75);
        return variant(file, file, "customer-vn", "customer-v2-vn", 50);
    }

    private static Path variant(Path file, String baseline, String canary, int weight) throws IOException {
        return variant(file, DEMOMESH, baseline, canary, weight);
    }

    private static Path variant(Path file, Path from, String baseline, String canary, int weight) throws IOException {
        String text = Files.readString(from);
        String target = "- {virtualNode: " + baseline + ", weight: 100}";
        assertThat(text.split(java.util.regex.Pattern.quote(target), -1))
                .as("one %s in %s", target, from)
                .hasSize(2);
        Files.writeString(
                file,
                text.replace(
                        target,
                        "- {virtualNode: " + baseline + ", weight: " + weight + "}\n      - {virtualNode: " + canary
                                + ", weight: " + (100 - weight) + "}"));
        return file;
    }
}
