package dev.rdpprobe.tls;

import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * The certificates an engine has already parsed during a handshake, kept for the inspection of the same chain,
 * so that each certificate is parsed once per probe by each parser: the bouncycastle engine keeps its
 * BouncyCastle parse, the jdk engine the JDK's. A certificate is found by the very {@code byte[]} the engine
 * reported in the chain (identity, not content: arrays compare by identity), and is handed out once:
 * {@link #take} removes it. Keys are weak, so a chain that is never inspected (the probe ended first) is
 * forgotten when its bytes are; the values never refer to their key.
 */
final class HandshakeCertificates {

    /**
     * One certificate as an engine parsed it.
     *
     * @param certificate BouncyCastle's parse of the DER, or {@code null} (the jdk engine)
     * @param shape the shape of its public key, as the engine checked it against {@link TlsLimits}, or {@code null}
     * @param jdkCertificate the JDK's parse of the DER, or {@code null} (the bouncycastle engine)
     */
    record Parsed(Certificate certificate, PublicKeyShape shape, X509Certificate jdkCertificate) {

        /** The bouncycastle engine's parse. */
        Parsed(Certificate certificate, PublicKeyShape shape) {
            this(certificate, shape, null);
        }
    }

    private final Map<byte[], Parsed> parsed = Collections.synchronizedMap(new WeakHashMap<>());

    /** Remembers the bouncycastle engine's parse of {@code der}, which the engine reports as it is. */
    void remember(byte[] der, Certificate certificate, PublicKeyShape shape) {
        parsed.put(der, new Parsed(certificate, shape));
    }

    /** Remembers the jdk engine's parse of {@code der}, which the engine reports as it is. */
    void remember(byte[] der, X509Certificate jdkCertificate) {
        parsed.put(der, new Parsed(null, null, jdkCertificate));
    }

    /** The engine's parse of exactly this array, once; {@code null} when the engine did not parse it. */
    Parsed take(byte[] der) {
        return der == null ? null : parsed.remove(der);
    }
}
