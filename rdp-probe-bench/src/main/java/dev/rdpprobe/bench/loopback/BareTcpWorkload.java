package dev.rdpprobe.bench.loopback;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Baseline (a'): the least a Netty client can do for an X.224-sized exchange — connect, send 19 bytes,
 * read a 19-byte reply, close — against a Netty server that answers 19 bytes. Same transport (NIO), same
 * thread counts as the probe and its fake server (client 2 event loops, server 1).
 */
public final class BareTcpWorkload implements Workload {

    static final String CLIENT_THREADS = "bench-client-";
    static final int SIZE = 19;

    private final EventLoopGroup serverGroup;
    private final EventLoopGroup clientGroup;
    private final Channel serverChannel;
    private final Bootstrap client;
    private final InetSocketAddress address;

    /** Starts the server and the client group. */
    public BareTcpWorkload() {
        serverGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-server", true), NioIoHandler.newFactory());
        clientGroup = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("bench-client", true), NioIoHandler.newFactory());
        serverChannel = new ServerBootstrap()
                .group(serverGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Answer());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
        address = (InetSocketAddress) serverChannel.localAddress();
        client = new Bootstrap()
                .group(clientGroup)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    }

    @Override
    public String name() {
        return "bare Netty connect, 19 B request, 19 B reply, close";
    }

    @Override
    public List<String> clientThreadPrefixes() {
        return List.of(CLIENT_THREADS);
    }

    @Override
    public CompletableFuture<String> start() {
        CompletableFuture<String> done = new CompletableFuture<>();
        ChannelFuture f = client.clone().handler(new Exchange(done)).connect(address);
        f.addListener(c -> {
            if (!c.isSuccess()) {
                done.completeExceptionally(c.cause());
            }
        });
        return done;
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Client: send 19 bytes when connected, complete once 19 bytes came back, then close. */
    private static final class Exchange extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<String> done;
        private int received;

        Exchange(CompletableFuture<String> done) {
            this.done = done;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[SIZE]));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            received += ((ByteBuf) msg).readableBytes();
            ReferenceCountUtil.release(msg);
            if (received >= SIZE && !done.isDone()) {
                ctx.close();
                done.complete("19 B each way");
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!done.isDone()) { // after a success the close is ours: no failure to make (an exception costs the baseline ~1 KB)
                done.completeExceptionally(new IllegalStateException("closed after " + received + " bytes"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            done.completeExceptionally(cause);
            ctx.close();
        }
    }

    /** Server: answer 19 bytes once 19 arrived; the client closes. */
    private static final class Answer extends ChannelInboundHandlerAdapter {
        private int received;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            int before = received;
            received += ((ByteBuf) msg).readableBytes();
            ReferenceCountUtil.release(msg);
            if (before < SIZE && received >= SIZE) {
                ctx.writeAndFlush(ctx.alloc().buffer(SIZE).writeZero(SIZE));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
