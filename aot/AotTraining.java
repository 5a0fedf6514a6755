import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Build step of each service module (bound to {@code package}, see the root pom): the AOT-ready layout and, on Java 25
 * or newer, the AOT cache (JEP 483, 514, 515) from a training run that serves real requests.
 *
 * <ol>
 *   <li>Extracts the Boot jar ({@code java -Djarmode=tools -jar X.jar extract}) into {@code target/aot/}: {@code
 *       X.jar} plus {@code lib/}, a class path of plain jars, which the cache needs.
 *   <li>Looks for a Java 25 or newer runtime: {@code MESHCTL_JAVA}, {@code JAVA_HOME}, the running one, then JDKs
 *       installed in the usual places. None: says so, and the cache is skipped.
 *   <li>Starts the service on free ports with {@code -XX:AOTMode=record} and Spring's build-time context, order
 *       against two small in-process stand-ins for product and customer; sends it requests from a few threads for a
 *       few seconds, then stops it (SIGTERM); a second JVM ({@code -XX:AOTMode=create}) writes the cache, with the
 *       loaded and linked classes and the method profiles of real requests.
 *   <li>Writes {@code target/aot/aot.properties} (runtime, flags, cache; read by meshctl's local mode) and {@code
 *       target/aot/run}, the one command that runs the service the fast way.
 * </ol>
 *
 * <p>Run by the build with the build's own JDK (single-file source launch, Java 17 or newer): {@code java
 * aot/AotTraining.java MODULE TARGET_DIR [SECONDS]}. A failed training leaves no cache and does not fail the build:
 * the service then runs without it.
 */
public class AotTraining {

    /**
     * JVM flags for a small service, the same in training and at run time (the cache is made for them): the serial
     * collector (one or two cores, a small heap: no concurrent collector threads), a heap sized from measurements,
     * smaller thread stacks and code cache, two Netty event loops (a fan-out of two small calls needs no more), the
     * C heap trimmed every 5 s (the JIT compiler's scratch memory, freed after each compilation, otherwise stays
     * resident in glibc's arenas: 7 to 13 MiB less resident memory under load, bench/README.md), and exit on
     * OutOfMemoryError so the supervisor restarts the process.
     */
    static final List<String> FLAGS = List.of(
            "-XX:+UseSerialGC",
            "-Xms24m",
            "-Xmx80m",
            "-Xss512k",
            "-XX:ReservedCodeCacheSize=48m",
            "-Dreactor.netty.ioWorkerCount=2",
            "-XX:TrimNativeHeapInterval=5000",
            "-XX:+ExitOnOutOfMemoryError");

    /**
     * Runs the context Spring's AOT processing generated at build time (the root pom's {@code process-aot}: bean
     * definitions as code, no classpath scanning or condition evaluation at start-up). That processing fixed the
     * conditions with Actuator on a port of its own, so the option is given only when {@code MANAGEMENT_PORT} is set:
     * by {@code run}, the training and the local mode; without it the service starts the regular way.
     */
    static final String SPRING_AOT = "-Dspring.aot.enabled=true";

    static final int MIN_FEATURE = 25;
    static final int MIN_REQUESTS = 2000;
    static final int MAX_LOAD_FACTOR = 8;
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java aot/AotTraining.java MODULE TARGET_DIR [SECONDS]");
            System.exit(2);
        }
        String module = args[0];
        Path target = Path.of(args[1]).toAbsolutePath().normalize();
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path out = target.resolve("aot");
        Path jar = out.resolve(module + ".jar");
        extract(target.resolve(module + ".jar"), out);

        Properties properties = new Properties();
        properties.setProperty("jar", jar.toString());
        properties.setProperty("options", String.join(" ", FLAGS));
        properties.setProperty("options.with-management-port", SPRING_AOT);
        Optional<JavaRuntime> runtime = JavaRuntime.find();
        Path cache = out.resolve(module + ".aot");
        Files.deleteIfExists(cache);
        Files.deleteIfExists(out.resolve("training.log"));
        if (runtime.isEmpty()) {
            say(module + ": no Java " + MIN_FEATURE + " or newer found (MESHCTL_JAVA, JAVA_HOME, installed JDKs):"
                    + " AOT cache skipped; the extracted jar runs on any Java 17 or newer");
            properties.setProperty("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        } else {
            JavaRuntime java = runtime.get();
            properties.setProperty("java", java.executable().toString());
            properties.setProperty("java.runtime.version", java.runtimeVersion());
            long start = System.nanoTime();
            long served = train(module, java, jar, cache, Duration.ofSeconds(seconds), out.resolve("training.log"));
            if (Files.isRegularFile(cache)) {
                properties.setProperty("cache", cache.toString());
                say(String.format(
                        "%s: AOT cache %s (%d MiB) from %d requests in a training run of %d s or more, on Java %s (%s); %.1f s",
                        module,
                        target.getParent().relativize(cache),
                        Files.size(cache) >> 20,
                        served,
                        seconds,
                        java.runtimeVersion(),
                        java.source(),
                        (System.nanoTime() - start) / 1e9));
            } else {
                say(module + ": the training run wrote no AOT cache (see " + out.resolve("training.log")
                        + "); the service runs without it");
            }
        }
        try (var writer = Files.newBufferedWriter(out.resolve("aot.properties"))) {
            properties.store(writer, "written by aot/AotTraining.java; read by meshctl's local mode");
        }
        writeRunScript(out.resolve("run"), properties);
    }

    private static void extract(Path bootJar, Path out) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process extract = new ProcessBuilder(
                        java, "-Djarmode=tools", "-jar", bootJar.toString(), "extract", "--force", "--destination",
                        out.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (extract.waitFor() != 0) {
            throw new IllegalStateException("extracting " + bootJar + " failed (exit " + extract.exitValue() + ")");
        }
    }

    /** Runs the training; returns the number of requests the service answered 200. */
    private static long train(String module, JavaRuntime java, Path jar, Path cache, Duration load, Path log)
            throws Exception {
        List<HttpServer> standIns = new ArrayList<>();
        Map<String, String> environment = new HashMap<>();
        int port = freePort();
        int management = freePort();
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("MANAGEMENT_PORT", Integer.toString(management));
        environment.put("SERVER_ADDRESS", "127.0.0.1");
        environment.put("WARM_UP_REQUESTS", "300"); // as the local mode and the manifests run it: its classes are cached
        if (module.equals("order-service")) {
            standIns.add(standIn("Product"));
            standIns.add(standIn("Customer"));
            environment.put("PRODUCT_SVC_URL", url(standIns.get(0).getAddress().getPort(), ""));
            environment.put("CUSTOMER_SVC_URL", url(standIns.get(1).getAddress().getPort(), ""));
            environment.put("BACKEND_TIMEOUT_MS", "10000"); // a busy build machine must not turn training into 504s
        }
        // Two steps (JEP 483): record a configuration while serving, then create the cache from it in a JVM of its own,
        // which this waits for (the one-step -XX:AOTCacheOutput creates it in a child the training JVM does not await).
        Path configuration = cache.resolveSibling(cache.getFileName() + "conf");
        Process service = java(
                        java,
                        List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration, SPRING_AOT),
                        jar,
                        log)
                .apply(environment);
        long served;
        try {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            if (!awaitReady(service, http, url(management, "/actuator/health/readiness"))) {
                say(module + ": not ready for training within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
                return 0;
            }
            served = sendRequests(http, port, management, load);
        } finally {
            service.destroy(); // SIGTERM: graceful shutdown, then the JVM writes the configuration as it exits
            if (!service.waitFor(10, TimeUnit.MINUTES)) {
                service.destroyForcibly().waitFor();
            }
            standIns.forEach(server -> server.stop(0));
        }
        if (Files.isRegularFile(configuration)) {
            Process create = java(
                            java,
                            List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration, "-XX:AOTCache=" + cache),
                            jar,
                            log)
                    .apply(Map.of());
            if (!create.waitFor(10, TimeUnit.MINUTES)) {
                create.destroyForcibly().waitFor();
                Files.deleteIfExists(cache);
            }
            Files.deleteIfExists(configuration);
        }
        return served;
    }

    /** A function starting {@code java <aotOptions> <FLAGS> -jar jar} with an environment, output appended to log. */
    private static java.util.function.Function<Map<String, String>, Process> java(
            JavaRuntime java, List<String> aotOptions, Path jar, Path log) {
        return environment -> {
            List<String> command = new ArrayList<>(List.of(java.executable().toString()));
            command.addAll(aotOptions);
            command.addAll(FLAGS);
            command.addAll(List.of("-jar", jar.toString()));
            var builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            try {
                return builder.start();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    private static boolean awaitReady(Process service, HttpClient http, String readiness) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && service.isAlive()) {
            if (status(http, readiness, Map.of()) == 200) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** The requests the service serves in production, from four threads: its answer, both answer forms, probes. */
    private static long sendRequests(HttpClient http, int port, int management, Duration load)
            throws InterruptedException {
        Map<String, Map<String, String>> requests = new LinkedHashMap<>();
        requests.put(url(port, "/"), Map.of());
        requests.put(url(port, "/#json"), Map.of("Accept", "application/json"));
        requests.put(url(management, "/actuator/health/readiness"), Map.of());
        requests.put(url(management, "/actuator/health/liveness"), Map.of());
        requests.put(url(management, "/actuator/prometheus"), Map.of());
        List<String> urls = List.copyOf(requests.keySet());
        AtomicLong served = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + load.toNanos();
        long limit = start + load.multipliedBy(MAX_LOAD_FACTOR).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                // the given time, longer on a slow machine until the hot paths ran often enough for the JIT's profiles
                for (long i = 0;
                        System.nanoTime() < limit && (System.nanoTime() < deadline || served.get() < MIN_REQUESTS);
                        i++) {
                    // mostly the service's own answer, as in production; now and then a probe or a scrape
                    String target = i % 50 == 49 ? urls.get(2 + (int) (i / 50 % 3)) : urls.get((int) (i % 2));
                    if (status(http, target.replace("#json", ""), requests.get(target)) == 200) {
                        served.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return served.get();
    }

    private static int status(HttpClient http, String url, Map<String, String> headers) {
        try {
            var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
            headers.forEach(request::header);
            return http.send(request.build(), BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A backend stand-in for order's training: answers {@code GET /} as product or customer does. */
    private static HttpServer standIn(String service) throws IOException {
        byte[] body = ("{\"service\":\"" + service + "\",\"version\":\"1.0\"}").getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var response = exchange.getResponseBody()) {
                response.write(body);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, service + " stand-in");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }

    private static void writeRunScript(Path script, Properties properties) throws IOException {
        String cache = properties.getProperty("cache");
        String command = "exec \"" + properties.getProperty("java") + "\""
                + (cache == null ? "" : " -XX:AOTCache=\"" + cache + "\"") + " " + properties.getProperty("options")
                + " $spring_aot -jar \"" + properties.getProperty("jar") + "\" \"$@\"";
        Files.writeString(
                script,
                "#!/bin/sh\n# The service the fast way (written by aot/AotTraining.java): "
                        + (cache == null ? "no AOT cache (no Java 25 at build time)" : "Java 25+ with its AOT cache")
                        + ". Configure it with the environment variables of the README.\n"
                        + "# Spring's build-time (AOT) context when Actuator has a port of its own, as it was made.\n"
                        + "spring_aot=\n[ -n \"${MANAGEMENT_PORT:-}\" ] && spring_aot=" + SPRING_AOT + "\n"
                        + command + "\n");
        script.toFile().setExecutable(true);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String url(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static void say(String line) {
        System.out.println("[aot] " + line);
    }

    /**
     * A Java runtime of version 25 or newer, and where it was found. The same lookup as meshctl's
     * {@code WorkloadRuntime} (mesh/.../local/workloads), written again on purpose: this file runs as a single-file
     * program during the build, before mesh is compiled, so it cannot use that class. Change both together.
     */
    record JavaRuntime(Path home, String runtimeVersion, int feature, String source) {

        Path executable() {
            return home.resolve("bin").resolve("java");
        }

        /** The first of MESHCTL_JAVA, JAVA_HOME and this JVM that is 25 or newer, else the newest installed one. */
        static Optional<JavaRuntime> find() {
            List<JavaRuntime> candidates = new ArrayList<>();
            named(System.getenv("MESHCTL_JAVA"), "MESHCTL_JAVA").ifPresent(candidates::add);
            named(System.getenv("JAVA_HOME"), "JAVA_HOME").ifPresent(candidates::add);
            named(System.getProperty("java.home"), "the build's JDK").ifPresent(candidates::add);
            Optional<JavaRuntime> chosen =
                    candidates.stream().filter(r -> r.feature() >= MIN_FEATURE).findFirst();
            return chosen.isPresent() ? chosen : installed();
        }

        private static Optional<JavaRuntime> installed() {
            String home = System.getProperty("user.home");
            List<Path> roots = List.of(
                    Path.of("/usr/lib/jvm"),
                    Path.of("/usr/java"),
                    Path.of("/opt/java"),
                    Path.of(home, ".sdkman", "candidates", "java"),
                    Path.of(home, ".jdks"),
                    Path.of("/Library/Java/JavaVirtualMachines"));
            return roots.stream()
                    .filter(Files::isDirectory)
                    .flatMap(AotTraining.JavaRuntime::children)
                    .flatMap(dir -> Stream.of(dir, dir.resolve("Contents").resolve("Home")))
                    .map(dir -> of(dir, "installed JDK"))
                    .flatMap(Optional::stream)
                    .filter(r -> r.feature() >= MIN_FEATURE)
                    .max(Comparator.comparingInt(JavaRuntime::feature));
        }

        private static Stream<Path> children(Path root) {
            try (Stream<Path> list = Files.list(root)) {
                return list.sorted().toList().stream();
            } catch (IOException e) {
                return Stream.empty();
            }
        }

        /** A variable may name a JDK home or its {@code java} executable. */
        private static Optional<JavaRuntime> named(String value, String source) {
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            Path path = Path.of(value);
            if (path.endsWith(Path.of("bin", "java"))) {
                path = path.getParent().getParent();
            }
            return of(path, source);
        }

        private static Optional<JavaRuntime> of(Path home, String source) {
            Path release = home.resolve("release");
            if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
                return Optional.empty();
            }
            try (var reader = Files.newBufferedReader(release)) {
                Properties values = new Properties();
                values.load(reader);
                String version = unquote(values.getProperty("JAVA_VERSION", ""));
                String runtime = unquote(values.getProperty("JAVA_RUNTIME_VERSION", version));
                int feature = Integer.parseInt(version.split("[.+-]")[0]);
                return Optional.of(new JavaRuntime(home.toRealPath(), runtime, feature, source + " " + home));
            } catch (IOException | RuntimeException unreadable) {
                return Optional.empty();
            }
        }

        private static String unquote(String value) {
            return value.replace("\"", "").trim();
        }
    }
}
