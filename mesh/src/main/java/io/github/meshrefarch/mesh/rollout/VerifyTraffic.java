package io.github.meshrefarch.mesh.rollout;

import io.github.meshrefarch.mesh.load.generator.LoadConfig;
import io.github.meshrefarch.mesh.load.generator.LoadGenerator;
import io.github.meshrefarch.mesh.load.generator.LoadResult;
import io.github.meshrefarch.mesh.load.generator.LoadRun;
import io.github.meshrefarch.mesh.load.order.MalformedOrderResponseException;
import io.github.meshrefarch.mesh.load.order.OrderResponse;
import io.github.meshrefarch.mesh.load.split.SplitTally;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Traffic a rollout sends to the verify URL (order) at a fixed rate, whose answers name the versions that served them:
 * they feed the {@link SplitTally} each step's split is tested on.
 */
public final class VerifyTraffic implements AutoCloseable {

    private final SplitTally tally = new SplitTally();
    private final AtomicLong unreadable = new AtomicLong();
    private final LoadRun run;

    private VerifyTraffic(URI url, double rate) {
        run = LoadGenerator.start(LoadConfig.untilStopped(url, rate), response -> {
            if (response.succeeded()) {
                try {
                    tally.record(OrderResponse.parse(response.body()));
                } catch (MalformedOrderResponseException e) {
                    unreadable.incrementAndGet();
                }
            }
        });
    }

    /** Starts sending {@code rate} requests per second to {@code url}. */
    public static VerifyTraffic start(URI url, double rate) {
        return new VerifyTraffic(url, rate);
    }

    public SplitTally tally() {
        return tally;
    }

    /** Every request so far, failed ones included. */
    public LoadResult total() {
        return run.snapshot();
    }

    /** 2xx answers that were not order's. */
    public long unreadable() {
        return unreadable.get();
    }

    @Override
    public void close() {
        run.stop();
    }
}
