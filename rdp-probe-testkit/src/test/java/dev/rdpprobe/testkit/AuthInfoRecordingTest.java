package dev.rdpprobe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.internal.pdu.PduBytes;
import dev.rdpprobe.core.internal.pdu.credssp.TsRequest;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmNegotiate;
import dev.rdpprobe.core.internal.pdu.x224.ConnectionRequest;
import dev.rdpprobe.core.internal.pdu.x224.NegotiationRequest;
import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;

/**
 * The fake NLA server's authInfo record can fail: a hand-made client that does send TSCredentials (as
 * impacket's rdp_check does) is caught. The probe's tests assert the opposite of the same record.
 */
class AuthInfoRecordingTest {

    @Test
    void aClientThatSendsAuthInfoIsRecorded() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy().withCredSsp(CredSspStep.nla(
                NlaAccount.accepting("alice", "pw"))))) {
            InetSocketAddress address = new InetSocketAddress(server.target().host(), server.target().port());
            try (Socket raw = new Socket()) {
                raw.connect(address, 2000);
                raw.setSoTimeout(2000);
                ConnectionRequest cr = new ConnectionRequest("x", null, new NegotiationRequest(0, SecurityProtocols.of(0x0B)), null);
                raw.getOutputStream().write(PduBytes.encode(cr.encodedLength(), cr::encode));
                raw.getOutputStream().flush();
                raw.getInputStream().readNBytes(19);
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new TrustManager[] {new TrustEverything()}, null);
                try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(raw, address.getHostString(), address.getPort(), true)) {
                    socket.startHandshake();
                    OutputStream out = socket.getOutputStream();
                    InputStream in = socket.getInputStream();
                    byte[] delegating = new TsRequest(6, List.of(NtlmNegotiate.probe().toBytes()), new byte[] {1, 2, 3}, null, null,
                            null).toBytes();
                    out.write(delegating);
                    out.flush();
                    assertThat(in.read()).as("the CHALLENGE begins").isEqualTo(0x30);
                }
            }
            RecordedConnection c = server.takeConnection(Duration.ofSeconds(5)).orElseThrow();
            assertThat(c.authInfoReceived()).isTrue();
        }
    }
}
