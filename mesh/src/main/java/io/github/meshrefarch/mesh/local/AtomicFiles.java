package io.github.meshrefarch.mesh.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/** Writes a file so that a reader, or a restart after a crash, sees either the old content or the new, never a mix. */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** Writes to a temporary file beside the target, forces it to disk, renames it over the target, syncs the folder. */
    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(
                dir, temporaryPrefix(target) + ProcessHandle.current().pid() + "-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
    }

    /**
     * Deletes temporary files that a write interrupted by a crash left beside {@code target}: only those whose writer
     * (the process id in the name) is gone, never the file of a write still in progress in another process. A file
     * without a process id (an older meshctl's) is deleted once it is a minute old.
     */
    public static void removeLeftovers(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        String prefix = temporaryPrefix(target);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, prefix + "*.tmp")) {
            for (Path leftover : leftovers) {
                if (abandoned(leftover, prefix)) {
                    Files.deleteIfExists(leftover);
                }
            }
        }
    }

    private static boolean abandoned(Path temporary, String prefix) throws IOException {
        String rest = temporary.getFileName().toString().substring(prefix.length());
        int dash = rest.indexOf('-');
        if (dash > 0 && dash < 19 && rest.substring(0, dash).chars().allMatch(Character::isDigit)) {
            long writer = Long.parseLong(rest.substring(0, dash));
            return ProcessHandle.of(writer).map(process -> !process.isAlive()).orElse(true);
        }
        return Files.getLastModifiedTime(temporary)
                .toInstant()
                .isBefore(Instant.now().minus(Duration.ofMinutes(1)));
    }

    /** {@code state.json} is written through {@code .state-<writer's pid>-<random>.tmp}. */
    private static String temporaryPrefix(Path target) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return "." + (dot > 0 ? name.substring(0, dot) : name) + "-";
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            // Some file systems cannot open or sync a directory; the rename itself is still atomic there.
        }
    }
}
