package io.github.meshrefarch.mesh.local.dataplane;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One try of a request at one upstream endpoint: takes an idle pooled connection or opens one (on the downstream
 * connection's event loop), sends the request head and body, and hands the response to the {@link ProxiedExchange}.
 * After a complete exchange, a keep-alive connection goes back to the pool; any other ending closes it.
 *
 * <p>A pooled connection the upstream closed while it was idle shows as a close before any response byte; for an
 * idempotent request the attempt then opens a new connection once, as HTTP clients do for keep-alive races, rather than
 * failing the request. Any other request fails the attempt (a reset, retried only as the route's policy allows): the
 * upstream may have acted on it before it closed.
 */
final class UpstreamAttempt implements UpstreamHandler.Listener {

    private final ProxiedExchange exchange;
    private final UpstreamPool pool;
    private final InetSocketAddress endpoint;
    private final TrafficCounters.TargetCounters targetCounters;
    private final ClusterStats cluster;
    private long startNanos;
    private Channel channel;
    private UpstreamHandler handler;
    private boolean reused;
    private boolean responding;
    private boolean skippingInformational;
    private boolean keepAlive;
    private boolean finished;
    private ScheduledFuture<?> perTryTimer;

    UpstreamAttempt(
            ProxiedExchange exchange,
            UpstreamPool pool,
            InetSocketAddress endpoint,
            TrafficCounters.TargetCounters targetCounters,
            ClusterStats cluster) {
        this.exchange = exchange;
        this.pool = pool;
        this.endpoint = endpoint;
        this.targetCounters = targetCounters;
        this.cluster = cluster;
    }

    ClusterStats cluster() {
        return cluster;
    }

    /** Time since the attempt started. */
    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    TrafficCounters.TargetCounters targetCounters() {
        return targetCounters;
    }

    InetSocketAddress endpoint() {
        return endpoint;
    }

    void start(Duration perTryTimeout) {
        startNanos = System.nanoTime();
        if (perTryTimeout != null) {
            perTryTimer =
                    exchange.eventLoop().schedule(this::perTryTimedOut, perTryTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        Channel idle = pool.acquire(endpoint);
        if (idle != null) {
            reused = true;
            use(idle);
        } else {
            connect();
        }
    }

    /** Stops reading the response while the downstream connection cannot take more. */
    void readResponse(boolean read) {
        if (channel != null && !finished) {
            channel.config().setAutoRead(read);
        }
    }

    void flush() {
        if (channel != null && !finished) {
            channel.flush();
        }
    }

    boolean writable() {
        return channel == null || finished || channel.isWritable();
    }

    /** Ends the attempt without a result (retried elsewhere, timed out, or the caller left): closes its connection. */
    void abort() {
        if (!finished) {
            finish();
            if (channel != null) {
                channel.close();
            }
        }
    }

    private void connect() {
        reused = false;
        ChannelFuture future = pool.connect(endpoint);
        if (future.isDone()) {
            connected(future);
        } else {
            future.addListener(done -> connected(future));
        }
    }

    private void connected(ChannelFuture future) {
        if (finished) {
            future.channel().close();
        } else if (!future.isSuccess()) {
            finish();
            exchange.attemptFailed(this, UpstreamFailure.NO_HEALTHY_UPSTREAM);
        } else {
            use(future.channel());
        }
    }

    private void use(Channel connection) {
        channel = connection;
        handler = UpstreamPool.handler(connection);
        handler.listener(this);
        connection.config().setAutoRead(true);
        connection.write(exchange.upstreamRequestHead(endpoint), connection.voidPromise());
        exchange.body().attach(connection);
        connection.flush();
        exchange.upstreamWritabilityChanged();
    }

    @Override
    public void upstreamRead(HttpObject message) {
        if (finished || message.decoderResult().isFailure()) {
            ReferenceCountUtil.release(message);
            if (!finished) {
                channel.close(); // a malformed response: handled as a reset
            }
            return;
        }
        if (message instanceof HttpResponse response) {
            if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                skippingInformational = true; // 100 Continue and the like are the hop's business
            } else {
                responding = true;
                skippingInformational = false;
                cancelPerTryTimer();
                keepAlive = HttpUtil.isKeepAlive(response);
                cluster.responseCode(response.status().code());
                exchange.upstreamResponse(this, response);
            }
        }
        if (message instanceof HttpContent content) {
            boolean last = content instanceof LastHttpContent;
            if (finished || skippingInformational) {
                content.release();
                skippingInformational &= !last;
                return;
            }
            if (last) {
                complete();
            }
            exchange.upstreamContent(content, last);
        }
    }

    private void complete() {
        cluster.requestTime(elapsedNanos());
        boolean requestSent = exchange.body().complete();
        finish();
        if (keepAlive && requestSent) {
            pool.release(endpoint, channel);
        } else {
            channel.close();
        }
    }

    @Override
    public void upstreamReadComplete() {
        exchange.flushDownstream();
    }

    @Override
    public void upstreamWritabilityChanged(boolean writable) {
        exchange.upstreamWritabilityChanged();
    }

    @Override
    public void upstreamClosed() {
        if (finished) {
            return;
        }
        if (!responding && reused && exchange.idempotent() && exchange.body().replayable()) {
            exchange.body().detach();
            connect();
            return;
        }
        finish();
        if (responding) {
            exchange.upstreamBroken();
        } else {
            exchange.attemptFailed(this, UpstreamFailure.RESET);
        }
    }

    private void perTryTimedOut() {
        if (!finished && !responding) {
            abort();
            exchange.attemptFailed(this, UpstreamFailure.TIMEOUT);
        }
    }

    private void finish() {
        finished = true;
        cancelPerTryTimer();
        if (handler != null) {
            handler.listener(null);
        }
        exchange.body().detach();
    }

    private void cancelPerTryTimer() {
        if (perTryTimer != null) {
            perTryTimer.cancel(false);
            perTryTimer = null;
        }
    }
}
