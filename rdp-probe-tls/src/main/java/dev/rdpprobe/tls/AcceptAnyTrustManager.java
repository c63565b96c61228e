package dev.rdpprobe.tls;

import dev.rdpprobe.core.outcome.Failure;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Trusts every server certificate: the probe inspects the chain after the handshake (see
 * {@link CertificateInspector}) instead of verifying it during the handshake. It refuses only a server
 * certificate whose key is over {@link TlsLimits}, before the JDK does any arithmetic with it, with a
 * {@link KeyOverLimitException}. Being an {@link X509ExtendedTrustManager}, the JDK does not wrap it with its
 * own extra checks.
 */
final class AcceptAnyTrustManager extends X509ExtendedTrustManager {

    static final AcceptAnyTrustManager INSTANCE = new AcceptAnyTrustManager();

    private AcceptAnyTrustManager() {
    }

    /** The server certificate's key is over the probe's limits. */
    static final class KeyOverLimitException extends CertificateException {

        private static final long serialVersionUID = 1L;

        private final transient Failure.ProbeLimitExceeded failure;

        KeyOverLimitException(Failure.ProbeLimitExceeded failure) {
            super(failure.message());
            this.failure = failure;
        }

        Failure.ProbeLimitExceeded failure() {
            return failure;
        }
    }

    private static void checkKey(X509Certificate[] chain) throws KeyOverLimitException {
        if (chain == null || chain.length == 0) {
            return;
        }
        TlsLimits.KeyOverLimit over = TlsLimits.check(PublicKeyShape.of(SubjectPublicKeyInfo.getInstance(chain[0].getPublicKey().getEncoded())));
        if (over != null) {
            throw new KeyOverLimitException(new Failure.ProbeLimitExceeded(over.limit(), "the server certificate ("
                    + chain[0].getSubjectX500Principal().getName(X500Principal.RFC2253) + ") has " + over.key()));
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkKey(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkKey(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkKey(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // a client never asks
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // a client never asks
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // a client never asks
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
