package io.github.meshrefarch.mesh.local.controlplane;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Holds the mesh state. Reads see an immutable snapshot and run concurrently; changes run one at a time, in arrival
 * order, and each is on disk and published to the route table subscribers before it returns. At most
 * {@code maxQueuedChanges} changes may wait or run at once: one more is refused with {@code TooManyRequestsException}
 * instead of piling up behind a slow disk.
 */
final class MeshStore {

    /**
     * What a change produces: the new state (the same instance when nothing changed), the answer to return, and what to
     * do once the state is saved, before the next change runs.
     */
    record Outcome<T>(MeshState state, T answer, Runnable onCommit) {
        Outcome(MeshState state, T answer) {
            this(state, answer, () -> {});
        }
    }

    static final long LOCK_WAIT_SECONDS = 10;

    private final ReentrantLock changeLock = new ReentrantLock(true);
    private final AtomicInteger queuedChanges = new AtomicInteger();
    private final AtomicLong revision = new AtomicLong(1);
    private final int maxQueuedChanges;
    private final StateFile file;
    private final RouteTablePublisher publisher;
    private volatile MeshState state;

    private MeshStore(StateFile file, MeshState initial, int maxQueuedChanges) {
        this.file = file;
        this.state = initial;
        this.maxQueuedChanges = maxQueuedChanges;
        this.publisher = new RouteTablePublisher(RouteTables.derive(initial, revision.get()));
    }

    static MeshStore open(StateFile file, int maxQueuedChanges) throws IOException {
        return new MeshStore(file, file.load(), maxQueuedChanges);
    }

    MeshState snapshot() {
        return state;
    }

    RouteTablePublisher routeTables() {
        return publisher;
    }

    int queuedChanges() {
        return queuedChanges.get();
    }

    /** Applies {@code change} to the latest state, alone; persists and publishes the result when the state changed. */
    <T> T change(Function<MeshState, Outcome<T>> change) {
        if (queuedChanges.incrementAndGet() > maxQueuedChanges) {
            queuedChanges.decrementAndGet();
            throw ApiException.tooManyRequests("Too many concurrent changes; retry later");
        }
        try {
            if (!changeLock.tryLock(LOCK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw ApiException.tooManyRequests("A change waited %d s for its turn; retry later", LOCK_WAIT_SECONDS);
            }
            try {
                return apply(change);
            } finally {
                changeLock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.internal("Interrupted while waiting to apply a change");
        } finally {
            queuedChanges.decrementAndGet();
        }
    }

    private <T> T apply(Function<MeshState, Outcome<T>> change) {
        MeshState before = state;
        Outcome<T> outcome = change.apply(before);
        if (outcome.state() != before) {
            try {
                file.save(outcome.state());
            } catch (IOException e) {
                throw ApiException.internal("Could not save the mesh state: %s", e.getMessage());
            }
            state = outcome.state();
            publisher.publish(RouteTables.derive(outcome.state(), revision.incrementAndGet()));
        }
        outcome.onCommit().run(); // still the only change running
        return outcome.answer();
    }
}
