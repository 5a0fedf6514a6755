package io.github.meshrefarch.mesh.local.workloads;

import io.github.meshrefarch.mesh.local.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local mode's state file ({@code local.json} in the state directory), written atomically. A {@code meshctl} run
 * that changes the local mode holds the directory's {@link #lock()} throughout, so two runs never interleave.
 */
public final class LocalStateStore {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path dir;
    private final Path file;

    public LocalStateStore(Path dir) {
        this.dir = dir;
        this.file = dir.resolve("local.json");
    }

    public Path directory() {
        return dir;
    }

    public Path file() {
        return file;
    }

    /**
     * Where the mesh daemon writes the URI of the data plane's admin endpoint once it serves (it may have bound a free
     * port); {@code local up} copies it into the state file.
     */
    public Path adminEndpointFile() {
        return dir.resolve("mesh-daemon.admin");
    }

    /** The state as last written, or {@link LocalState#EMPTY}. */
    public LocalState read() {
        try {
            return JSON.readValue(Files.readAllBytes(file), LocalState.class);
        } catch (NoSuchFileException absent) {
            return LocalState.EMPTY;
        } catch (IOException e) {
            throw new LocalModeException("cannot read " + file + ": " + e, e);
        } catch (JacksonException e) {
            throw new LocalModeException("the local state file " + file + " is not valid: " + e.getOriginalMessage());
        }
    }

    /** Applies {@code change} to the current state and writes the result; callers hold {@link #lock()}. */
    public synchronized LocalState update(UnaryOperator<LocalState> change) {
        try {
            LocalState updated = change.apply(read());
            AtomicFiles.write(file, JSON.writeValueAsBytes(updated));
            return updated;
        } catch (IOException e) {
            throw new LocalModeException("cannot write " + file + ": " + e, e);
        }
    }

    /** Holds the state directory's lock until closed; blocks while another {@code meshctl} run holds it. */
    public Lock lock() throws IOException {
        Files.createDirectories(dir);
        FileChannel channel =
                FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return new Lock(channel, channel.lock());
    }

    /** An exclusive lock on the state directory, across processes. */
    public record Lock(FileChannel channel, FileLock fileLock) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            fileLock.release();
            channel.close();
        }
    }
}
