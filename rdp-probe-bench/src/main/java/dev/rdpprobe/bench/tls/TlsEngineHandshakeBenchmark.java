package dev.rdpprobe.bench.tls;

import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.tls.TlsHandshakeFailed;
import dev.rdpprobe.core.tls.TlsHandshakeSucceeded;
import dev.rdpprobe.core.tls.TlsRequest;
import dev.rdpprobe.testkit.tls.TestCertificate;
import dev.rdpprobe.testkit.tls.TestCertificates;
import dev.rdpprobe.testkit.tls.TlsServerHandlers;
import dev.rdpprobe.tls.RdpTlsProvider;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One full TLS handshake per operation, in memory (two {@link EmbeddedChannel}s, the records passed by
 * hand, no sockets), with each client engine of rdp-probe-tls against the testkit's BouncyCastle server and
 * an RSA-2048 certificate — the figures issue 3 asks for to choose the engine design. The time and the
 * {@code -prof gc} allocation are both ends together (one thread runs both); the loopback benchmark gives
 * the client's share alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TlsEngineHandshakeBenchmark {

    /** The client engine. */
    @Param({"bouncycastle", "jdk"})
    public String engine;

    private TestCertificate certificate;
    private final RdpTlsProvider provider = new RdpTlsProvider();
    private final TlsRequest request = new TlsRequest("127.0.0.1", 3389, TlsVersion.all());
    private SslContext jdk;

    /** Mints the certificate and builds the JDK client context (what the probe's jdk engine offers). */
    @Setup
    public void setUp() throws Exception {
        certificate = TestCertificates.localhost();
        jdk = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .protocols(TlsVersion.all().stream().map(TlsVersion::jdkName).toList())
                .ciphers(Arrays.asList(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites()),
                        IdentityCipherSuiteFilter.INSTANCE)
                .build();
    }

    /** One handshake; returns the negotiated version and suite. */
    @Benchmark
    public String handshake() {
        EmbeddedChannel server = new EmbeddedChannel();
        EmbeddedChannel client = new EmbeddedChannel();
        Outcome outcome = new Outcome();
        try {
            server.pipeline().addLast(TlsServerHandlers.newServerHandler(certificate, TlsServerHandlers.ALL_VERSIONS));
            client.pipeline().addLast(RdpTlsProvider.BOUNCYCASTLE.equals(engine)
                    ? provider.newClientHandler(engine, request) : jdk.newHandler(client.alloc()));
            client.pipeline().addLast(outcome);
            for (int flight = 0; flight < 20 && outcome.result == null; flight++) {
                pass(client, server);
                pass(server, client);
            }
            if (outcome.result == null || outcome.result.startsWith("FAILED")) {
                throw new IllegalStateException("the handshake did not complete: " + outcome.result);
            }
            return outcome.result;
        } finally {
            client.finishAndReleaseAll();
            server.finishAndReleaseAll();
        }
    }

    private static void pass(EmbeddedChannel from, EmbeddedChannel to) {
        Object msg;
        while ((msg = from.readOutbound()) != null) {
            if (msg instanceof ByteBuf buf && buf.isReadable()) {
                to.writeInbound(buf);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    /** Records the end of the client's handshake. */
    private static final class Outcome extends ChannelInboundHandlerAdapter {
        String result;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof TlsHandshakeSucceeded ok) {
                result = ok.protocolVersion() + " " + ok.cipherSuite();
            } else if (evt instanceof TlsHandshakeFailed failed) {
                result = "FAILED " + failed.failure();
            } else if (evt instanceof SslHandshakeCompletionEvent e) {
                result = e.isSuccess() ? "TLS ok" : "FAILED " + e.cause();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
