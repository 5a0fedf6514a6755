package io.github.meshrefarch.mesh.load.generator;

import java.util.function.Consumer;

/**
 * Open-loop HTTP load: requests go out on a fixed schedule at the configured rate, not when earlier
 * ones return, and each latency counts from the request's scheduled time, so a slow server shows up
 * in the percentiles instead of slowing the generator down (no coordinated omission).
 *
 * <pre>{@code
 * LoadResult result = LoadGenerator.run(LoadConfig.of(url, 500, Duration.ofSeconds(5)));
 *
 * try (LoadRun run = LoadGenerator.start(LoadConfig.untilStopped(url, 100), response -> ...)) {
 *     ...; LoadResult step = run.takeWindow(); ...
 * }
 * }</pre>
 */
public final class LoadGenerator {

    private LoadGenerator() {}

    /**
     * Warms the client up (a few requests outside the figures, at most the request timeout), then
     * starts the schedule and returns the running load; {@code listener} sees every scheduled
     * request's outcome, one after the other on a thread of its own.
     */
    public static LoadRun start(LoadConfig config, Consumer<LoadResponse> listener) {
        return LoadRun.start(config, listener);
    }

    /** Sends for the configured duration, waits for the last responses, and returns the figures. */
    public static LoadResult run(LoadConfig config) throws InterruptedException {
        return run(config, LoadRun.NO_LISTENER);
    }

    /** Like {@link #run(LoadConfig)}, handing every response to {@code listener}. */
    public static LoadResult run(LoadConfig config, Consumer<LoadResponse> listener) throws InterruptedException {
        try (LoadRun run = start(config, listener)) {
            return run.awaitCompletion();
        }
    }
}
