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
    private final CertificateInspector inspector = new CertificateInspector(new TrustEvaluator());

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
     * A new client handler for one connection.
     *
     * @param engine "bouncycastle" or "jdk"
     * @param request server name (SNI only for host names), port and the versions to offer
     * @throws IllegalArgumentException if the engine is unknown
     */
    @Override
    public ChannelHandler newClientHandler(String engine, TlsRequest request) {
        Objects.requireNonNull(request, "request");
        if (BOUNCYCASTLE.equals(engine)) {
            return new BouncyCastleClientHandler(crypto, request);
        }
        if (JDK.equals(engine)) {
            return jdkContexts.newHandler(ByteBufAllocator.DEFAULT, request.serverName(), request.port(), request.protocols());
        }
        throw new IllegalArgumentException("unknown TLS engine '" + engine + "'; use one of " + engineNames());
    }

    /**
     * Reports every certificate of the chain and whether it is trusted. Never throws for malformed
     * certificates: the reports stop at the first certificate that does not parse, and the trust detail
     * says which one and why.
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
