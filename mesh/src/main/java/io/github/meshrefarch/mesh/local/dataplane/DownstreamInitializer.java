package io.github.meshrefarch.mesh.local.dataplane;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Sets up each connection a listener accepts: beyond the listener's connection cap the connection is closed at once
 * (counted as Envoy's {@code downstream_cx_overflow}); otherwise it gets the HTTP codec, an idle-state handler for the
 * connection idle timeout (acted on by {@link DownstreamHandler} only while no request is in flight) and the
 * {@link DownstreamHandler}.
 */
final class DownstreamInitializer extends ChannelInitializer<SocketChannel> {

    private final ListenerContext context;

    DownstreamInitializer(ListenerContext context) {
        this.context = context;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ListenerStats stats = context.listenerStats();
        if (!stats.accept()) {
            channel.close();
            return;
        }
        channel.closeFuture().addListener(closed -> stats.closed());
        long idleNanos = context.limits().connectionIdleTimeout().toNanos();
        if (idleNanos > 0) {
            channel.pipeline().addLast(new IdleStateHandler(0, 0, idleNanos, TimeUnit.NANOSECONDS));
        }
        channel.pipeline()
                .addLast(new HttpServerCodec(), new HttpServerExpectContinueHandler(), new DownstreamHandler(context));
    }
}
