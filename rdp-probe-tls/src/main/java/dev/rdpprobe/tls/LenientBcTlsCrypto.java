package dev.rdpprobe.tls;

import dev.rdpprobe.core.outcome.Failure;
import java.io.IOException;
import java.security.SecureRandom;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.modes.AEADBlockCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.gcm.BasicGCMMultiplier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * BouncyCastle's pure-Java TLS crypto (no JCA provider is registered or consulted), with three changes for a
 * probe:
 *
 * <ul>
 *   <li>The server certificate's key-usage extension does not stop the handshake. Windows' self-signed RDP
 *       certificates carry keyEncipherment and dataEncipherment but not digitalSignature, and Windows still
 *       negotiates ECDHE_RSA with them; SChannel, OpenSSL and the JDK do not enforce the key usage during the
 *       handshake, BouncyCastle does. The probe inspects the certificate (and reports its key usage) instead.</li>
 *   <li>A key over {@link TlsLimits} is refused before BouncyCastle builds a key object from it (which
 *       validates the key: a Miller-Rabin test of an RSA modulus, seconds for 16384 bits): the handshake ends
 *       with a {@link ProbeLimitAlert}.</li>
 *   <li>GCM multiplies without a precomputed table ({@link BasicGCMMultiplier}). BouncyCastle's default builds a
 *       4 KB table per key and direction (9 KB of heap, four times per TLS 1.3 connection) to speed up long
 *       transfers; a probe's connection carries a few kilobytes, where the table costs more than it saves. And
 *       the key schedule is kept from one record to the next ({@link KeyReusingGcm}).</li>
 * </ul>
 */
final class LenientBcTlsCrypto extends BcTlsCrypto {

    LenientBcTlsCrypto(SecureRandom random) {
        super(random);
    }

    /** AES, ARIA and Camellia in GCM mode, with the table-free multiplier, keeping the key schedule between records (see the class comment). */
    @Override
    protected AEADBlockCipher createGCMMode(BlockCipher engine) {
        return new KeyReusingGcm(GCMBlockCipher.newInstance(engine, new BasicGCMMultiplier()));
    }

    @Override
    public TlsCertificate createCertificate(short type, byte[] encoding) throws IOException {
        if (type == CertificateType.X509) {
            return new ProbeCertificate(this, encoding);
        }
        return super.createCertificate(type, encoding);
    }

    /**
     * A certificate whose key usage permits everything during the handshake, and whose key is checked against the
     * limits first. It keeps the bytes the server sent (the chain is reported as sent, not re-encoded) and the
     * shape of its key, so that the inspection can reuse this parse ({@link HandshakeCertificates}).
     */
    static final class ProbeCertificate extends BcTlsCertificate {

        private final byte[] encoding;
        private PublicKeyShape shape;
        private boolean withinLimits;

        ProbeCertificate(BcTlsCrypto crypto, byte[] encoding) throws IOException {
            super(crypto, encoding);
            this.encoding = encoding;
        }

        /** The DER exactly as the server sent it (not a copy: BouncyCastle read it into an array of its own). */
        byte[] encoding() {
            return encoding;
        }

        /**
         * The shape of the key, read once: by whichever needs it first, the check before the handshake uses the key
         * or the report of the chain (which then reads it from here).
         */
        PublicKeyShape shape() {
            if (shape == null) {
                shape = PublicKeyShape.of(keyInfo);
            }
            return shape;
        }

        @Override
        protected boolean supportsKeyUsage(int keyUsageBit) {
            return true;
        }

        @Override
        protected AsymmetricKeyParameter getPublicKey() throws IOException {
            if (!withinLimits) {
                TlsLimits.KeyOverLimit over = TlsLimits.check(shape());
                if (over != null) {
                    throw new ProbeLimitAlert(new Failure.ProbeLimitExceeded(over.limit(),
                            "the server certificate (" + subject() + ") has " + over.key()));
                }
                withinLimits = true;
            }
            return super.getPublicKey();
        }

        private String subject() {
            try {
                return new X500Principal(certificate.getSubject().getEncoded()).getName(X500Principal.RFC2253);
            } catch (IOException | RuntimeException e) {
                return "subject unreadable";
            }
        }
    }
}
