package dev.rdpprobe.testkit.tls;

import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.tls.internal.BcTlsHandler;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import org.bouncycastle.tls.TlsServerProtocol;

/**
 * Server side of TLS for the test server: BouncyCastle's {@link TlsServerProtocol} in non-blocking
 * mode, with the record pump the probe's client uses ({@link BcTlsHandler}), all on the event loop.
 * Waits for the ClientHello, fires {@link ServerHandshakeCompleted} or {@link ServerHandshakeFailed},
 * then passes plaintext both ways. Writes before the handshake completes are queued.
 */
final class BcTlsServerHandler extends BcTlsHandler {

    private final TestTlsServer server;
    private final TlsServerProtocol protocol;

    BcTlsServerHandler(TestTlsServer server) {
        this(new TlsServerProtocol(), server);
    }

    private BcTlsServerHandler(TlsServerProtocol protocol, TestTlsServer server) {
        super(protocol, null);
        this.protocol = protocol;
        this.server = server;
    }

    @Override
    protected void begin() throws IOException {
        protocol.accept(server);
    }

    @Override
    protected boolean handshakeComplete() {
        return server.handshakeComplete();
    }

    @Override
    protected void established(ChannelHandlerContext ctx) {
        ctx.fireUserEventTriggered(new ServerHandshakeCompleted(
                versionName(server.negotiatedVersion()), server.negotiatedCipherSuite()));
    }

    @Override
    protected String handshakeFailure(ChannelHandlerContext ctx, Exception cause) {
        ctx.fireUserEventTriggered(new ServerHandshakeFailed(describe(cause)));
        return String.valueOf(cause.getMessage());
    }

    static String versionName(org.bouncycastle.tls.ProtocolVersion version) {
        if (version == null) {
            return "unknown";
        }
        return TlsVersion.fromWire(version.getMajorVersion(), version.getMinorVersion()).map(TlsVersion::jdkName)
                .orElse(version.getName());
    }
}
