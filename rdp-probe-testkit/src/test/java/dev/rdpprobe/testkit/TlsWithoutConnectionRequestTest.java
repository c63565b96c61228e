package dev.rdpprobe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.testkit.tls.TestCertificate;
import dev.rdpprobe.testkit.tls.TestCertificates;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/**
 * Like Windows, the fake server answers a TLS ClientHello sent without a Connection Request first
 * (nmap's {@code ssl-cert} does this on 3389): with the scenario's TLS step, and records that the
 * client skipped X.224.
 */
class TlsWithoutConnectionRequestTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aClientHelloFirstGetsTheScenariosCertificate() throws Exception {
        TestCertificate expired = TestCertificates.expired();
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy().withTls(TlsStep.with(expired)))) {
            X509Certificate[] seen = handshake(server, "rdp.lab.test");
            assertThat(seen[0]).isEqualTo(expired.certificate());
            RecordedConnection c = server.takeConnection(WAIT).orElseThrow();
            assertThat(c.tlsWithoutConnectionRequest()).isTrue();
            assertThat(c.connectionRequestSeen()).isFalse();
            assertThat(c.connectionRequestError()).isEmpty();
            assertThat(c.tlsStarted()).isTrue();
            assertThat(c.tlsCompleted()).isTrue();
            assertThat(c.tlsServerName()).contains("rdp.lab.test");
            assertThat(c.tlsOfferedCipherSuites()).contains("TLS_AES_128_GCM_SHA256");
        }
    }

    @Test
    void aScenarioThatClosesOnTheConnectionRequestClosesOnAClientHelloToo() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.closingOnConnectionRequest());
                Socket s = new Socket()) {
            s.connect(server.address(), 5000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(CLIENT_HELLO_START);
            assertThat(s.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
            RecordedConnection c = server.takeConnection(WAIT).orElseThrow();
            assertThat(c.tlsWithoutConnectionRequest()).isTrue();
            assertThat(c.tlsCompleted()).isFalse();
        }
    }

    @Test
    void aConnectionRequestStillGoesThroughX224() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthyTlsOnly())) {
            try (Socket s = new Socket()) {
                s.connect(server.address(), 5000);
                s.getOutputStream().write(LEGACY_CONNECTION_REQUEST);
                s.setSoTimeout(5000);
                assertThat(s.getInputStream().read()).isEqualTo(0x03);
            }
            RecordedConnection c = server.takeConnection(WAIT).orElseThrow();
            assertThat(c.connectionRequestSeen()).isTrue();
            assertThat(c.tlsWithoutConnectionRequest()).isFalse();
        }
    }

    /** The first bytes of a TLS handshake record carrying a ClientHello (never completed). */
    private static final byte[] CLIENT_HELLO_START = {0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x03};
    /** A Connection Request without RDP_NEG_REQ, as nmap's TerminalServer probe sends. */
    private static final byte[] LEGACY_CONNECTION_REQUEST = {0x03, 0x00, 0x00, 0x0b, 0x06, (byte) 0xe0, 0, 0, 0, 0, 0};

    /** A TLS handshake straight after TCP connect, with this SNI; answers the server's chain. */
    private static X509Certificate[] handshake(FakeRdpServer server, String sni) throws Exception {
        X509Certificate[][] chain = new X509Certificate[1][];
        X509TrustManager recordAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] c, String a) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] c, String a) {
                chain[0] = c; // trusts anything: the test only looks at what was presented
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {recordAll}, null);
        InetSocketAddress a = server.address();
        try (Socket plain = new Socket()) {
            plain.connect(a, 5000);
            plain.setSoTimeout(5000);
            try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, sni, a.getPort(), true)) {
                SSLParameters p = s.getSSLParameters();
                p.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName(sni)));
                s.setSSLParameters(p);
                s.startHandshake();
            }
        }
        return chain[0];
    }
}
