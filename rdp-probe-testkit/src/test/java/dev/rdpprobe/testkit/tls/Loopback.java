package dev.rdpprobe.testkit.tls;

import dev.rdpprobe.core.tls.TlsHandshakeFailed;
import dev.rdpprobe.core.tls.TlsHandshakeSucceeded;
import dev.rdpprobe.core.tls.TlsLocalWork;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Real loopback sockets for TLS tests: a server whose child pipeline the test chooses, and a recording client. */
final class Loopback implements AutoCloseable {

    static final long TIMEOUT_SECONDS = 20;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel serverChannel;
    final List<Channel> serverChildren = new CopyOnWriteArrayList<>();

    /**
     * @param childHandlers fresh handlers for each accepted connection, in pipeline order
     * @param resetOnClose whether the server closes with SO_LINGER 0 (a TCP reset)
     */
    Loopback(Supplier<List<ChannelHandler>> childHandlers, boolean resetOnClose) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        serverChildren.add(ch);
                        for (ChannelHandler handler : childHandlers.get()) {
                            ch.pipeline().addLast(handler);
                        }
                    }
                });
        if (resetOnClose) {
            bootstrap.childOption(ChannelOption.SO_LINGER, 0);
        }
        serverChannel = bootstrap.bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Connects, then (on the event loop, like the prober after the X.224 exchange) adds the TLS handler and a recorder. */
    Client connect(ChannelHandler tlsHandler) throws Exception {
        Channel channel = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInboundHandlerAdapter())
                .connect("127.0.0.1", port())
                .sync()
                .channel();
        Client client = new Client(channel);
        channel.eventLoop().submit(() -> {
            channel.pipeline().addLast("recorder", client);
            channel.pipeline().addBefore("recorder", "tls", tlsHandler);
        }).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return client;
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Client-side recorder: TLS events, decrypted bytes, exceptions and the close. */
    static final class Client extends ChannelInboundHandlerAdapter {
        final Channel channel;
        final CompletableFuture<Object> tlsOutcome = new CompletableFuture<>();
        final List<Object> tlsEvents = new CopyOnWriteArrayList<>();
        /** The {@code pending} flags of the handler's TlsLocalWork events, in order. */
        final List<Boolean> localWork = new CopyOnWriteArrayList<>();
        final List<Throwable> exceptions = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> inactive = new CompletableFuture<>();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private volatile CompletableFuture<String> expected;
        private volatile int expectedLength;

        Client(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof TlsHandshakeSucceeded || evt instanceof TlsHandshakeFailed) {
                tlsEvents.add(evt);
                tlsOutcome.complete(evt);
            } else if (evt instanceof TlsLocalWork work) {
                localWork.add(work.pending());
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                synchronized (received) {
                    byte[] bytes = new byte[buf.readableBytes()];
                    buf.readBytes(bytes);
                    received.writeBytes(bytes);
                    checkExpected();
                }
            } finally {
                buf.release();
            }
        }

        /** Completes when {@code length} plaintext bytes have arrived in total. */
        CompletableFuture<String> awaitReceived(int length) {
            synchronized (received) {
                expected = new CompletableFuture<>();
                expectedLength = length;
                checkExpected();
                return expected;
            }
        }

        private void checkExpected() {
            if (expected != null && received.size() >= expectedLength) {
                expected.complete(received.toString(StandardCharsets.US_ASCII));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            exceptions.add(cause);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            inactive.complete(null);
            tlsOutcome.complete("inactive");
        }

        Object outcome() throws Exception {
            return tlsOutcome.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
