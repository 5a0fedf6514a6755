package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.local.DirectoryLock;
import io.github.meshrefarch.mesh.model.MeshOperationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One writer per mesh on this machine: a command that changes a mesh holds this lock from its first read to its last
 * write, so two meshctl runs on the same mesh never interleave (each reads, plans and writes alone, and the mesh ends
 * as one of them left it, never a mix of both). The lock is a file in the state directory ({@code
 * writes/<target>-<mesh>.lock}) that the operating system releases when its holder exits, however it exits;
 * it names its holder, and a second writer waits for it, saying so, up to {@link #WAIT}. Like the rollout lock it is
 * local: two machines writing the same remote mesh do not see each other's.
 */
final class MeshWriteLock implements AutoCloseable {

    static final Duration WAIT = Duration.ofMinutes(2);

    private final DirectoryLock lock; // null: nothing held (a dry run)

    private MeshWriteLock(DirectoryLock lock) {
        this.lock = lock;
    }

    /** Nothing to hold: a dry run reads only. */
    static MeshWriteLock none() {
        return new MeshWriteLock(null);
    }

    /**
     * Takes the lock of {@code mesh} on {@code target}, waiting while another run has it. The lock is per target and
     * mesh name, not per endpoint: two local meshes of the same name on other ports share it (a short wait at most),
     * and the state directory does not fill with a file per port.
     */
    static MeshWriteLock acquire(Path stateDir, Target target, String mesh, PrintWriter progress) {
        String name = (target.name().toLowerCase() + "-" + mesh).replaceAll("[^A-Za-z0-9._-]", "_");
        Path file = stateDir.resolve("writes").resolve(name + ".lock");
        try {
            return new MeshWriteLock(DirectoryLock.acquire(file, WAIT, message -> {
                progress.println(message);
                progress.flush();
            }));
        } catch (IOException e) {
            throw new MeshOperationException("cannot take the write lock of mesh " + mesh + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                // the operating system releases it with the process anyway
            }
        }
    }
}
