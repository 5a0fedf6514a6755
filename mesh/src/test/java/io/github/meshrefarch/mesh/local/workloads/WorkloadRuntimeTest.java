package io.github.meshrefarch.mesh.local.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a workload runs, from a runtime's release file and what the build left in a module's target/aot/. */
class WorkloadRuntimeTest {

    private static final List<String> FALLBACK = List.of("-Xmx80m");

    @TempDir
    Path dir;

    private Path jdk(String name, String version, String runtimeVersion) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Files.writeString(
                home.resolve("release"),
                "JAVA_VERSION=\"" + version + "\"\nJAVA_RUNTIME_VERSION=\"" + runtimeVersion + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        return home;
    }

    private Path target(String javaRuntimeVersion, boolean cacheFile) throws IOException {
        Path aot = Files.createDirectories(dir.resolve("product-service/target/aot"));
        Path cache = aot.resolve("product-service.aot");
        if (cacheFile) {
            Files.writeString(cache, "cache");
        }
        Files.writeString(
                aot.resolve("aot.properties"),
                "jar=" + aot.resolve("product-service.jar")
                        + "\noptions=-XX:+UseSerialGC -Xmx80m\noptions.with-management-port=-Dspring.aot.enabled=true\ncache="
                        + cache + "\njava.runtime.version=" + javaRuntimeVersion + "\n");
        return aot.getParent();
    }

    @Test
    void of_readsFeatureAndRuntimeVersionFromTheReleaseFile() throws IOException {
        WorkloadRuntime runtime = WorkloadRuntime.of(jdk("jdk-25", "25.0.3", "25.0.3+9-LTS"), "test")
                .orElseThrow();

        assertThat(runtime.feature()).isEqualTo(25);
        assertThat(runtime.runtimeVersion()).isEqualTo("25.0.3+9-LTS");
        assertThat(runtime.readsAotCaches()).isTrue();
        assertThat(WorkloadRuntime.of(jdk("jdk-17", "17.0.17", "17.0.17+10"), "test")
                        .orElseThrow()
                        .readsAotCaches())
                .isFalse();
        assertThat(WorkloadRuntime.of(dir.resolve("nothing-here"), "test")).isEmpty();
    }

    @Test
    void launch_theRuntimeThatMadeTheCache_extractedJarWithCacheTrainedFlagsAndSpringAot() throws IOException {
        WorkloadRuntime runtime = WorkloadRuntime.of(jdk("jdk-25", "25.0.3", "25.0.3+9-LTS"), "test")
                .orElseThrow();
        Path target = target("25.0.3+9-LTS", true);

        var launch = runtime.launch(target, "product-service", FALLBACK);

        assertThat(launch.jar()).isEqualTo(target.resolve("aot/product-service.jar"));
        assertThat(launch.options())
                .containsExactly(
                        "-XX:AOTCache=" + target.resolve("aot/product-service.aot"),
                        "-XX:+UseSerialGC",
                        "-Xmx80m",
                        "-Dspring.aot.enabled=true");
        assertThat(launch.builtWith())
                .containsExactly(
                        "-XX:AOTCache=" + target.resolve("aot/product-service.aot"), "-Dspring.aot.enabled=true");
        assertThat(launch.note()).isEqualTo("AOT cache, Spring AOT");
    }

    @Test
    void launch_anotherRuntimeOrNoCacheFile_noCacheOptionAndTheReason() throws IOException {
        WorkloadRuntime other =
                WorkloadRuntime.of(jdk("jdk-25", "25.0.1", "25.0.1+8"), "test").orElseThrow();
        Path target = target("25.0.3+9-LTS", true);

        var launch = other.launch(target, "product-service", FALLBACK);

        assertThat(launch.options()).noneMatch(option -> option.startsWith("-XX:AOTCache"));
        assertThat(launch.note()).isEqualTo("no AOT cache (made by Java 25.0.3+9-LTS), Spring AOT");

        Files.delete(target.resolve("aot/product-service.aot"));
        assertThat(other.launch(target, "product-service", FALLBACK).note()).startsWith("no AOT cache (the build");
    }

    @Test
    void launch_moduleBuiltBeforeTheAotLayout_bootJarWithTheFallbackOptions() throws IOException {
        WorkloadRuntime runtime = WorkloadRuntime.of(jdk("jdk-25", "25.0.3", "25.0.3+9-LTS"), "test")
                .orElseThrow();
        Path target = Files.createDirectories(dir.resolve("customer-service/target"));

        var launch = runtime.launch(target, "customer-service", FALLBACK);

        assertThat(launch.jar()).isEqualTo(target.resolve("customer-service.jar"));
        assertThat(launch.options()).isEqualTo(FALLBACK);
    }
}
