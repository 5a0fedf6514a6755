package io.github.meshrefarch.mesh.local.dataplane;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The transport of the data plane: native epoll where Netty can load it (fewer copies and allocations per read than
 * NIO), NIO elsewhere. Listeners and upstream connections share one group of event loops, so that a request and its
 * upstream call run on the same thread without hand-off.
 *
 * <p>The epoll transport reaches this module as a runtime dependency of Reactor Netty, so it is looked up by name.
 */
record EventLoops(
        EventLoopGroup group,
        Class<? extends ServerChannel> serverChannel,
        Class<? extends SocketChannel> socketChannel) {

    private static final String EPOLL = "io.netty.channel.epoll.";

    /** On the 2-core machines we target, 2 loops measured best; more cores get one loop each. */
    static EventLoops create() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("mesh-dataplane", true);
        EventLoops epoll = epoll(threads, threadFactory);
        if (epoll != null) {
            return epoll;
        }
        return new EventLoops(
                new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory()),
                NioServerSocketChannel.class,
                NioSocketChannel.class);
    }

    @SuppressWarnings("unchecked")
    private static EventLoops epoll(int threads, DefaultThreadFactory threadFactory) {
        try {
            ClassLoader loader = EventLoops.class.getClassLoader();
            if (!(Boolean) Class.forName(EPOLL + "Epoll", true, loader)
                    .getMethod("isAvailable")
                    .invoke(null)) {
                return null;
            }
            IoHandlerFactory handler = (IoHandlerFactory) Class.forName(EPOLL + "EpollIoHandler", true, loader)
                    .getMethod("newFactory")
                    .invoke(null);
            Class<? extends ServerChannel> server =
                    (Class<? extends ServerChannel>) Class.forName(EPOLL + "EpollServerSocketChannel", true, loader);
            Class<? extends SocketChannel> socket =
                    (Class<? extends SocketChannel>) Class.forName(EPOLL + "EpollSocketChannel", true, loader);
            return new EventLoops(new MultiThreadIoEventLoopGroup(threads, threadFactory, handler), server, socket);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return null; // no native transport here: NIO does the same work with a little more CPU
        }
    }
}
