package dev.rdpprobe.testkit;

import dev.rdpprobe.core.outcome.SecurityProtocol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.internal.pdu.PduBytes;
import dev.rdpprobe.core.internal.pdu.x224.ConnectionRequest;
import dev.rdpprobe.core.internal.pdu.x224.CorrelationInfo;
import dev.rdpprobe.core.internal.pdu.x224.NegotiationRequest;
import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.target.Target;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link FakeRdpServer#takeConnection}: what each client connection sent, handed out once it ended. */
class TakeConnectionTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    static RdpProber prober;

    @BeforeAll
    static void start() {
        prober = RdpProber.builder().udp(false).phaseTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        prober.close();
    }

    @Test
    void aHealthyProbeIsRecordedPhaseByPhase() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy())) {
            assertThat(prober.probe(server.target()).join().phase(Phase.CREDSSP).status()).isEqualTo(PhaseStatus.OK);
            RecordedConnection c = server.takeConnection(WAIT).orElseThrow();
            assertThat(c.ended()).isTrue();
            assertThat(c.cookie()).contains("rdpprobe");
            assertThat(c.requestedProtocols()).containsExactlyInAnyOrder(SecurityProtocol.SSL, SecurityProtocol.HYBRID, SecurityProtocol.HYBRID_EX);
            assertThat(c.tlsStarted()).isTrue();
            assertThat(c.tlsCompleted()).isTrue();
            assertThat(c.tlsVersion()).contains("TLSv1.3");
            assertThat(c.tlsOfferedVersions()).contains("TLSv1.2", "TLSv1.3");
            assertThat(c.tlsServerName()).as("no SNI for an IP literal").isEmpty();
            assertThat(c.tsRequestVersion()).hasValue(6);
            assertThat(c.ntlmNegotiateFlags()).isPresent();
            assertThat(c.tsRequest()).isPresent();
        }
    }

    @Test
    void aNameTargetSendsItsNameAsSni() throws Exception {
        try (FakeDnsServer dns = FakeDnsServer.start(FakeDnsServer.Otherwise.NXDOMAIN);
             FakeRdpServer server = FakeRdpServer.start(Scenario.healthyTlsOnly());
             RdpProber named = RdpProber.builder().udp(false).dnsServers(List.of(dns.address())).build()) {
            dns.answer("rds.test", InetAddress.getByName("127.0.0.1"));
            named.probe(Target.of("rds.test", server.port())).join();
            RecordedConnection c = server.takeConnection(WAIT).orElseThrow();
            assertThat(c.tlsServerName()).contains("rds.test");
            assertThat(c.tsRequest()).as("TLS only: no CredSSP").isEmpty();
        }
    }

    @Test
    void aTlsStepThatOnlyPerformsAnEffectStillSeesTlsStart() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy().withTls(TlsStep.close()))) {
            prober.probe(server.target()).join();
            RecordedConnection c = server.takeConnection(WAIT).orElseThrow();
            assertThat(c.tlsStarted()).isTrue();
            assertThat(c.tlsCompleted()).isFalse();
            assertThat(c.tlsOfferedVersions()).as("no TLS layer read the ClientHello").isEmpty();
        }
    }

    @Test
    void routingTokenUnknownBitsAndCorrelationIdAreRecorded() throws Exception {
        byte[] id = new byte[16];
        Arrays.fill(id, (byte) 0x42);
        ConnectionRequest cr = new ConnectionRequest(null, "Cookie: msts=3640205228.15629.0000",
                new NegotiationRequest(NegotiationRequest.CORRELATION_INFO_PRESENT, SecurityProtocols.of(SecurityProtocols.SSL | 0x40)),
                new CorrelationInfo(id));
        byte[] bytes = PduBytes.encode(cr.encodedLength(), cr::encode);
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.closingOnConnectionRequest())) {
            try (Socket s = new Socket(server.address().getAddress(), server.port())) {
                OutputStream out = s.getOutputStream();
                out.write(bytes);
                out.flush();
                s.getInputStream().read(); // the server closes: end of stream
            }
            RecordedConnection c = server.takeConnection(WAIT).orElseThrow();
            assertThat(c.cookie()).isEmpty();
            assertThat(c.routingToken()).contains("Cookie: msts=3640205228.15629.0000");
            assertThat(c.requestedProtocols()).containsExactly(SecurityProtocol.SSL);
            assertThat(c.requestedProtocolBits()).isEqualTo(0x41);
            assertThat(c.correlationId()).hasValueSatisfying(v -> assertThat(v).isEqualTo(id));
            assertThat(c.negotiationFlags()).hasValue(NegotiationRequest.CORRELATION_INFO_PRESENT);
            assertThat(c.connectionRequestBytes()).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes));
            assertThat(c.tlsStarted()).isFalse();
        }
    }

    @Test
    void garbageInsteadOfARequestIsRecordedAsAnError() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy())) {
            try (Socket s = new Socket(server.address().getAddress(), server.port())) {
                s.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes());
                s.getInputStream().read();
            }
            RecordedConnection c = server.takeConnection(WAIT).orElseThrow();
            assertThat(c.connectionRequestSeen()).isFalse();
            assertThat(c.connectionRequestError()).isPresent();
            assertThat(c.requestedProtocols()).isEmpty();
        }
    }

    @Test
    void eachConnectionIsTakenOnceInTheOrderItEnded() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP))) {
            prober.probe(server.target()).join();
            prober.probe(server.target()).join();
            RecordedConnection first = server.takeConnection(WAIT).orElseThrow();
            RecordedConnection second = server.takeConnection(WAIT).orElseThrow();
            assertThat(first).isNotSameAs(second);
            assertThat(server.takeConnection(Duration.ofMillis(20))).isEmpty();
        }
    }

    @Test
    void nothingToTakeWithoutAConnection() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy())) {
            assertThat(server.takeConnection(Duration.ofMillis(20))).isEmpty();
        }
    }
}
