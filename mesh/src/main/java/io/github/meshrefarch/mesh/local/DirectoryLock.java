package io.github.meshrefarch.mesh.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An exclusive lock across processes on a lock file ({@link FileChannel#tryLock()}), whose holder writes its process id
 * and command line into the file, so that a process that cannot take the lock can say who has it. The operating system
 * releases the lock when the holder exits, however it exits: a stale lock file is never in the way.
 */
public final class DirectoryLock implements AutoCloseable {

    private static final Duration RETRY_INTERVAL = Duration.ofMillis(100);
    private static final int MAX_COMMAND_LENGTH = 300;

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or returns empty at once when another process (or another lock of this one) holds it. */
    public static Optional<DirectoryLock> tryAcquire(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(describe(ProcessHandle.current()).getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            channel.close(); // releases the lock too
            throw e;
        }
        return Optional.of(new DirectoryLock(channel, lock));
    }

    /**
     * Takes the lock, waiting while another process holds it: {@code waiting} hears once who holds it, and after
     * {@code bound} the wait ends with a {@link LockedException} naming the holder.
     */
    public static DirectoryLock acquire(Path file, Duration bound, Consumer<String> waiting) throws IOException {
        long deadline = System.nanoTime() + bound.toNanos();
        boolean told = false;
        while (true) {
            Optional<DirectoryLock> lock = tryAcquire(file);
            if (lock.isPresent()) {
                return lock.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new LockedException("gave up after %d s waiting for the lock %s, held by %s"
                        .formatted(bound.toSeconds(), file, holder(file)));
            }
            if (!told) {
                waiting.accept("Waiting for the lock " + file + ", held by " + holder(file) + " ...");
                told = true;
            }
            try {
                Thread.sleep(RETRY_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LockedException("interrupted while waiting for the lock " + file);
            }
        }
    }

    /** Who holds the lock, as its file says, e.g. {@code pid 4242 (java -jar meshctl.jar local up)}. */
    public static String holder(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8).strip();
            return content.isEmpty() ? "another process (its lock file names none)" : content;
        } catch (NoSuchFileException absent) {
            return "another process";
        } catch (IOException e) {
            return "another process (" + file + " cannot be read: " + e.getMessage() + ")";
        }
    }

    /** The process id and command line; a class path is left out (it is long and says little). */
    static String describe(ProcessHandle process) {
        List<String> words = new ArrayList<>();
        List<String> arguments = commandLine(process);
        for (int i = 0; i < arguments.size(); i++) {
            words.add(arguments.get(i));
            if (Set.of("-cp", "-classpath", "--class-path").contains(arguments.get(i)) && i + 1 < arguments.size()) {
                words.add("...");
                i++;
            }
        }
        String command = words.isEmpty() ? "command line unknown" : String.join(" ", words);
        if (command.length() > MAX_COMMAND_LENGTH) {
            command = command.substring(0, MAX_COMMAND_LENGTH) + " ...";
        }
        return "pid " + process.pid() + " (" + command + ")";
    }

    /** The executable and its arguments: from {@code /proc} where there is one (the JDK's view omits long ones). */
    private static List<String> commandLine(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException | RuntimeException noProc) {
            return process.info().commandLine().map(List::of).orElse(List.of());
        }
    }

    /** Releases the lock; the file stays (deleting it could let two processes lock two different files). */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** The lock is held by another process (the message names it). */
    public static final class LockedException extends IOException {
        public LockedException(String message) {
            super(message);
        }
    }
}
