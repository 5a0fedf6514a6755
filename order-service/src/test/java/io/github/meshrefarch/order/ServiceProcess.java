package io.github.meshrefarch.order;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A packaged service jar run as its own JVM with SERVER_PORT=0: its port is read from its start-up log line
 * ({@code Product 1.5 listening on port 43125}), and closing it sends SIGTERM (graceful shutdown) to that process.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile(" listening on port (\\d+)");

    private final Process process;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final StringBuffer output = new StringBuffer();

    private ServiceProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "output of pid " + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param jarProperty the system property holding the jar's path (set by the build)
     * @param environment the service's environment variables, SERVER_PORT excepted
     */
    static ServiceProcess start(String jarProperty, Map<String, String> environment) throws IOException {
        String jar = System.getProperty(jarProperty);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(
                    jarProperty + " not found at " + jar + ": package it first (./mvnw package in its module)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-jar", jar).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", "0");
        return new ServiceProcess(builder.start());
    }

    /** Waits for the start-up log line and returns the base URL it announces. */
    String awaitUrl() throws Exception {
        try {
            return "http://127.0.0.1:" + port.get(300, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("pid " + process.pid() + " did not start in 300 s; output:\n" + output, e);
        }
    }

    private void readOutput() {
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    port.complete(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            // the process is gone; what it printed is in output
        }
        port.completeExceptionally(
                new IllegalStateException("pid " + process.pid() + " exited before listening; output:\n" + output));
    }

    /** Stops the process gracefully (SIGTERM), forcibly if it has not stopped after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
