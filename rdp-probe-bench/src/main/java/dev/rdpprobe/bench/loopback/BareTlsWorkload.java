package dev.rdpprobe.bench.loopback;

import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.tls.TlsHandshakeFailed;
import dev.rdpprobe.core.tls.TlsHandshakeSucceeded;
import dev.rdpprobe.core.tls.TlsRequest;
import dev.rdpprobe.testkit.tls.TestCertificate;
import dev.rdpprobe.testkit.tls.TestCertificates;
import dev.rdpprobe.testkit.tls.TlsServerHandlers;
import dev.rdpprobe.tls.RdpTlsProvider;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
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
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * Baseline (b'): a bare TLS handshake over a fresh loopback connection, then close — with the same engine
 * and certificate as the probe. Server: the testkit's BouncyCastle server handler (what
 * {@code FakeRdpServer} uses) with {@link TestCertificates#localhost()} (RSA-2048), TLS 1.0–1.3. Client:
 * for "bouncycastle" the rdp-probe-tls BouncyCastle client handler (through {@link RdpTlsProvider}, no
 * certificate inspection); for "jdk" a plain Netty {@link SslHandler} over the JDK engine, trusting any
 * certificate, offering the same versions and the same suites (the JDK's defaults, in the JDK's order) as the
 * probe's jdk engine. Client 2 event loops, server 1, as for the probe.
 */
public final class BareTlsWorkload implements Workload {

    static final String CLIENT_THREADS = "bench-client-";

    private final String engine;
    private final EventLoopGroup serverGroup;
    private final EventLoopGroup clientGroup;
    private final Channel serverChannel;
    private final InetSocketAddress address;
    private final RdpTlsProvider provider = new RdpTlsProvider();
    private final SslContext jdkContext;
    private final TlsRequest request;

    /**
     * @param engine "bouncycastle" or "jdk"
     */
    public BareTlsWorkload(String engine) {
        this.engine = engine;
        TestCertificate certificate = TestCertificates.localhost();
        serverGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-server", true), NioIoHandler.newFactory());
        clientGroup = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("bench-client", true), NioIoHandler.newFactory());
        serverChannel = new ServerBootstrap()
                .group(serverGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(TlsServerHandlers.newServerHandler(certificate, TlsServerHandlers.ALL_VERSIONS));
                        ch.pipeline().addLast(new Sink());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
        address = (InetSocketAddress) serverChannel.localAddress();
        request = new TlsRequest(address.getAddress().getHostAddress(), address.getPort(), TlsVersion.all());
        try {
            jdkContext = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .protocols(TlsVersion.all().stream().map(TlsVersion::jdkName).toList())
                    .ciphers(Arrays.asList(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites()),
                            IdentityCipherSuiteFilter.INSTANCE)
                    .build();
        } catch (SSLException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK TLS client cannot be set up", e);
        }
        if (!RdpTlsProvider.BOUNCYCASTLE.equals(engine) && !RdpTlsProvider.JDK.equals(engine)) {
            throw new IllegalArgumentException("engine " + engine);
        }
    }

    @Override
    public String name() {
        return "bare Netty TLS handshake, " + engine;
    }

    @Override
    public List<String> clientThreadPrefixes() {
        return List.of(CLIENT_THREADS);
    }

    @Override
    public CompletableFuture<String> start() {
        CompletableFuture<String> done = new CompletableFuture<>();
        ChannelFuture f = new Bootstrap()
                .group(clientGroup)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelHandler tls = RdpTlsProvider.BOUNCYCASTLE.equals(engine)
                                ? provider.newClientHandler(engine, request)
                                : jdkContext.newHandler(ch.alloc());
                        ch.pipeline().addLast("tls", tls);
                        ch.pipeline().addLast(new Done(done));
                    }
                })
                .connect(address);
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

    /** Completes on the end of the client's handshake and closes the connection. */
    private static final class Done extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<String> done;

        Done(CompletableFuture<String> done) {
            this.done = done;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof TlsHandshakeSucceeded ok) {
                done.complete(ok.protocolVersion() + " " + ok.cipherSuite());
                ctx.close();
            } else if (evt instanceof TlsHandshakeFailed failed) {
                done.completeExceptionally(new IllegalStateException(failed.failure().toString()));
                ctx.close();
            } else if (evt instanceof SslHandshakeCompletionEvent e) {
                if (e.isSuccess()) {
                    SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
                    done.complete(session.getProtocol() + " " + session.getCipherSuite());
                } else {
                    done.completeExceptionally(e.cause());
                }
                ctx.close();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!done.isDone()) { // after a success the close is ours: no failure to make (an exception costs the baseline ~1 KB)
                done.completeExceptionally(new IllegalStateException("closed before the handshake finished"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            done.completeExceptionally(cause);
            ctx.close();
        }
    }

    /** Server: drops whatever plaintext arrives; the client closes. */
    private static final class Sink extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
