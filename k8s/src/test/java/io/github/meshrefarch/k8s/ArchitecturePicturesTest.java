package io.github.meshrefarch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pictures in {@code images/} are generated from the PlantUML sources beside them, and committed. This test renders
 * every source and fails when a committed SVG or PNG was not rendered from the current source. To regenerate them:
 * {@code ./mvnw -pl mesh,k8s test -Dtest=ArchitecturePicturesTest -Dimages.update=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ArchitecturePicturesTest {

    private static final boolean UPDATE = Boolean.getBoolean("images.update");
    private static final String REGENERATE =
            "regenerate with ./mvnw -pl mesh,k8s test -Dtest=ArchitecturePicturesTest -Dimages.update=true -Dsurefire.failIfNoSpecifiedTests=false";

    static Stream<Path> sources() throws IOException {
        try (Stream<Path> files = Files.list(ProjectLayout.images())) {
            return files.filter(f -> f.toString().endsWith(".puml")).sorted().toList().stream();
        }
    }

    @Test
    void images_holdTheDeploymentsAndTheRequestPaths() throws IOException {
        assertThat(sources().map(p -> p.getFileName().toString()))
                .contains(
                        "lattice-deployment.puml",
                        "request-path-lattice.puml",
                        "eks-deployment.puml",
                        "request-path-eks.puml",
                        "request-path-local.puml");
    }

    @ParameterizedTest
    @MethodSource("sources")
    void committedPictures_areRenderedFromTheCurrentSource(Path source) throws IOException {
        Picture fresh = Picture.render(Files.readString(source));
        Path svg = sibling(source, ".svg");
        Path png = sibling(source, ".png");
        if (UPDATE) {
            Files.write(svg, fresh.svg());
            Files.write(png, fresh.png());
        }

        assertThat(svg).as("%s is missing: %s", svg.getFileName(), REGENERATE).isRegularFile();
        assertThat(png).as("%s is missing: %s", png.getFileName(), REGENERATE).isRegularFile();
        assertThat(Picture.svgSource(Files.readAllBytes(svg)))
                .as("%s is stale: %s", svg.getFileName(), REGENERATE)
                .isPresent()
                .isEqualTo(Picture.svgSource(fresh.svg()));
        assertThat(Picture.pngSource(Files.readAllBytes(png)))
                .as("%s is stale: %s", png.getFileName(), REGENERATE)
                .isPresent()
                .isEqualTo(Picture.pngSource(fresh.png()));
    }

    @Test
    void deploymentPicture_namesEveryVirtualNodeAndVirtualServiceOfTheMesh() throws IOException {
        String svg = Files.readString(ProjectLayout.images().resolve("eks-deployment.svg"), StandardCharsets.UTF_8);
        MeshDescription mesh = MeshDescription.load();

        assertThat(svg).contains(mesh.meshName());
        assertThat(svg).contains(List.copyOf(mesh.virtualNodeHostnames().keySet()));
        assertThat(svg).contains(List.copyOf(mesh.virtualServices()));
    }

    @Test
    void latticePicture_namesEveryVirtualNodeVirtualServiceAndTheGateway() throws IOException {
        String svg = Files.readString(ProjectLayout.images().resolve("lattice-deployment.svg"), StandardCharsets.UTF_8);
        MeshDescription mesh = MeshDescription.load();

        assertThat(svg).contains("Gateway " + mesh.meshName(), "amazon-vpc-lattice", "product.demomesh.internal");
        assertThat(svg).contains(List.copyOf(mesh.virtualNodeHostnames().keySet()));
        assertThat(svg).contains(List.copyOf(mesh.virtualServices()));
    }

    private static Path sibling(Path source, String extension) {
        String name = source.getFileName().toString();
        return source.resolveSibling(name.substring(0, name.length() - ".puml".length()) + extension);
    }
}
