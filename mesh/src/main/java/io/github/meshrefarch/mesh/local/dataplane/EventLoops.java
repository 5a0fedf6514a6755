package io.github.meshrefarch.mesh.local.dataplane;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The transport of the data plane: native epoll where Netty can load it (fewer copies and allocations per read than
 * NIO), NIO elsewhere (macOS, Windows). Listeners and upstream connections share one group of event loops, so that a
 * request and its upstream call run on the same thread without hand-off.
 */
record EventLoops(
        EventLoopGroup group,
        Class<? extends ServerChannel> serverChannel,
        Class<? extends SocketChannel> socketChannel) {

    /** On the 2-core machines we target, 2 loops measured best; more cores get one loop each. */
    static EventLoops create() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("mesh-dataplane", true);
        if (Epoll.isAvailable()) {
            return new EventLoops(
                    new MultiThreadIoEventLoopGroup(threads, threadFactory, EpollIoHandler.newFactory()),
                    EpollServerSocketChannel.class,
                    EpollSocketChannel.class);
        }
        return new EventLoops(
                new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory()),
                NioServerSocketChannel.class,
                NioSocketChannel.class);
    }
}
