package io.github.meshrefarch.mesh.rollout;

import io.github.meshrefarch.mesh.model.UnexpectedStateException;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One rollout per service at a time on this machine: a file {@code rollouts/<mesh>.<service>.lock} in the state
 * directory, locked by the operating system while a rollout runs (so a crashed holder never blocks the next one) and
 * holding what {@code meshctl status} shows: pid, service, canary, step, since when. The lock is local: two machines
 * rolling out the same service of a remote mesh do not see each other's lock.
 */
public final class RolloutLock implements AutoCloseable {

    /**
     * What the lock file says.
     *
     * @param pid the rollout's process
     * @param mesh the mesh
     * @param service the service as given
     * @param canary the canary's virtual node
     * @param step e.g. {@code 2/10 (canary 20%)}
     * @param since when the rollout started
     */
    public record Holder(long pid, String mesh, String service, String canary, String step, Instant since) {

        String line() {
            return String.join("\t", Long.toString(pid), mesh, service, canary, step, since.toString());
        }

        static Optional<Holder> parse(String text) {
            String[] fields = text.strip().split("\t");
            if (fields.length != 6) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Holder(
                        Long.parseLong(fields[0]),
                        fields[1],
                        fields[2],
                        fields[3],
                        fields[4],
                        Instant.parse(fields[5])));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        /** E.g. {@code product -> product-v15-vn: step 2/10 (canary 20%) since 2026-11-29T21:50:03Z (pid 4242)}. */
        public String describe() {
            return service + " -> " + canary + ": step " + step + " since " + since + " (pid " + pid + ")";
        }
    }

    private final FileChannel channel;
    private final FileLock lock;
    private Holder holder;

    private RolloutLock(FileChannel channel, FileLock lock, Holder holder) {
        this.channel = channel;
        this.lock = lock;
        this.holder = holder;
    }

    /** Takes the service's lock, or refuses with who holds it ({@link UnexpectedStateException}). */
    public static RolloutLock acquire(Path stateDir, String mesh, String service, String canary) {
        Path file = file(stateDir, mesh, service);
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                String who = read(file).map(Holder::describe).orElse("another process");
                throw new UnexpectedStateException("a rollout of " + service + " in mesh " + mesh + " is in progress: "
                        + who + "; wait for it to end or stop it with Ctrl-C in its terminal");
            }
            Holder holder = new Holder(ProcessHandle.current().pid(), mesh, service, canary, "starting", Instant.now());
            RolloutLock taken = new RolloutLock(channel, lock, holder);
            taken.write(holder);
            return taken;
        } catch (IOException e) {
            throw new UnexpectedStateException("cannot use the rollout lock " + file + ": " + e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    /** A listener that records each step as it starts, e.g. {@code 2/10 (canary 20%)}. */
    public RolloutListener recorder() {
        return new RolloutListener() {
            @Override
            public void stepStarted(int number, int total, java.util.List<WeightedTarget> weights) {
                int weight = weights.stream()
                        .filter(t -> t.virtualNode().equals(holder.canary()))
                        .mapToInt(WeightedTarget::weight)
                        .sum();
                step(number + "/" + total + " (canary " + weight + "%)");
            }
        };
    }

    /** Records the step in progress, for {@code status}. */
    public void step(String step) {
        holder = new Holder(holder.pid(), holder.mesh(), holder.service(), holder.canary(), step, holder.since());
        write(holder);
    }

    private void write(Holder value) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((value.line() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            throw new UnexpectedStateException("cannot write the rollout lock: " + e);
        }
    }

    /** Empties the file and releases the lock (the file stays: deleting it would race with the next holder). */
    @Override
    public void close() {
        try (channel) {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            // the lock goes with the channel anyway
        }
    }

    /** Rollouts in progress on this machine, from the lock files whose holder still runs. */
    public static List<Holder> inProgress(Path stateDir) {
        Path dir = stateDir.resolve("rollouts");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Holder> holders = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".lock"))
                    .sorted()
                    .forEach(f -> read(f).filter(h -> ProcessHandle.of(h.pid())
                                    .map(ProcessHandle::isAlive)
                                    .orElse(false))
                            .ifPresent(holders::add));
        } catch (IOException e) {
            return List.of();
        }
        return holders;
    }

    private static Optional<Holder> read(Path file) {
        try {
            return Holder.parse(Files.readString(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Path file(Path stateDir, String mesh, String service) {
        String name = (mesh + "." + service).replaceAll("[^A-Za-z0-9._-]", "_");
        return stateDir.resolve("rollouts").resolve(name + ".lock");
    }
}
