package io.github.meshrefarch.mesh.local.workloads;

import java.nio.file.Path;

/** Holds the local mode's lock on a state directory until its standard input closes: another meshctl run, in tests. */
public final class LockHolder {

    private LockHolder() {}

    public static void main(String[] args) throws Exception {
        try (var lock = new LocalStateStore(Path.of(args[0])).lock()) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock
            }
        }
    }
}
