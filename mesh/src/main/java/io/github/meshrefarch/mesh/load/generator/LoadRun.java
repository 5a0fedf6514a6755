package io.github.meshrefarch.mesh.load.generator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A running load: one scheduler thread sends request {@code i} at {@code start + i / rate} whether
 * or not earlier ones have returned (open loop), and catches up at once after a stall, each request
 * keeping its scheduled time as the origin of its latency. When sending ends (duration reached or
 * {@link #stop()}), the run waits for requests in flight, at most the request timeout (and a
 * margin); any still in flight then count as timeouts at their age, so the final figures account
 * for every request sent ({@code completed == sent}, {@code inFlight == 0}). The server
 * sees a few more requests than the figures count: the warm-up requests (see {@link #start}).
 *
 * <p>Thread-safe. The listener runs on one thread of its own, one response after the other, so it
 * need not be thread-safe, and a slow listener delays neither requests nor their latencies; {@link
 * #stop()} returns after it has seen the last response.
 */
public final class LoadRun implements AutoCloseable {

    /** Stands for "no listener": responses are only counted, no thread hands them out. */
    static final Consumer<LoadResponse> NO_LISTENER = response -> {};

    private static final long DRAIN_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long LISTENER_GRACE_SECONDS = 10;

    private final LoadConfig config;
    private final Consumer<LoadResponse> listener;
    private final HttpLoadClient client;
    private final LoadStatistics statistics;
    private final long startNanos;
    private final Thread scheduler;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final ExecutorService listenerThread;
    private final AtomicReference<RuntimeException> listenerFailure = new AtomicReference<>();
    private volatile boolean stopRequested;
    private volatile LoadResult result;

    private LoadRun(LoadConfig config, Consumer<LoadResponse> listener, HttpLoadClient client) {
        this.config = config;
        this.listener = listener;
        this.client = client;
        this.startNanos = System.nanoTime();
        this.statistics = new LoadStatistics(startNanos);
        this.scheduler = daemon(this::runSchedule, "meshctl-load-scheduler");
        this.listenerThread = listener == NO_LISTENER
                ? null
                : Executors.newSingleThreadExecutor(task -> daemon(task, "meshctl-load-listener"));
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Warms the client up first (see {@link HttpLoadClient#warmUp()}), then starts the schedule. */
    static LoadRun start(LoadConfig config, Consumer<LoadResponse> listener) {
        Objects.requireNonNull(listener);
        HttpLoadClient client = new HttpLoadClient(Objects.requireNonNull(config));
        try {
            client.warmUp();
        } catch (RuntimeException e) { // interrupted while blocking
            client.close();
            throw e;
        }
        LoadRun run = new LoadRun(config, listener, client);
        run.scheduler.start();
        return run;
    }

    /** The figures of the whole run so far (final ones once it has finished). */
    public LoadResult snapshot() {
        LoadResult done = result;
        return done != null ? done : statistics.total(System.nanoTime());
    }

    /**
     * The figures since the previous call (or the start of the run), and a new window from now on:
     * the demo reads one window per step of the walkthrough. Requests sent in one window and
     * answered in the next count as sent in the first and completed in the second.
     */
    public LoadResult takeWindow() {
        return statistics.takeWindow(System.nanoTime());
    }

    /** Whether sending has ended and no request is in flight any more. */
    public boolean finished() {
        return finished.getCount() == 0;
    }

    /** Waits until the run ends by itself (bounded runs only) and returns its figures. */
    public LoadResult awaitCompletion() throws InterruptedException {
        if (!config.bounded()) {
            throw new IllegalStateException("a run without a duration ends only with stop()");
        }
        finished.await();
        return finalResult();
    }

    /** Stops sending, waits for requests in flight (at most the request timeout) and returns the figures. */
    public LoadResult stop() {
        stopRequested = true;
        LockSupport.unpark(scheduler);
        boolean interrupted = false;
        while (finished.getCount() > 0) {
            try {
                finished.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return finalResult();
    }

    @Override
    public void close() {
        stop();
    }

    private LoadResult finalResult() {
        RuntimeException failure = listenerFailure.get();
        if (failure != null) {
            throw new IllegalStateException("the response listener failed: " + failure, failure);
        }
        return result;
    }

    private void runSchedule() {
        try {
            long interval = config.intervalNanos();
            long end = config.bounded() ? startNanos + config.duration().toNanos() : Long.MAX_VALUE;
            long next = startNanos;
            while (!stopRequested && next - end < 0) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                } else {
                    send(next);
                    next += interval;
                }
            }
            drain();
            statistics.abandonInFlight(System.nanoTime()).forEach(this::handOut);
            result = statistics.total(System.nanoTime());
        } finally {
            client.close();
            awaitListener();
            finished.countDown();
        }
    }

    private void send(long scheduledNanos) {
        long id = statistics.sent(scheduledNanos);
        client.get(scheduledNanos).subscribe(response -> completed(id, response));
    }

    /** Counts and hands out as one step, so that the listener thread is not shut down in between. */
    private synchronized void completed(long id, LoadResponse response) {
        if (statistics.completed(id, response)) {
            handOut(response);
        }
    }

    private void handOut(LoadResponse response) {
        if (listenerThread != null) {
            listenerThread.execute(() -> notifyListener(response));
        }
    }

    private void notifyListener(LoadResponse response) {
        try {
            listener.accept(response);
        } catch (RuntimeException e) {
            listenerFailure.compareAndSet(null, e);
        }
    }

    private void awaitListener() {
        if (listenerThread == null) {
            return;
        }
        synchronized (this) {
            listenerThread.shutdown();
        }
        try {
            if (!listenerThread.awaitTermination(LISTENER_GRACE_SECONDS, TimeUnit.SECONDS)) {
                listenerFailure.compareAndSet(
                        null, new IllegalStateException("the listener did not keep up with the responses"));
                listenerThread.shutdownNow();
            }
        } catch (InterruptedException e) {
            listenerThread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        long deadline = System.nanoTime() + config.requestTimeout().toNanos() + DRAIN_MARGIN_NANOS;
        while (statistics.inFlight() > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** How long the run has been going. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
