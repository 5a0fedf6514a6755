package io.github.meshrefarch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Builds the service images with the real Jib configuration of the reactor, as far as it goes without a registry:
 * {@code jib:buildTar} on the {@code scratch} base (one platform, as a tar holds one image), then checks the image
 * configuration and that it fits the pods of {@code k8s/}. Pulling and pushing are what this cannot prove.
 */
class ContainerImageIT {

    private static final List<String> SERVICES = List.of("product-service", "customer-service", "order-service");
    private static final Path ROOT = ProjectLayout.root();

    static Stream<String> services() {
        return SERVICES.stream().filter(ContainerImageIT::hasSources);
    }

    @BeforeAll
    static void buildImageTars() throws IOException, InterruptedException {
        List<String> services = services().toList();
        assumeTrue(!services.isEmpty(), "no service module has sources in this checkout: no image to build");
        for (String service : services) {
            Files.deleteIfExists(tar(service));
        }
        Path log = ROOT.resolve("k8s/target/jib-build.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                ROOT.resolve("mvnw").toString(),
                "-B",
                "-pl",
                String.join(",", services),
                "-am", // service-warmup, which the services depend on, from this build (Jib skips it)
                "-Dspotless.check.skip=true",
                "-DskipTests",
                "-Djib.from.image=scratch",
                "-Djib.from.platforms=linux/amd64",
                "-Djib.disableUpdateChecks=true"));
        String localRepository = System.getProperty("maven.repo.local", "");
        if (!localRepository.isBlank()) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        // package, not compile: only a packaged service-warmup is a jar Jib puts in the image (a classes directory of
        // another module it leaves out); no AOT cache, which the images do not use
        command.addAll(List.of("-Daot.skip=true", "package", "jib:buildTar"));
        Process maven = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!maven.waitFor(10, TimeUnit.MINUTES)) {
            maven.destroyForcibly().waitFor();
            throw new AssertionError("jib:buildTar did not finish within 10 minutes, see " + log);
        }
        assertThat(maven.exitValue()).as("jib:buildTar failed, see %s", log).isZero();
    }

    @ParameterizedTest
    @MethodSource("services")
    void image_runsTheServiceMainClassAsJavaWithContainerHeapSizing(String service) throws IOException {
        JsonNode config = ImageTar.config(tar(service));
        List<String> entrypoint = strings(config.path("Entrypoint"));

        assertThat(entrypoint)
                .startsWith(
                        "java",
                        "-XX:+UseSerialGC",
                        "-XX:MaxRAMPercentage=40.0",
                        "-Xss512k",
                        "-XX:ReservedCodeCacheSize=48m",
                        "-Dreactor.netty.ioWorkerCount=2",
                        "-XX:TrimNativeHeapInterval=5000",
                        "-XX:+ExitOnOutOfMemoryError")
                .containsSubsequence("-cp", "@/app/jib-classpath-file")
                .hasSize(11);
        String mainClass = entrypoint.get(entrypoint.size() - 1);
        assertThat(ROOT.resolve(service).resolve("target/classes").resolve(mainClass.replace('.', '/') + ".class"))
                .as("main class %s of %s", mainClass, service)
                .isRegularFile();
    }

    @ParameterizedTest
    @MethodSource("services")
    void image_runsAsTheNonRootUserOfThePodsAndExposesTheirPort(String service) throws IOException {
        JsonNode config = ImageTar.config(tar(service));
        Deployment deployment = Rendered.of(Step.ALL.plain()).deployments().stream()
                .filter(d -> ManifestHygieneTest.app(d).getImage().startsWith(service + ":"))
                .findFirst()
                .orElseThrow();
        var pod = ManifestHygieneTest.podSpec(deployment).getSecurityContext();
        int containerPort =
                ManifestHygieneTest.app(deployment).getPorts().get(0).getContainerPort();

        assertThat(config.path("User").asString()).isEqualTo(pod.getRunAsUser() + ":" + pod.getRunAsGroup());
        assertThat(pod.getRunAsUser()).isNotZero();
        assertThat(names(config.path("ExposedPorts"))).containsExactly(containerPort + "/tcp");
    }

    @ParameterizedTest
    @MethodSource("services")
    void image_holdsTheWarmUpModule_whichTheManifestsSwitchOn(String service) throws IOException {
        assertThat(ImageTar.files(tar(service)))
                .as("files of the %s image", service)
                .contains("app/libs/service-warmup-" + System.getProperty("project.version") + ".jar");
    }

    @ParameterizedTest
    @MethodSource("services")
    void image_isLabelledWithTheServiceAndItsVersion(String service) throws IOException {
        JsonNode labels = ImageTar.config(tar(service)).path("Labels");

        assertThat(labels.path("org.opencontainers.image.title").asString()).isEqualTo(service);
        assertThat(labels.path("org.opencontainers.image.version").asString())
                .isEqualTo(System.getProperty("project.version"))
                .isNotBlank();
        assertThat(labels.path("org.opencontainers.image.base.name").asString()).isEqualTo("eclipse-temurin:17-jre");
    }

    private static boolean hasSources(String service) {
        return Files.isDirectory(ROOT.resolve(service).resolve("src/main/java"));
    }

    private static Path tar(String service) {
        return ROOT.resolve(service).resolve("target/jib-image.tar");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }
}
