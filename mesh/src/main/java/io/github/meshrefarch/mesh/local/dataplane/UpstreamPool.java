package io.github.meshrefarch.mesh.local.dataplane;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The upstream keep-alive connections of one event loop, idle ones by endpoint. Every request handled on the loop
 * opens its upstream connections on the same loop, so this needs no lock and no hand-off: it is only touched from its
 * loop. The most recently used connection is reused first (it is the least likely to have been closed by the
 * upstream); connections idle for longer than {@link #MAX_IDLE_NANOS} are closed by a sweep.
 */
final class UpstreamPool {

    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final int MAX_IDLE_PER_ENDPOINT = 256;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final Bootstrap bootstrap;
    private final Map<InetSocketAddress, ArrayDeque<Channel>> idle = new HashMap<>();

    UpstreamPool(EventLoop loop, Class<? extends SocketChannel> channelType) {
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), new UpstreamHandler());
                    }
                });
        loop.scheduleWithFixedDelay(this::closeExpired, 10, 10, TimeUnit.SECONDS);
    }

    /** An idle connection to {@code endpoint}, or null when there is none. */
    Channel acquire(InetSocketAddress endpoint) {
        ArrayDeque<Channel> channels = idle.get(endpoint);
        if (channels == null) {
            return null;
        }
        Channel channel;
        while ((channel = channels.pollLast()) != null) {
            if (channel.isActive()) {
                return channel;
            }
        }
        return null;
    }

    /** A new connection to {@code endpoint}, with the HTTP client codec and an {@link UpstreamHandler}. */
    ChannelFuture connect(InetSocketAddress endpoint) {
        return bootstrap.connect(endpoint);
    }

    /** Gives back a connection whose last exchange completed and that the upstream keeps alive. */
    void release(InetSocketAddress endpoint, Channel channel) {
        ArrayDeque<Channel> channels = idle.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
        if (!channel.isActive() || channels.size() >= MAX_IDLE_PER_ENDPOINT) {
            channel.close();
            return;
        }
        handler(channel).idleSinceNanos = System.nanoTime();
        channel.config().setAutoRead(true); // an idle connection must notice the upstream closing it
        channels.addLast(channel);
    }

    static UpstreamHandler handler(Channel channel) {
        return channel.pipeline().get(UpstreamHandler.class);
    }

    private void closeExpired() {
        long now = System.nanoTime();
        for (ArrayDeque<Channel> channels : idle.values()) {
            for (Iterator<Channel> it = channels.iterator(); it.hasNext(); ) {
                Channel channel = it.next();
                if (!channel.isActive() || now - handler(channel).idleSinceNanos > MAX_IDLE_NANOS) {
                    it.remove();
                    channel.close();
                }
            }
        }
    }
}
