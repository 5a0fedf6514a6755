package io.github.meshrefarch.mesh.local.dataplane;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * The last handler of a downstream connection to a virtual service's listener: hands each request to a
 * {@link ProxiedExchange}, one at a time. Requests a caller pipelines behind one that is not answered yet wait here,
 * with reading paused, so that responses go back in order.
 */
final class DownstreamHandler extends ChannelInboundHandlerAdapter {

    private final ListenerContext listener;
    private ChannelHandlerContext ctx;
    private ProxiedExchange exchange;
    private ArrayDeque<Object> pipelined;

    DownstreamHandler(ListenerContext listener) {
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if ((exchange != null && exchange.requestComplete()) || (pipelined != null && !pipelined.isEmpty())) {
            if (pipelined == null) {
                pipelined = new ArrayDeque<>();
            }
            pipelined.add(msg);
            ctx.channel().config().setAutoRead(false);
        } else {
            dispatch(msg);
        }
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest request) {
            if (request.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(ErrorResponses.of(
                                HttpResponseStatus.BAD_REQUEST,
                                "bad request",
                                listener.virtualServiceName(),
                                null,
                                false))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            exchange = new ProxiedExchange(this, ctx.channel(), listener, request);
            exchange.start();
        }
        if (msg instanceof HttpContent content) {
            if (exchange != null) {
                exchange.requestContent(content);
            } else {
                content.release();
            }
        } else if (!(msg instanceof HttpRequest)) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The exchange read its whole request and wrote its whole response: the next request can go. */
    void exchangeDone(ProxiedExchange done) {
        if (exchange == done) {
            exchange = null;
        }
        if (pipelined != null && !pipelined.isEmpty()) {
            ctx.executor().execute(this::drainPipelined);
        }
    }

    private void drainPipelined() {
        while (!pipelined.isEmpty() && (exchange == null || !exchange.requestComplete())) {
            if (!ctx.channel().isActive()) {
                releasePipelined();
                return;
            }
            dispatch(pipelined.poll());
        }
        if (pipelined.isEmpty()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.flushUpstream();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.downstreamWritabilityChanged();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.abort();
            exchange = null;
        }
        releasePipelined();
    }

    private void releasePipelined() {
        if (pipelined != null) {
            pipelined.forEach(ReferenceCountUtil::release);
            pipelined.clear();
        }
    }

    /** Envoy's connection idle timeout: a connection with no request in flight for that long is closed. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (exchange == null && (pipelined == null || pipelined.isEmpty())) {
                listener.listenerStats().connectionIdleTimeouts.increment();
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
