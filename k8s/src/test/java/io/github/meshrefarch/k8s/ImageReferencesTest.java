package io.github.meshrefarch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Images are named after the service modules (what Jib builds) and tagged in one place: the release component. */
class ImageReferencesTest {

    private static final Path RELEASE = ProjectLayout.k8s().resolve("components/release/kustomization.yaml");

    @ParameterizedTest
    @EnumSource(Step.class)
    void everyStep_runsEachServiceImageAtTheReleaseTag(Step step) {
        Map<String, String> tags = releaseTags();
        Stream<Path> directories = Stream.concat(Stream.of(step.plain()), step.overlays().stream());

        directories.map(Rendered::of).flatMap(r -> r.deployments().stream()).forEach(deployment -> {
            String image = Workload.named(deployment.getMetadata().getName()).image();
            assertThat(ManifestHygieneTest.app(deployment).getImage())
                    .as(deployment.getMetadata().getName())
                    .isEqualTo(image + ":" + tags.get(image));
        });
    }

    @Test
    void releaseComponent_tagsEveryServiceImageWithAFixedTag() {
        assertThat(releaseTags())
                .containsOnlyKeys("product-service", "customer-service", "order-service")
                .allSatisfy((image, tag) -> assertThat(tag).isNotBlank().isNotEqualTo("latest"));
    }

    @Test
    void bases_nameImagesWithoutTag_soTheReleaseComponentIsTheOnlyPlaceToSetIt() throws IOException {
        List<Deployment> baseDeployments = Stream.of(Workload.values())
                .map(w -> ProjectLayout.k8s().resolve("base").resolve(w.deployment()))
                .map(Rendered::of)
                .flatMap(r -> r.deployments().stream())
                .toList();

        assertThat(baseDeployments)
                .hasSize(Workload.values().length)
                .allSatisfy(d -> assertThat(ManifestHygieneTest.app(d).getImage())
                        .isEqualTo(Workload.named(d.getMetadata().getName()).image()));
        try (Stream<Path> files = Files.walk(ProjectLayout.k8s())) {
            assertThat(files.filter(f -> f.toString().endsWith(".yaml"))
                            .filter(f -> !f.startsWith(ProjectLayout.k8s().resolve("target")))
                            .filter(f -> contains(f, "newTag:")))
                    .containsExactly(RELEASE);
        }
    }

    @Test
    void everyOtherImage_isFromARegistryAndPinnedToAVersionTag() {
        Stream<String> others = Kustomizations.buildable().stream()
                .map(Rendered::of)
                .flatMap(r -> r.deployments().stream())
                .flatMap(d -> Stream.concat(
                        ManifestHygieneTest.podSpec(d).getInitContainers().stream(),
                        ManifestHygieneTest.podSpec(d).getContainers().stream()))
                .map(container -> container.getImage())
                .filter(image -> Stream.of(Workload.values())
                        .noneMatch(w -> image.equals(w.image()) || image.startsWith(w.image() + ":")));

        assertThat(others)
                .as("the Lattice layer's signing sidecars")
                .isNotEmpty()
                .allSatisfy(
                        image -> assertThat(image).matches("[a-z0-9.-]+\\.[a-z]+/[a-z0-9./-]+:\\d+\\.\\d+(\\.\\d+)?"));
    }

    private static Map<String, String> releaseTags() {
        Map<String, String> tags = new HashMap<>();
        for (JsonNode image : Kustomizations.read(RELEASE).path("images")) {
            tags.put(image.path("name").asString(), image.path("newTag").asString(""));
        }
        return tags;
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
