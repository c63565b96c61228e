package dev.rdpprobe.tls;

import dev.rdpprobe.core.tls.TlsInspection;
import dev.rdpprobe.core.tls.TlsProvider;
import dev.rdpprobe.core.tls.TlsRequest;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * rdp-probe's TLS provider, found by {@link java.util.ServiceLoader}. Two engines:
 *
 * <ul>
 *   <li>{@code "bouncycastle"} (the default): BouncyCastle's low-level TLS client with its pure-Java
 *       crypto. It offers TLS 1.0 to 1.3 and a broad cipher list including TLS_RSA and CBC suites, so it
 *       reaches old RDP servers (Windows 7 / Server 2008 R2 speak only TLS 1.0) without touching any
 *       JVM-global security property or provider list.</li>
 *   <li>{@code "jdk"}: Netty's SslHandler over the JDK's engine and its default cipher suites. It obeys
 *       {@code jdk.tls.disabledAlgorithms}, so on a default JDK it reaches TLS 1.2 and 1.3 servers only;
 *       a version it refuses is reported as a {@code TlsVersionRefused} failure, not thrown.</li>
 * </ul>
 *
 * <p>Both engines accept any server certificate (the probe inspects, it does not verify) and report the
 * chain in {@link dev.rdpprobe.core.tls.TlsHandshakeSucceeded}; {@link #inspect} then reports it. This
 * class is thread-safe; one instance serves any number of channels.
 */
public final class RdpTlsProvider implements TlsProvider {

    /** The default engine's name. */
    public static final String BOUNCYCASTLE = BouncyCastleClientHandler.ENGINE;
    /** The JDK engine's name. */
    public static final String JDK = JdkClientHandler.ENGINE;

    private final LenientBcTlsCrypto crypto = new LenientBcTlsCrypto(new SecureRandom());
    private final JdkClientContexts jdkContexts = new JdkClientContexts();
    private final HandshakeCertificates parsedCertificates = new HandshakeCertificates();
    private final CertificateInspector inspector = new CertificateInspector(new TrustEvaluator(), parsedCertificates);

    /** Creates the provider (cheap: the JDK context and the default trust anchors load on first use). */
    public RdpTlsProvider() {
    }

    /** {@code ["bouncycastle", "jdk"]}: BouncyCastle first, as the default. */
    @Override
    public List<String> engineNames() {
        return List.of(BOUNCYCASTLE, JDK);
    }

    /** 100: rdp-probe's own provider wins over a provider that does not say otherwise. */
    @Override
    public int priority() {
        return 100;
    }

    /**
     * A new client handler for one connection, whose handshake computation runs on the channel's event loop
     * (for tests and benchmarks; the prober uses {@link #newClientHandler(String, TlsRequest, Executor)}).
     *
     * @param engine "bouncycastle" or "jdk"
     * @param request server name (SNI only for host names), port and the versions to offer
     * @throws IllegalArgumentException if the engine is unknown
     */
    @Override
    public ChannelHandler newClientHandler(String engine, TlsRequest request) {
        return newHandler(engine, request, null);
    }

    /**
     * A new client handler for one connection whose handshake computation runs on {@code work}: the
     * bouncycastle engine processes the server's handshake bytes there, the jdk engine runs its SSLEngine's
     * delegated tasks there (certificate processing and key exchange).
     *
     * @param engine "bouncycastle" or "jdk"
     * @param request server name (SNI only for host names), port and the versions to offer
     * @param work the executor for the handshake's computation
     * @throws IllegalArgumentException if the engine is unknown
     */
    @Override
    public ChannelHandler newClientHandler(String engine, TlsRequest request, Executor work) {
        return newHandler(engine, request, Objects.requireNonNull(work, "work"));
    }

    private ChannelHandler newHandler(String engine, TlsRequest request, Executor work) {
        Objects.requireNonNull(request, "request");
        if (BOUNCYCASTLE.equals(engine)) {
            return new BouncyCastleClientHandler(crypto, request, work, parsedCertificates);
        }
        if (JDK.equals(engine)) {
            return jdkContexts.newHandler(ByteBufAllocator.DEFAULT, request.serverName(), request.port(), request.jdkNames(), work,
                    parsedCertificates);
        }
        throw new IllegalArgumentException("unknown TLS engine '" + engine + "'; use one of " + engineNames());
    }

    /**
     * Reports every certificate of the chain and whether it is trusted. Never throws for malformed
     * certificates: a certificate that does not parse is reported with what could be read (at least its
     * length and thumbprints) and the reason, and the chain is then not trusted; a key over {@link TlsLimits}
     * is reported but not used, and the trust is then not checked ({@code null}). Costs no more than parsing
     * and a few signature checks with keys within the limits.
     *
     * @param chainDer the chain as the server sent it, leaf first
     * @param targetHost the name or address the client connects to (matched against the leaf's SANs, or its CN without SANs)
     * @param now the probe time; validity, days left and the trust check are judged at this instant
     * @param trustStore trust anchors, or {@code null} for the JVM's default trust store
     * @throws IllegalArgumentException if {@code now} is null
     */
    @Override
    public TlsInspection inspect(List<byte[]> chainDer, String targetHost, Instant now, KeyStore trustStore) {
        return inspector.inspect(chainDer, targetHost, now, trustStore);
    }
}
