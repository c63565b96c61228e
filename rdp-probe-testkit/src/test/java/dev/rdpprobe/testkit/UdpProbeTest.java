package dev.rdpprobe.testkit;

import dev.rdpprobe.core.outcome.SecurityProtocol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.UdpMode;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.Verdict;
import dev.rdpprobe.testkit.udp.FakeUdpResponder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** UDP_TRANSPORT beside (or instead of) the TCP phases, through whole probes. */
class UdpProbeTest {

    static RdpProber prober(UdpMode mode) {
        return RdpProber.builder().udpMode(mode).udpInitialRetransmit(Duration.ofMillis(30)).udpAttempts(3)
                .phaseTimeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(8)).build();
    }

    @Test
    void answeredUdpReportsVersionAndMtus() {
        try (RdpProber p = prober(UdpMode.BESIDE);
             FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP)).withUdp(FakeUdpResponder.builder().answering())) {
            ConnectionOutcome o = p.probe(server.target()).join();
            assertThat(o.phase(Phase.UDP_TRANSPORT).status()).isEqualTo(PhaseStatus.OK);
            assertThat(o.server().udp().orElseThrow().answered()).isTrue();
            assertThat(o.server().udp().orElseThrow().udpVersion()).contains(2);
            assertThat(o.server().udp().orElseThrow().upstreamMtu()).contains(1232);
            assertThat(o.server().udp().orElseThrow().roundTrip()).isPresent();
            assertThat(o.hasFinding(FindingCode.UDP_BLOCKED)).isFalse();
        }
    }

    @Test
    void silentUdpWhileTcpWorksIsUdpBlockedButTheVerdictStaysOk() {
        try (RdpProber p = prober(UdpMode.BESIDE);
             FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP)).withUdp(FakeUdpResponder.builder().silent())) {
            long start = System.nanoTime();
            ConnectionOutcome o = p.probe(server.target()).join();
            assertThat(o.phase(Phase.UDP_TRANSPORT).status()).isEqualTo(PhaseStatus.TIMED_OUT);
            assertThat(o.phase(Phase.UDP_TRANSPORT).failure().orElseThrow()).isInstanceOf(Failure.UdpNoAnswer.class);
            assertThat(((Failure.UdpNoAnswer) o.phase(Phase.UDP_TRANSPORT).failure().orElseThrow()).attempts()).isEqualTo(3);
            assertThat(server.udp().received()).hasSize(3);
            assertThat(o.hasFinding(FindingCode.UDP_BLOCKED)).isTrue();
            assertThat(o.verdict()).isEqualTo(Verdict.OK);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void closedUdpPortIsUdpClosed() {
        try (RdpProber p = prober(UdpMode.BESIDE); FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP))) {
            ConnectionOutcome o = p.probe(server.target()).join();
            assertThat(o.phase(Phase.UDP_TRANSPORT).failure().orElseThrow()).isInstanceOf(Failure.UdpPortClosed.class);
            assertThat(o.hasFinding(FindingCode.UDP_CLOSED)).isTrue();
        }
    }

    @Test
    void lateAnswerAfterRetransmitsIsAnswered() {
        try (RdpProber p = prober(UdpMode.BESIDE);
             FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP)).withUdp(FakeUdpResponder.builder().answerAfter(2))) {
            ConnectionOutcome o = p.probe(server.target()).join();
            assertThat(o.phase(Phase.UDP_TRANSPORT).status()).isEqualTo(PhaseStatus.OK);
            assertThat(o.server().udp().orElseThrow().attempts()).isEqualTo(3);
        }
    }

    @Test
    void garbageAnswerIsInvalid() {
        try (RdpProber p = prober(UdpMode.BESIDE);
             FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP))
                     .withUdp(FakeUdpResponder.builder().answerGarbage("HTTP/1.1 400 Bad Request\r\n".getBytes()))) {
            ConnectionOutcome o = p.probe(server.target()).join();
            assertThat(o.phase(Phase.UDP_TRANSPORT).failure().orElseThrow()).isInstanceOf(Failure.UdpInvalidAnswer.class);
        }
    }

    @Test
    void udpOnlySkipsEveryTcpPhase() {
        try (RdpProber p = prober(UdpMode.ONLY);
             FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP)).withUdp(FakeUdpResponder.builder().answering())) {
            ConnectionOutcome o = p.probe(server.target()).join();
            assertThat(o.phase(Phase.TCP_CONNECT).status()).isEqualTo(PhaseStatus.SKIPPED);
            assertThat(o.phase(Phase.X224_NEGOTIATION).status()).isEqualTo(PhaseStatus.SKIPPED);
            assertThat(o.phase(Phase.UDP_TRANSPORT).status()).isEqualTo(PhaseStatus.OK);
            assertThat(server.connections()).isEmpty();
        }
    }

    @Test
    void udpOffIsSkipped() {
        try (RdpProber p = prober(UdpMode.OFF); FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP))) {
            ConnectionOutcome o = p.probe(server.target()).join();
            assertThat(o.phase(Phase.UDP_TRANSPORT).status()).isEqualTo(PhaseStatus.SKIPPED);
        }
    }

    @Test
    void udpRespectsTheOverallDeadline() {
        Duration deadline = Duration.ofMillis(250);
        try (RdpProber p = RdpProber.builder().resolveTimeout(deadline).connectTimeout(deadline).phaseTimeout(deadline)
                .udpInitialRetransmit(Duration.ofSeconds(2)).udpAttempts(1).deadline(deadline).build();
             FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP)).withUdp(FakeUdpResponder.builder().silent())) {
            long start = System.nanoTime();
            ConnectionOutcome o = p.probe(server.target()).join();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(deadline.plusSeconds(2));
            assertThat(o.phase(Phase.UDP_TRANSPORT).status()).isEqualTo(PhaseStatus.TIMED_OUT);
        }
    }
}
