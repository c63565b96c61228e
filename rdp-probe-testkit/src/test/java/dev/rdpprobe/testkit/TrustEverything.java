package dev.rdpprobe.testkit;

import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/** Test only: a trust manager for the scripted clients of these tests (the fake server's certificate is self-signed). */
final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
