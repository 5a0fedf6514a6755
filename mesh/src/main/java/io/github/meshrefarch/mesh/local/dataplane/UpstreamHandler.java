package io.github.meshrefarch.mesh.local.dataplane;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of an upstream connection: hands what the connection receives to the attempt using it, if any.
 * A pooled connection has no attempt; anything it receives then is unexpected, and the connection is closed.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {

    /** What an attempt learns from its upstream connection; called on the connection's event loop. */
    interface Listener {
        void upstreamRead(HttpObject message);

        void upstreamReadComplete();

        void upstreamWritabilityChanged(boolean writable);

        void upstreamClosed();
    }

    private Listener listener;
    /** When the connection went back to the pool, for the idle sweep. */
    long idleSinceNanos;

    void listener(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (listener != null && msg instanceof HttpObject message) {
            listener.upstreamRead(message);
        } else {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (listener != null) {
            listener.upstreamReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (listener != null) {
            listener.upstreamWritabilityChanged(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Listener closed = listener;
        listener = null;
        if (closed != null) {
            closed.upstreamClosed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a reset or a malformed response: closing tells the attempt (channelInactive), which decides what follows
        ctx.close();
    }
}
