package io.github.meshrefarch.mesh.local.workloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the local mode's JVM processes. Every process carries a marker naming the state directory that
 * started it ({@code -Dmeshctl.instance=...}), so that a recorded process id is only ever stopped while it still
 * belongs to us, never after the system reused it for something else.
 */
public final class JavaProcesses {

    private static final String MARKER = "-Dmeshctl.instance=";
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Path NICE = Path.of("/usr/bin/nice");

    private final String instance;

    public JavaProcesses(Path stateDir) {
        this.instance = stateDir.toAbsolutePath().normalize().toString();
    }

    /**
     * Starts {@code java <jvmOptions> <arguments>} in its own session (so a terminal's signals for the launching
     * command do not reach it), output appended to {@code log}.
     */
    public Process start(List<String> jvmOptions, List<String> arguments, Map<String, String> environment, Path log)
            throws IOException {
        return start(jvmOptions, arguments, environment, log, 0);
    }

    /**
     * Like {@link #start(List, List, Map, Path)}, at a lower CPU priority ({@code nice}) where the system has one: a
     * JVM starting up then cannot starve the processes already serving traffic on a machine with few cores.
     */
    public Process start(
            List<String> jvmOptions, List<String> arguments, Map<String, String> environment, Path log, int niceness)
            throws IOException {
        Path ownJava = Path.of(System.getProperty("java.home"), "bin", "java");
        return start(ownJava, jvmOptions, arguments, environment, log, niceness);
    }

    /** Like {@link #start(List, List, Map, Path, int)}, on the given {@code java} executable. */
    public Process start(
            Path java,
            List<String> jvmOptions,
            List<String> arguments,
            Map<String, String> environment,
            Path log,
            int niceness)
            throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        var command = new ArrayList<String>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        if (niceness > 0 && Files.isExecutable(NICE)) {
            command.addAll(List.of(NICE.toString(), "-n", Integer.toString(niceness)));
        }
        command.add(java.toString());
        command.add(MARKER + instance);
        command.addAll(jvmOptions);
        command.addAll(arguments);
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** The live process with this id, if it is one of ours. */
    public Optional<ProcessHandle> find(long pid) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info()
                        .arguments()
                        .map(args -> List.of(args).contains(MARKER + instance))
                        .orElse(false));
    }

    /** Asks the process to stop (SIGTERM: Spring's graceful shutdown), then kills it if it outlives {@code grace}. */
    public void stop(long pid, Duration grace) {
        stopAll(List.of(pid), grace);
    }

    /**
     * Asks every process to stop at once, then kills those that outlive {@code grace}.
     *
     * @return the ids of the processes that were running and are now stopped
     */
    public List<Long> stopAll(List<Long> pids, Duration grace) {
        List<ProcessHandle> running =
                pids.stream().map(this::find).flatMap(Optional::stream).toList();
        running.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : running) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception notInTime) {
                handle.destroyForcibly();
                handle.onExit()
                        .orTimeout(5, TimeUnit.SECONDS)
                        .exceptionally(t -> handle)
                        .join();
            }
        }
        return running.stream().map(ProcessHandle::pid).toList();
    }

    /** The last lines of a log, to explain why a process did not come up. */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
