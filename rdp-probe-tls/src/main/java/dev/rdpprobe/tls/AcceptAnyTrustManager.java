package dev.rdpprobe.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts every server certificate: the probe inspects the chain after the handshake (see
 * {@link CertificateInspector}) instead of verifying it during the handshake. Being an
 * {@link X509ExtendedTrustManager}, the JDK does not wrap it with its own extra checks.
 */
final class AcceptAnyTrustManager extends X509ExtendedTrustManager {

    static final AcceptAnyTrustManager INSTANCE = new AcceptAnyTrustManager();

    private AcceptAnyTrustManager() {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // inspected later, never refused here
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // inspected later, never refused here
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // inspected later, never refused here
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
