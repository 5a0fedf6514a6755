package io.github.meshrefarch.mesh.rollout;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Sleeps that an abort cuts short, from any thread. */
final class Waiter {

    private final CountDownLatch aborted = new CountDownLatch(1);

    void abort() {
        aborted.countDown();
    }

    boolean aborted() {
        return aborted.getCount() == 0;
    }

    /** Sleeps for {@code duration}; false when aborted before or during it. */
    boolean sleep(Duration duration) {
        try {
            return !aborted.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A sleep no abort cuts short (a rollback's own waits); an interrupt ends it early. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
