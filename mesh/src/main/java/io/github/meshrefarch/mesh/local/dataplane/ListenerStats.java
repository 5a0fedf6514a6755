package io.github.meshrefarch.mesh.local.dataplane;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Envoy's downstream statistics of one listener: {@code listener.<address>.downstream_cx_total}, {@code _active} and
 * {@code _overflow}, and its HTTP connection manager's {@code http.<stat prefix>.downstream_cx_idle_timeout} and
 * {@code downstream_rq_idle_timeout} (the stat prefix being the virtual service's name). Updated on the event loops.
 */
final class ListenerStats {

    private final int maxConnections;
    private final AtomicInteger active = new AtomicInteger();
    final LongAdder total = new LongAdder();
    final LongAdder overflow = new LongAdder();
    final LongAdder connectionIdleTimeouts = new LongAdder();
    final LongAdder streamIdleTimeouts = new LongAdder();

    ListenerStats(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** Counts an accepted connection; false (and counted as overflow) when the listener already holds its maximum. */
    boolean accept() {
        if (active.incrementAndGet() > maxConnections) {
            active.decrementAndGet();
            overflow.increment();
            return false;
        }
        total.increment();
        return true;
    }

    void closed() {
        active.decrementAndGet();
    }

    ListenerSnapshot snapshot(String virtualService, String address) {
        return new ListenerSnapshot(
                virtualService,
                address,
                total.sum(),
                active.get(),
                overflow.sum(),
                connectionIdleTimeouts.sum(),
                streamIdleTimeouts.sum());
    }
}
