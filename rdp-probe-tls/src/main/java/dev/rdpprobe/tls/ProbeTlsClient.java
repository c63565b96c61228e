package dev.rdpprobe.tls;

import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.TlsVersion;
import java.io.IOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Vector;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsDHGroupVerifier;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsDHGroupVerifier;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The BouncyCastle {@code TlsClient} of the probe: offers the requested versions and a broad cipher
 * list (including the TLS_RSA and CBC suites old RDP servers need), accepts any server certificate and
 * records the chain, accepts chains and handshake messages up to {@link TlsLimits} (BouncyCastle's defaults,
 * 10 certificates and 32 KiB, are below what real servers send), and remembers alerts so that the handler
 * can classify a failure.
 */
final class ProbeTlsClient extends DefaultTlsClient {

    /** Offered cipher suites, most preferred first; filtered by what the crypto supports. */
    private static final int[] OFFERED_CIPHER_SUITES = {
        CipherSuite.TLS_AES_128_GCM_SHA256,
        CipherSuite.TLS_AES_256_GCM_SHA384,
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA256,
        CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA256,
        CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA,
        CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
    };

    private final ProtocolVersion[] versions;
    private final String sniHostName;
    private final HandshakeCertificates parsedCertificates;

    private List<byte[]> peerChainDer = List.of();
    private boolean handshakeComplete;
    private ProtocolVersion negotiatedVersion;
    private int negotiatedCipherSuite = -1;
    private short fatalAlertReceived = -1;
    private short fatalAlertRaised = -1;
    private String fatalAlertRaisedMessage;
    private boolean closeNotifyReceived;

    /**
     * @param crypto the crypto back end
     * @param versions versions to offer
     * @param serverName the target host; sent as SNI only when it is a DNS name
     * @param parsedCertificates where the server's certificates, as parsed here, are kept for the inspection
     */
    ProbeTlsClient(TlsCrypto crypto, List<TlsVersion> versions, String serverName, HandshakeCertificates parsedCertificates) {
        super(crypto);
        this.parsedCertificates = parsedCertificates;
        this.versions = versions.stream()
                .map(TlsNames::protocolVersion)
                .sorted((a, b) -> Integer.compare(b.getFullVersion(), a.getFullVersion()))
                .toArray(ProtocolVersion[]::new);
        this.sniHostName = sniHostName(serverName);
    }

    /**
     * The SNI host name for {@code serverName}: {@code null} for IP literals (RFC 6066 forbids them) and
     * for names that cannot be written in ASCII; without a trailing dot otherwise.
     */
    static String sniHostName(String serverName) {
        if (serverName == null || serverName.isEmpty() || HostNames.isIpLiteral(serverName)) {
            return null;
        }
        String name = serverName.endsWith(".") ? serverName.substring(0, serverName.length() - 1) : serverName;
        try {
            name = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return name.isEmpty() ? null : name;
    }

    /** {@link TlsLimits#MAX_CERTIFICATE_CHAIN_LENGTH}: BouncyCastle's default of 10 refuses servers that send a CA bundle. */
    @Override
    public int getMaxCertificateChainLength() {
        return TlsLimits.MAX_CERTIFICATE_CHAIN_LENGTH;
    }

    /** {@link TlsLimits#MAX_HANDSHAKE_MESSAGE_BYTES}: BouncyCastle's default of 32 KiB refuses long chains of large keys. */
    @Override
    public int getMaxHandshakeMessageSize() {
        return TlsLimits.MAX_HANDSHAKE_MESSAGE_BYTES;
    }

    /**
     * The limit of the probe that ended the handshake with {@code error}, or {@code null}: a key over the limits
     * ({@link ProbeLimitAlert}), or BouncyCastle's checks of the chain length and the message size, which raise
     * internal_error (80) with these words after the alert's name (pinned by the tests):
     * "Certificate chain longer than maximum (16)" and "Handshake message length exceeds the maximum: certificate(11), 300000 > 262144".
     */
    static Failure.ProbeLimitExceeded limitHit(Throwable error) {
        Failure.ProbeLimitExceeded key = ProbeLimitAlert.find(error);
        if (key != null) {
            return key;
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (!(t instanceof TlsFatalAlert) || message == null) {
                continue;
            }
            if (message.contains(CHAIN_TOO_LONG)) {
                return new Failure.ProbeLimitExceeded(
                        "chains of at most " + TlsLimits.MAX_CERTIFICATE_CHAIN_LENGTH + " certificates (rdp-probe's bouncycastle engine)",
                        "the server sent a certificate chain of more than " + TlsLimits.MAX_CERTIFICATE_CHAIN_LENGTH + " certificates");
            }
            Matcher m = MESSAGE_TOO_LONG.matcher(message);
            if (m.find()) {
                return new Failure.ProbeLimitExceeded(
                        "TLS handshake messages of at most " + TlsLimits.MAX_HANDSHAKE_MESSAGE_BYTES + " bytes (256 KiB, rdp-probe's bouncycastle engine)",
                        "the server's " + m.group(1) + " handshake message has " + m.group(2) + " bytes");
            }
        }
        return null;
    }

    private static final String CHAIN_TOO_LONG = "Certificate chain longer than maximum";
    private static final Pattern MESSAGE_TOO_LONG = Pattern.compile("Handshake message length exceeds the maximum: ([a-z_]+)\\(\\d+\\), (\\d+) > \\d+");

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return versions.clone();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), OFFERED_CIPHER_SUITES);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected Vector getSNIServerNames() {
        if (sniHostName == null) {
            return null;
        }
        Vector names = new Vector(1);
        names.add(new ServerName(NameType.host_name, sniHostName.getBytes(StandardCharsets.US_ASCII)));
        return names;
    }

    /** Old servers use 1024-bit DHE groups; the probe reaches them (and does not judge the group). */
    @Override
    public TlsDHGroupVerifier getDHGroupVerifier() {
        return new DefaultTlsDHGroupVerifier(1024);
    }

    /** The probe never renegotiates, so a server without RFC 5746 support is reachable. */
    @Override
    public void notifySecureRenegotiation(boolean secureRenegotiation) {
        // accepted either way
    }

    /** The server certificate's signature algorithm is reported by the inspection, not enforced here. */
    @Override
    public boolean shouldCheckSigAlgOfPeerCerts() {
        return false;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                Certificate certificate = serverCertificate.getCertificate();
                List<byte[]> chain = new ArrayList<>(certificate.getLength());
                for (int i = 0; i < certificate.getLength(); i++) {
                    chain.add(reported(certificate.getCertificateAt(i)));
                }
                peerChainDer = Collections.unmodifiableList(chain);
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) {
                return null;
            }
        };
    }

    /**
     * The DER of one server certificate as the server sent it, its parse and its key's shape remembered for the
     * inspection (the shape is read here, once, and the handshake's key check reuses it); another crypto's
     * certificate is re-encoded.
     */
    private byte[] reported(TlsCertificate certificate) throws IOException {
        if (certificate instanceof LenientBcTlsCrypto.ProbeCertificate probe) {
            byte[] der = probe.encoding();
            parsedCertificates.remember(der, probe.getCertificate(), probe.shape());
            return der;
        }
        return certificate.getEncoded();
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        SecurityParameters parameters = context.getSecurityParametersConnection();
        negotiatedVersion = parameters.getNegotiatedVersion();
        negotiatedCipherSuite = parameters.getCipherSuite();
        handshakeComplete = true;
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        if (alertLevel == AlertLevel.fatal && fatalAlertRaised < 0) {
            fatalAlertRaised = alertDescription;
            fatalAlertRaisedMessage = message != null ? message : cause != null ? String.valueOf(cause.getMessage()) : null;
        }
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertLevel == AlertLevel.fatal && fatalAlertReceived < 0) {
            fatalAlertReceived = alertDescription;
        } else if (alertDescription == AlertDescription.close_notify) {
            closeNotifyReceived = true;
        }
    }

    List<byte[]> peerChainDer() {
        return peerChainDer;
    }

    boolean handshakeComplete() {
        return handshakeComplete;
    }

    /** The negotiated version; BouncyCastle negotiates only a version that was offered, so it is one of the model's. */
    TlsVersion negotiatedVersion() {
        return TlsNames.version(negotiatedVersion).orElseThrow(
                () -> new IllegalStateException("negotiated " + negotiatedVersion + ", which was not offered"));
    }

    String negotiatedCipherSuiteName() {
        return TlsNames.cipherSuiteName(negotiatedCipherSuite);
    }

    /** The fatal alert the server sent, or -1. */
    short fatalAlertReceived() {
        return fatalAlertReceived;
    }

    /** The fatal alert our engine raised, or -1. */
    short fatalAlertRaised() {
        return fatalAlertRaised;
    }

    /** BouncyCastle's reason for the alert it raised, or {@code null}. */
    String fatalAlertRaisedMessage() {
        return fatalAlertRaisedMessage;
    }

    /** Whether the server sent close_notify. */
    boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }
}
