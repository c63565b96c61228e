package dev.rdpprobe.testkit.tls;

import dev.rdpprobe.core.outcome.TlsVersion;
import io.netty.channel.ChannelHandler;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Server-side TLS handlers for a fake RDP server, built on BouncyCastle's low-level TLS server so that a
 * test server can speak exactly the versions a real server would: TLS 1.0 only (Windows 7 / 2008 R2),
 * 1.2 only, 1.3 only, or 1.0 to 1.3. No JVM-global setting is read or changed.
 */
public final class TlsServerHandlers {

    /** Every version, oldest first. */
    public static final List<String> ALL_VERSIONS = TlsVersion.all().stream().map(TlsVersion::jdkName).toList();

    private static final BcTlsCrypto CRYPTO = new BcTlsCrypto(new SecureRandom());

    private TlsServerHandlers() {
    }

    /**
     * A new server-side handler for one connection. Add it to a child channel's pipeline when the
     * ClientHello is due (right after the X.224 Connection Confirm). When the server's side of the
     * handshake completes it fires {@link ServerHandshakeCompleted}; afterwards plaintext passes both
     * ways. On a handshake error it fires {@link ServerHandshakeFailed}, sends its alert and closes.
     *
     * @param certificate the certificate and key to present (RSA or EC)
     * @param versions the versions to accept, JDK names (TLSv1, TLSv1.1, TLSv1.2, TLSv1.3)
     * @throws IllegalArgumentException for an unknown version, an empty list, or an unsupported key
     */
    public static ChannelHandler newServerHandler(TestCertificate certificate, List<String> versions) {
        return newServerHandler(certificate, versions, hello -> { });
    }

    /**
     * As {@link #newServerHandler(TestCertificate, List)}, and tells {@code helloListener} (on the
     * channel's event loop) what the client's ClientHello offered, before the server answers it.
     */
    public static ChannelHandler newServerHandler(TestCertificate certificate, List<String> versions,
            Consumer<ClientHelloSeen> helloListener) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(helloListener, "helloListener");
        if (versions == null || versions.isEmpty()) {
            throw new IllegalArgumentException("accept at least one TLS version");
        }
        ProtocolVersion[] protocolVersions = versions.stream()
                .map(TlsServerHandlers::version)
                .sorted((a, b) -> Integer.compare(b.getFullVersion(), a.getFullVersion()))
                .toArray(ProtocolVersion[]::new);
        return new BcTlsServerHandler(new TestTlsServer(CRYPTO, certificate, protocolVersions, helloListener));
    }

    /** The one name-to-version mapping is the model's {@link TlsVersion}; this only turns it into BouncyCastle's type. */
    private static ProtocolVersion version(String name) {
        TlsVersion version = TlsVersion.fromJdkName(name).orElseThrow(
                () -> new IllegalArgumentException("unknown TLS version '" + name + "'; use " + ALL_VERSIONS));
        return ProtocolVersion.get(version.wireVersion() >> 8, version.wireVersion() & 0xFF);
    }
}
