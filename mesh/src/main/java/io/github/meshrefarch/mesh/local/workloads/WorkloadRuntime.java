package io.github.meshrefarch.mesh.local.workloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The Java runtime the workloads run on: the first of {@code MESHCTL_JAVA}, {@code JAVA_HOME} and meshctl's own JVM
 * that is Java 25 or newer, else the newest Java 25+ JDK installed in the usual places, else meshctl's own JVM. Java 25
 * is what reads the AOT caches the build makes (JEP 483, 514, 515); without it the workloads run as before.
 * The build's training step ({@code aot/AotTraining.java}) repeats this lookup, as a single-file program cannot use
 * this class: change both together.
 *
 * @param home the runtime's home directory
 * @param runtimeVersion its {@code JAVA_RUNTIME_VERSION}, e.g. {@code 25.0.3+9-LTS}
 * @param feature its feature release, e.g. 25
 * @param source where it was found, for the progress line
 */
record WorkloadRuntime(Path home, String runtimeVersion, int feature, String source) {

    static final int AOT_CACHE_FEATURE = 25;

    Path executable() {
        return home.resolve("bin").resolve("java");
    }

    boolean readsAotCaches() {
        return feature >= AOT_CACHE_FEATURE;
    }

    String describe() {
        return "Java " + runtimeVersion + " (" + source + ")";
    }

    static WorkloadRuntime find() {
        var candidates = new ArrayList<WorkloadRuntime>();
        named(System.getenv("MESHCTL_JAVA"), "MESHCTL_JAVA").ifPresent(candidates::add);
        named(System.getenv("JAVA_HOME"), "JAVA_HOME").ifPresent(candidates::add);
        WorkloadRuntime own = of(Path.of(System.getProperty("java.home")), "meshctl's own runtime")
                .orElseGet(() -> new WorkloadRuntime(
                        Path.of(System.getProperty("java.home")),
                        System.getProperty("java.runtime.version"),
                        Runtime.version().feature(),
                        "meshctl's own runtime"));
        candidates.add(own);
        return candidates.stream()
                .filter(WorkloadRuntime::readsAotCaches)
                .findFirst()
                .or(WorkloadRuntime::installed)
                .orElse(own);
    }

    private static Optional<WorkloadRuntime> installed() {
        String user = System.getProperty("user.home");
        return Stream.of(
                        Path.of("/usr/lib/jvm"),
                        Path.of("/usr/java"),
                        Path.of("/opt/java"),
                        Path.of(user, ".sdkman", "candidates", "java"),
                        Path.of(user, ".jdks"),
                        Path.of("/Library/Java/JavaVirtualMachines"))
                .filter(Files::isDirectory)
                .flatMap(WorkloadRuntime::children)
                .flatMap(dir -> Stream.of(dir, dir.resolve("Contents").resolve("Home")))
                .map(dir -> of(dir, "installed JDK " + dir))
                .flatMap(Optional::stream)
                .filter(WorkloadRuntime::readsAotCaches)
                .max(Comparator.comparingInt(WorkloadRuntime::feature));
    }

    private static Stream<Path> children(Path root) {
        try (Stream<Path> list = Files.list(root)) {
            return list.sorted().toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    /** A variable may name a JDK home or its {@code java} executable. */
    private static Optional<WorkloadRuntime> named(String value, String variable) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        if (path.endsWith(Path.of("bin", "java")) && path.getParent().getParent() != null) {
            path = path.getParent().getParent();
        }
        return of(path, variable + "=" + value);
    }

    /** The runtime at {@code home}, read from its {@code release} file; empty when there is none there. */
    static Optional<WorkloadRuntime> of(Path home, String source) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)
                || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
            return Optional.empty();
        }
        try (var reader = Files.newBufferedReader(release)) {
            Properties values = new Properties();
            values.load(reader);
            String version = unquote(values.getProperty("JAVA_VERSION", ""));
            String runtime = unquote(values.getProperty("JAVA_RUNTIME_VERSION", version));
            int feature = Integer.parseInt(version.split("[.+-]")[0]);
            return Optional.of(new WorkloadRuntime(home.toRealPath(), runtime, feature, source));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static String unquote(String value) {
        return value.replace("\"", "").trim();
    }

    /**
     * How one service module runs on this runtime, from what its build left in {@code target/aot/}: the extracted
     * jar with its flags, plus its AOT cache when this runtime is the one that made it; the Boot jar with {@code
     * fallbackOptions} when the module has no such layout (built before it existed).
     */
    ServiceLaunch launch(Path moduleTarget, String module, List<String> fallbackOptions) {
        Path aot = moduleTarget.resolve("aot");
        Path properties = aot.resolve("aot.properties");
        if (!Files.isRegularFile(properties)) {
            return new ServiceLaunch(
                    moduleTarget.resolve(module + ".jar"),
                    fallbackOptions,
                    List.of(),
                    "no AOT layout (built before it existed)");
        }
        Properties values = new Properties();
        try (var reader = Files.newBufferedReader(properties)) {
            values.load(reader);
        } catch (IOException e) {
            throw new LocalModeException("cannot read " + properties + ": " + e.getMessage(), e);
        }
        List<String> flags = List.of(
                values.getProperty("options", String.join(" ", fallbackOptions)).split("\\s+"));
        // Spring's build-time context, made for Actuator on a port of its own: every workload here has one
        String withManagementPort = values.getProperty("options.with-management-port", "");
        List<String> springAot = Arrays.stream(withManagementPort.split("\\s+"))
                .filter(o -> !o.isEmpty())
                .toList();
        Path jar =
                Path.of(values.getProperty("jar", aot.resolve(module + ".jar").toString()));
        String cache = values.getProperty("cache");
        List<String> cacheOption = List.of();
        String note;
        if (cache == null || !Files.isRegularFile(Path.of(cache))) {
            note = "no AOT cache (the build found no Java " + AOT_CACHE_FEATURE + ")";
        } else if (!runtimeVersion.equals(values.getProperty("java.runtime.version"))) {
            note = "no AOT cache (made by Java " + values.getProperty("java.runtime.version") + ")";
        } else {
            cacheOption = List.of("-XX:AOTCache=" + cache);
            note = "AOT cache";
        }
        List<String> builtWith = new ArrayList<>(cacheOption);
        builtWith.addAll(springAot);
        List<String> options = new ArrayList<>(cacheOption);
        options.addAll(flags);
        options.addAll(springAot);
        return new ServiceLaunch(jar, options, builtWith, withManagementPort.isBlank() ? note : note + ", Spring AOT");
    }

    /**
     * @param jar the jar to run with {@code -jar}
     * @param options the JVM options
     * @param builtWith those of {@code options} that belong to how the jar was built (its AOT cache, Spring's
     *     build-time context), not tuning: kept when {@code MESHCTL_WORKLOAD_JAVA_OPTS} replaces the rest
     * @param note {@code AOT cache} or why there is none, then {@code , Spring AOT} when it runs Spring's build-time
     *     context
     */
    record ServiceLaunch(Path jar, List<String> options, List<String> builtWith, String note) {}
}
