package dev.rdpprobe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.ForeignProtocol;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.Verdict;
import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole probes through X.224 against the fake server over real loopback sockets. */
class X224ProbeTest {

    /** The limit of the tests that expect an answer: long enough that a loaded machine answers within it. */
    static final Duration PHASE = Duration.ofSeconds(1);
    /** The limit of the tests that wait for one to expire. */
    static final Duration SHORT = Duration.ofMillis(150);
    static RdpProber prober;
    static RdpProber quick;

    @BeforeAll
    static void startProber() {
        prober = RdpProber.builder().udp(false).connectTimeout(PHASE).phaseTimeout(PHASE).deadline(Duration.ofSeconds(10)).build();
        quick = RdpProber.builder().udp(false).connectTimeout(PHASE).phaseTimeout(SHORT).deadline(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stopProber() {
        prober.close();
        quick.close();
    }

    static ConnectionOutcome probeQuickly(Scenario scenario) {
        try (FakeRdpServer server = FakeRdpServer.start(scenario)) {
            return quick.probe(server.target()).join();
        }
    }

    static ConnectionOutcome probe(Scenario scenario) {
        try (FakeRdpServer server = FakeRdpServer.start(scenario)) {
            return prober.probe(server.target()).join();
        }
    }

    @Test
    void closedPortIsRefusedAtTcpConnect() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ConnectionOutcome o = prober.probe(Target.of("127.0.0.1", port)).join();
        assertThat(o.failedPhase()).contains(Phase.TCP_CONNECT);
        assertThat(o.phase(Phase.TCP_CONNECT).failure().orElseThrow()).isInstanceOf(Failure.Refused.class);
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).isEqualTo(PhaseStatus.NOT_REACHED);
        assertThat(o.verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void silentListenerTimesOutAtX224WithinTheTimeout() {
        long start = System.nanoTime();
        ConnectionOutcome o = probeQuickly(Scenario.silentAfterConnectionRequest());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).isEqualTo(PhaseStatus.TIMED_OUT);
        Failure.TimedOut t = (Failure.TimedOut) o.phase(Phase.X224_NEGOTIATION).failure().orElseThrow();
        assertThat(t.limit()).isEqualTo(SHORT);
        assertThat(t.bytesSeen()).isZero();
        assertThat(o.phase(Phase.X224_NEGOTIATION).elapsed()).isGreaterThanOrEqualTo(SHORT);
        assertThat(took).isLessThan(SHORT.plusSeconds(2));
        assertThat(o.verdict()).isEqualTo(Verdict.TIMED_OUT);
    }

    @Test
    void standardRdpSecuritySelectedSkipsTls() {
        ConnectionOutcome o = probe(Scenario.selecting(SecurityProtocol.RDP));
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).isEqualTo(PhaseStatus.OK);
        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(o.phase(Phase.CREDSSP).status()).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(o.server().negotiation().orElseThrow().selected()).contains(SecurityProtocol.RDP);
        assertThat(o.server().negotiation().orElseThrow().responseFlags()).isEqualTo(0x1F);
        assertThat(o.hasFinding(FindingCode.STANDARD_RDP_SECURITY_SELECTED)).isTrue();
        assertThat(o.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void legacyConfirmIsReported() {
        ConnectionOutcome o = probe(Scenario.legacyConfirm());
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().negotiation().orElseThrow().legacyConfirm()).isTrue();
        assertThat(o.hasFinding(FindingCode.LEGACY_NEGOTIATION)).isTrue();
    }

    @Test
    void negotiationFailureCarriesItsCode() {
        ConnectionOutcome o = probe(Scenario.refusing(NegotiationRefusal.HYBRID_REQUIRED_BY_SERVER));
        Failure.NegotiationFailed f = (Failure.NegotiationFailed) o.phase(Phase.X224_NEGOTIATION).failure().orElseThrow();
        assertThat(f.failure().code()).isEqualTo(5);
        assertThat(f.failure().reason()).contains(NegotiationFailure.Reason.HYBRID_REQUIRED_BY_SERVER);
        assertThat(o.server().negotiation().orElseThrow().failure()).contains(new NegotiationFailure(5));
    }

    @Test
    void failureFromAServerThatStaysOpenDoesNotWait() {
        long start = System.nanoTime();
        ConnectionOutcome o = probe(Scenario.refusingAndStayingOpen(NegotiationRefusal.SSL_NOT_ALLOWED_BY_SERVER));
        assertThat(o.phase(Phase.X224_NEGOTIATION).failure().orElseThrow()).isInstanceOf(Failure.NegotiationFailed.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PHASE);
    }

    @Test
    void closeBeforeAnyByteIsClosedByPeer() {
        ConnectionOutcome o = probe(Scenario.closingOnConnectionRequest());
        assertThat(o.phase(Phase.X224_NEGOTIATION).failure()).contains(new Failure.ClosedByPeer(0));
    }

    @Test
    void resetIsReset() {
        ConnectionOutcome o = probe(Scenario.resettingOnConnectionRequest());
        assertThat(o.phase(Phase.X224_NEGOTIATION).failure().orElseThrow()).isInstanceOf(Failure.Reset.class);
    }

    @Test
    void sshBannerIsNotRdp() {
        ConnectionOutcome o = probe(Scenario.replyingWith("SSH-2.0-OpenSSH_9.6\r\n"));
        Failure.NotRdp f = (Failure.NotRdp) o.phase(Phase.X224_NEGOTIATION).failure().orElseThrow();
        assertThat(f.looksLike()).isEqualTo(ForeignProtocol.SSH);
        assertThat(f.preview()).contains("SSH-2.0-OpenSSH_9.6");
    }

    @Test
    void httpIsNotRdp() {
        ConnectionOutcome o = probe(Scenario.replyingWith("HTTP/1.1 400 Bad Request\r\n\r\n"));
        assertThat(((Failure.NotRdp) o.phase(Phase.X224_NEGOTIATION).failure().orElseThrow()).looksLike()).isEqualTo(ForeignProtocol.HTTP);
    }

    @Test
    void tlsAlertIsNotRdp() {
        ConnectionOutcome o = probe(Scenario.replyingWith(new byte[] {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x28}));
        assertThat(((Failure.NotRdp) o.phase(Phase.X224_NEGOTIATION).failure().orElseThrow()).looksLike()).isEqualTo(ForeignProtocol.TLS);
    }

    @Test
    void oversizeTpktFailsAtOnceInsteadOfWaitingForTheBytes() {
        long start = System.nanoTime();
        ConnectionOutcome o = probe(Scenario.oversizeTpkt());
        Failure.MalformedPdu m = (Failure.MalformedPdu) o.phase(Phase.X224_NEGOTIATION).failure().orElseThrow();
        assertThat(m.field()).isEqualTo("length");
        assertThat(m.detail()).contains("65535");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PHASE);
    }

    @Test
    void undersizeTpktIsMalformed() {
        ConnectionOutcome o = probe(Scenario.undersizeTpkt());
        Failure.MalformedPdu m = (Failure.MalformedPdu) o.phase(Phase.X224_NEGOTIATION).failure().orElseThrow();
        assertThat(m.pdu()).isEqualTo("TPKT");
        assertThat(m.field()).isEqualTo("length");
        assertThat(m.offset()).isEqualTo(2);
    }

    @Test
    void tricklePastTheDeadlineTimesOutWithBytesSeen() {
        ConnectionOutcome o = probeQuickly(Scenario.trickling(SecurityProtocol.RDP, Duration.ofMillis(40)));
        Failure.TimedOut t = (Failure.TimedOut) o.phase(Phase.X224_NEGOTIATION).failure().orElseThrow();
        assertThat(t.bytesSeen()).isBetween(1L, 18L);
    }

    @Test
    void selectedProtocolThatWasNotRequestedIsAMismatch() {
        try (RdpProber sslOnly = RdpProber.builder().udp(false).phaseTimeout(PHASE)
                .requestedProtocols(SecurityProtocolSet.of(SecurityProtocol.SSL)).build();
             FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.HYBRID))) {
            ConnectionOutcome o = sslOnly.probe(server.target()).join();
            assertThat(o.phase(Phase.X224_NEGOTIATION).failure()).contains(new Failure.ProtocolMismatch(SecurityProtocolSet.of(SecurityProtocol.SSL), SecurityProtocolSet.of(SecurityProtocol.HYBRID)));
        }
    }

    @Test
    void theServerRecordsWhatTheClientSent() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP))) {
            prober.probe(server.target()).join();
            RecordedConnection c = server.takeConnection(Duration.ofSeconds(5)).orElseThrow();
            assertThat(c.cookie()).contains("rdpprobe");
            assertThat(c.routingToken()).isEmpty();
            assertThat(c.requestedProtocols()).containsExactlyInAnyOrder(SecurityProtocol.SSL, SecurityProtocol.HYBRID, SecurityProtocol.HYBRID_EX);
            assertThat(c.requestedProtocolBits()).isEqualTo(SecurityProtocols.DEFAULT_REQUEST.bits());
            assertThat(c.tlsStarted()).as("Standard RDP Security selected: no TLS").isFalse();
            assertThat(c.tsRequest()).isEmpty();
        }
    }

    @Test
    void overallDeadlineCutsEveryPhaseLimit() {
        Duration deadline = Duration.ofMillis(200);
        try (RdpProber cut = RdpProber.builder().udp(false).resolveTimeout(deadline).connectTimeout(deadline)
                .phaseTimeout(deadline).deadline(deadline).build();
             FakeRdpServer server = FakeRdpServer.start(Scenario.silentAfterConnectionRequest())) {
            long start = System.nanoTime();
            ConnectionOutcome o = cut.probe(server.target()).join();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(deadline.plusSeconds(2));
            Failure.TimedOut t = (Failure.TimedOut) o.phase(Phase.X224_NEGOTIATION).failure().orElseThrow();
            assertThat(t.limitKind()).isEqualTo(Failure.TimedOut.LimitKind.OVERALL_DEADLINE);
            assertThat(t.limit()).as("what was left of the 200 ms deadline").isPositive().isLessThanOrEqualTo(deadline);
        }
    }

    @Test
    void localhostResolvesThroughTheHostsFileAndEveryAddressIsReported() {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP))) {
            ConnectionOutcome o = prober.probe(Target.of("localhost", server.port())).join();
            assertThat(o.phase(Phase.RESOLVE).status()).isEqualTo(PhaseStatus.OK);
            assertThat(o.server().addresses()).isNotEmpty();
            assertThat(o.phase(Phase.X224_NEGOTIATION).status()).isEqualTo(PhaseStatus.OK);
        }
    }

    @Test
    void ipLiteralSkipsResolution() {
        ConnectionOutcome o = probe(Scenario.selecting(SecurityProtocol.RDP));
        assertThat(o.phase(Phase.RESOLVE).status()).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(o.server().addresses()).hasSize(1);
    }

    @Test
    void ipv6LoopbackWorks() {
        try (FakeRdpServer server = FakeRdpServer.start(InetAddress.getByName("::1"), Scenario.selecting(SecurityProtocol.RDP))) {
            ConnectionOutcome o = prober.probe(server.target()).join();
            assertThat(o.phase(Phase.X224_NEGOTIATION).status()).isEqualTo(PhaseStatus.OK);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
