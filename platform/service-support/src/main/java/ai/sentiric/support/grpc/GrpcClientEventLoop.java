package ai.sentiric.support.grpc;

import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.grpc.client.GrpcChannelBuilderCustomizer;

/**
 * Puts every gRPC channel a service opens on one event loop of its own, of
 * {@code sentiric.grpc.client.event-loop-threads} threads (default 1), in place of grpc-java's default
 * group of twice as many threads as cores, which spreads a service's channels over different
 * threads. sip-signaling sets a call up through dialplan- and media-service in turn, the first
 * answer starting the next call from the thread that read it: with the channels on one thread, that
 * call is written from its own event loop, not handed to another thread with a wake-up. Under the
 * SIP benchmark at 500 calls/s sip-signaling switched context 5.8-6.1 times a call with one thread
 * against 7.5-8.4 with the default group, and spent 0.70-0.77 ms of CPU a call against 0.81-0.88
 * (docs/performance/sip-call-rate.md). A stub with the direct executor runs what a reply sets off
 * on this thread too (in sip-signaling, the rest of a set-up: the 180 and 200, the call's event);
 * should that outgrow one core, raise the count.
 */
public final class GrpcClientEventLoop implements GrpcChannelBuilderCustomizer<NettyChannelBuilder>, DisposableBean {

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;

    public GrpcClientEventLoop(GrpcClientProperties properties) {
        // The native transport where it loads, as grpc-java's own default does; NIO elsewhere.
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(properties.eventLoopThreads(),
                Thread.ofPlatform().name("grpc-client-", 0).daemon().factory(), handlers);
        this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    @Override
    public void customize(String authority, NettyChannelBuilder builder) {
        builder.eventLoopGroup(group).channelType(channelType);
    }

    /** After the channels closed: the channel factory, which needs this customizer, is destroyed first. */
    @Override
    public void destroy() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
