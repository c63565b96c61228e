package dev.rdpprobe.tls;

import java.io.IOException;
import java.security.SecureRandom;
import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * BouncyCastle's pure-Java TLS crypto (no JCA provider is registered or consulted), with one change for
 * a probe: the server certificate's key-usage extension does not stop the handshake.
 *
 * <p>Windows' self-signed RDP certificates carry keyEncipherment and dataEncipherment but not
 * digitalSignature, and Windows still negotiates ECDHE_RSA with them; SChannel, OpenSSL and the JDK do
 * not enforce the key usage during the handshake, BouncyCastle does. The probe inspects the certificate
 * (and reports its key usage) instead of refusing it.
 */
final class LenientBcTlsCrypto extends BcTlsCrypto {

    LenientBcTlsCrypto(SecureRandom random) {
        super(random);
    }

    @Override
    public TlsCertificate createCertificate(short type, byte[] encoding) throws IOException {
        if (type == CertificateType.X509) {
            return new KeyUsageIgnoringCertificate(this, encoding);
        }
        return super.createCertificate(type, encoding);
    }

    /** A certificate whose key usage permits everything during the handshake. */
    private static final class KeyUsageIgnoringCertificate extends BcTlsCertificate {
        KeyUsageIgnoringCertificate(BcTlsCrypto crypto, byte[] encoding) throws IOException {
            super(crypto, encoding);
        }

        @Override
        protected boolean supportsKeyUsage(int keyUsageBit) {
            return true;
        }
    }
}
