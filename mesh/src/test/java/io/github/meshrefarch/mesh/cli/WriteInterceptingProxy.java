package io.github.meshrefarch.mesh.cli;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP hop in front of a control plane that forwards every request and can act on writes (any request but a
 * GET): run an action (e.g. kill -9 the control plane) once a chosen write has been carried out, so that its answer is
 * lost and the next write never arrives; or hold each write until another write arrives, so that two writers' reads
 * both come before either one's writes.
 */
final class WriteInterceptingProxy implements AutoCloseable {

    private final ProxyHop hop;
    private final AtomicInteger writes = new AtomicInteger();
    private final Object pairing = new Object();
    private volatile int actAfterWrite = -1;
    private volatile Runnable action = () -> {};
    private volatile Duration pairWrites = Duration.ZERO;
    private int waitingWrites; // guarded by pairing
    private long pairsMade; // guarded by pairing

    WriteInterceptingProxy(URI upstream) throws IOException {
        hop = new ProxyHop(upstream, this::handle, Executors.newCachedThreadPool());
    }

    URI endpoint() {
        return hop.endpoint();
    }

    /** Once write number {@code write} (from 1) has been carried out upstream, runs {@code then}; its answer is lost. */
    WriteInterceptingProxy afterWrite(int write, Runnable then) {
        this.action = then;
        this.actAfterWrite = write;
        return this;
    }

    /** Holds each write until another write arrives (then both go on), or at most {@code bound}. */
    WriteInterceptingProxy pairWrites(Duration bound) {
        this.pairWrites = bound;
        return this;
    }

    /** Writes that reached the proxy. */
    int writes() {
        return writes.get();
    }

    /** How many times two writes were waiting at once (each went on because of the other). */
    long pairsMade() {
        synchronized (pairing) {
            return pairsMade;
        }
    }

    private void handle(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        boolean write = !exchange.getRequestMethod().equals("GET");
        int number = write ? writes.incrementAndGet() : 0;
        if (write && !pairWrites.isZero()) {
            awaitPartner();
        }
        HttpResponse<byte[]> response;
        try {
            response = hop.forward(exchange, body);
        } catch (IOException upstreamGone) {
            ProxyHop.reply(exchange, 502, null, "{\"message\":\"upstream unreachable: " + upstreamGone + "\"}");
            return;
        }
        if (write && number == actAfterWrite) {
            action.run();
            ProxyHop.reply(exchange, 502, null, "{\"message\":\"the answer was lost\"}");
            return;
        }
        ProxyHop.relay(exchange, response);
    }

    private void awaitPartner() throws InterruptedException {
        synchronized (pairing) {
            if (waitingWrites > 0) {
                waitingWrites--;
                pairsMade++;
                pairing.notifyAll();
                return;
            }
            waitingWrites++;
            long before = pairsMade;
            long deadline = System.nanoTime() + pairWrites.toNanos();
            while (pairsMade == before && System.nanoTime() < deadline) {
                pairing.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            if (pairsMade == before) {
                waitingWrites--; // nobody came
            }
        }
    }

    @Override
    public void close() {
        hop.close();
    }
}
