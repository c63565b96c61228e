package dev.rdpprobe.testkit.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.tls.TlsHandshakeSucceeded;
import dev.rdpprobe.core.tls.TlsRequest;
import dev.rdpprobe.tls.RdpTlsProvider;
import dev.rdpprobe.tls.internal.BcTlsHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The probe's BouncyCastle client and the test server's BouncyCastle server are one record pump
 * ({@link BcTlsHandler}) with two ends: they complete a handshake with each other over two embedded
 * channels, and writes queued before it pass both ways after it.
 */
class SharedTlsPumpTest {

    @Test
    void theClientAndTheServerAreTheSamePump() {
        ChannelHandler client = new RdpTlsProvider().newClientHandler("bouncycastle",
                new TlsRequest("localhost", 3389, TlsVersion.all()));
        ChannelHandler server = TlsServerHandlers.newServerHandler(TestCertificates.localhost(), TlsServerHandlers.ALL_VERSIONS);
        assertThat(client).isInstanceOf(BcTlsHandler.class);
        assertThat(server).isInstanceOf(BcTlsHandler.class);
    }

    @Test
    void aHandshakeBetweenThemCompletesAndQueuedWritesPassBothWays() {
        for (List<String> versions : List.of(List.of("TLSv1"), List.of("TLSv1.2"), List.of("TLSv1.3"))) {
            End client = new End(new RdpTlsProvider().newClientHandler("bouncycastle", new TlsRequest("localhost", 3389,
                    versions.stream().map(TlsVersion::parse).toList())));
            End server = new End(TlsServerHandlers.newServerHandler(TestCertificates.localhost(), TlsServerHandlers.ALL_VERSIONS));
            try {
                client.channel.writeAndFlush(Unpooled.copiedBuffer("from the client", StandardCharsets.US_ASCII));
                server.channel.writeAndFlush(Unpooled.copiedBuffer("from the server", StandardCharsets.US_ASCII));
                for (int round = 0; round < 20 && (client.shuttleTo(server) | server.shuttleTo(client)); round++) {
                    // until both are quiet
                }
                assertThat(client.events).as(versions.toString()).hasSize(1).first().isInstanceOf(TlsHandshakeSucceeded.class);
                assertThat(((TlsHandshakeSucceeded) client.events.get(0)).protocolVersion()).isEqualTo(TlsVersion.parse(versions.get(0)));
                assertThat(server.events).hasSize(1).first().isEqualTo(new ServerHandshakeCompleted(versions.get(0),
                        ((ServerHandshakeCompleted) server.events.get(0)).cipherSuite()));
                assertThat(client.plaintext()).isEqualTo("from the server");
                assertThat(server.plaintext()).isEqualTo("from the client");
            } finally {
                client.channel.finishAndReleaseAll();
                server.channel.finishAndReleaseAll();
            }
        }
    }

    /** One end: the TLS handler, then a handler that keeps the plaintext and the user events. */
    private static final class End {
        final List<Object> events = new ArrayList<>();
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final EmbeddedChannel channel;

        End(ChannelHandler tls) {
            channel = new EmbeddedChannel(tls, new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf buf = (ByteBuf) msg;
                    byte[] bytes = new byte[buf.readableBytes()];
                    buf.readBytes(bytes);
                    buf.release();
                    received.writeBytes(bytes);
                }

                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    events.add(evt);
                }
            });
        }

        /** Moves what this end wrote to the other end; whether anything moved. */
        boolean shuttleTo(End other) {
            boolean moved = false;
            ByteBuf out;
            while ((out = channel.readOutbound()) != null) {
                if (out.isReadable()) {
                    other.channel.writeInbound(out);
                    moved = true;
                } else {
                    out.release();
                }
            }
            return moved;
        }

        String plaintext() {
            return received.toString(StandardCharsets.US_ASCII);
        }
    }
}
