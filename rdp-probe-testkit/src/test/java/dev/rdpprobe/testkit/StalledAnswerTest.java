package dev.rdpprobe.testkit;

import dev.rdpprobe.core.outcome.SecurityProtocol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A phase that times out after the server sent part of its answer is a stalled (or too slow) server,
 * with its own diagnosis, never "silent"; the bytes counted are the phase's own, including bytes that
 * came in the same segment as the previous phase's last PDU; and the limit named is the limit that
 * applied. The faulted phase gets {@link #QUICK}, the phases before it {@link #PATIENT}.
 *
 * <p>A healthy probe runs first: a cold JVM's first TLS handshake and CredSSP exchange keep the
 * prober's event loop busy for tens of milliseconds (class loading, first compilation), a lag that
 * limits this short would rightly report as LOCAL_OVERLOAD instead of the server's stall. On a
 * machine loaded enough that the prober's loop still lags by a fifth of the limit, LOCAL_OVERLOAD
 * (with its finding) is the right answer too and is accepted; the server's silence never is.
 */
class StalledAnswerTest {

    @BeforeAll
    static void warmUp() {
        try (RdpProber prober = RdpProber.builder().udp(false).build(); FakeRdpServer server = FakeRdpServer.start(Scenario.healthy())) {
            assertThat(prober.probe(server.target()).join().verdict()).isEqualTo(Verdict.OK);
        }
    }

    static final Duration QUICK = Duration.ofMillis(500);
    static final Duration PATIENT = Duration.ofSeconds(6);

    private static ConnectionOutcome probe(Phase faulted, Scenario scenario) {
        try (RdpProber prober = RdpProber.builder().udp(false)
                .x224Timeout(faulted == Phase.X224_NEGOTIATION ? QUICK : PATIENT)
                .tlsTimeout(faulted == Phase.TLS_HANDSHAKE ? QUICK : PATIENT)
                .credsspTimeout(faulted == Phase.CREDSSP ? QUICK : PATIENT)
                .connectTimeout(PATIENT).deadline(Duration.ofSeconds(30)).build();
             FakeRdpServer server = FakeRdpServer.start(scenario)) {
            return prober.probe(server.target()).join();
        }
    }

    /** The diagnosis is {@code expected}, or LOCAL_OVERLOAD when the outcome says the prober's loop lagged. */
    private static boolean diagnosedAs(ConnectionOutcome o, DiagnosisCode expected) {
        boolean lagged = o.hasFinding(FindingCode.LOCAL_OVERLOAD);
        assertThat(o.diagnosis().code()).as("findings %s", o.findings()).isEqualTo(lagged ? DiagnosisCode.LOCAL_OVERLOAD : expected);
        return !lagged;
    }

    private static Failure.TimedOut timedOut(ConnectionOutcome o, Phase phase) {
        assertThat(o.phase(phase).status()).as("%s", o.phases()).isEqualTo(PhaseStatus.TIMED_OUT);
        return (Failure.TimedOut) o.phase(phase).failure().orElseThrow();
    }

    @Test
    void tenBytesOfAConnectionConfirmThenNothingIsAStalledServer() {
        ConnectionOutcome o = probe(Phase.X224_NEGOTIATION, Scenario.partialConfirm(10));
        Failure.TimedOut t = timedOut(o, Phase.X224_NEGOTIATION);
        assertThat(t.bytesSeen()).isEqualTo(10);
        assertThat(t.message()).contains("within 500 ms", "the server sent 10 bytes, then nothing for");
        if (diagnosedAs(o, DiagnosisCode.X224_STALLED)) {
            assertThat(o.diagnosis().summary()).contains("10 bytes").doesNotContain("TermService is hung");
        }
    }

    @Test
    void aTlsHandshakeThatStopsAfter882BytesIsStalledNotSilent() {
        ConnectionOutcome o = probe(Phase.TLS_HANDSHAKE, Scenario.healthy().withTls(TlsStep.stallAfter(882)));
        Failure.TimedOut t = timedOut(o, Phase.TLS_HANDSHAKE);
        assertThat(t.bytesSeen()).isEqualTo(882);
        if (diagnosedAs(o, DiagnosisCode.TLS_STALLED)) {
            assertThat(o.diagnosis().summary()).contains("882 bytes").doesNotContain("not one byte");
        }
    }

    @Test
    void bytesInTheSegmentOfTheConnectionConfirmCountForTheTlsPhase() {
        // the start of a TLS handshake record (ServerHello-like header announcing 122 bytes) and 20 of them
        byte[] partialRecord = new byte[25];
        System.arraycopy(new byte[] {0x16, 0x03, 0x03, 0x00, 0x7A}, 0, partialRecord, 0, 5);
        ConnectionOutcome o = probe(Phase.TLS_HANDSHAKE,
                Scenario.confirmFollowedBy(SecurityProtocol.SSL, partialRecord));
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).isEqualTo(PhaseStatus.OK);
        Failure.TimedOut t = timedOut(o, Phase.TLS_HANDSHAKE);
        assertThat(t.bytesSeen()).as("the bytes after the confirm are the TLS phase's").isEqualTo(25);
        diagnosedAs(o, DiagnosisCode.TLS_STALLED);
    }

    @Test
    void aTsRequestHeaderThenNothingIsAStalledCredSspAnswer() {
        ConnectionOutcome o = probe(Phase.CREDSSP, Scenario.healthy().withCredSsp(CredSspStep.partialChallenge(12)));
        Failure.TimedOut t = timedOut(o, Phase.CREDSSP);
        assertThat(t.bytesSeen()).as("the decrypted bytes of the answer").isEqualTo(12);
        if (diagnosedAs(o, DiagnosisCode.CREDSSP_STALLED)) {
            assertThat(o.diagnosis().summary()).contains("12 bytes of its answer");
        }
    }

    @Test
    void aTrickledCredSspAnswerIsStalledThoughNoneOfItDecrypts() {
        ConnectionOutcome o = probe(Phase.CREDSSP, Scenario.healthy().withCredSsp(CredSspStep.trickledChallenge(Duration.ofMillis(20))));
        Failure.TimedOut t = timedOut(o, Phase.CREDSSP);
        assertThat(t.bytesSeen()).as("raw bytes of the unfinished TLS record").isPositive();
        diagnosedAs(o, DiagnosisCode.CREDSSP_STALLED);
    }

    @Test
    void aCredSspStallWithoutAByteOfAnswerIsSilent() {
        ConnectionOutcome o = probe(Phase.CREDSSP, Scenario.healthy().withCredSsp(CredSspStep.stall()));
        Failure.TimedOut t = timedOut(o, Phase.CREDSSP);
        assertThat(t.bytesSeen()).isZero();
        diagnosedAs(o, DiagnosisCode.CREDSSP_SILENT);
    }

    @Test
    void aDeadlineShorterThanThePhaseLimitsIsTheLimitNamed() {
        try (RdpProber prober = RdpProber.builder().udp(false).phaseTimeout(Duration.ofMillis(400)).connectTimeout(Duration.ofMillis(400))
                .resolveTimeout(Duration.ofMillis(400)).deadline(Duration.ofMillis(400)).build();
             FakeRdpServer server = FakeRdpServer.start(Scenario.silentAfterConnectionRequest())) {
            ConnectionOutcome o = prober.probe(server.target()).join();
            Phase phase = o.failedPhase().orElseThrow();
            Failure.TimedOut t = timedOut(o, phase);
            assertThat(t.limitKind()).isEqualTo(Failure.TimedOut.LimitKind.OVERALL_DEADLINE);
            assertThat(t.limit()).as("what was left of the 400 ms deadline when the phase began")
                    .isPositive().isLessThanOrEqualTo(Duration.ofMillis(400));
            assertThat(t.message()).contains("within " + t.limit().toMillis() + " ms (what was left of the overall deadline)")
                    .doesNotContain("within 400 ms");
            if (diagnosedAs(o, phase == Phase.X224_NEGOTIATION ? DiagnosisCode.X224_SILENT : o.diagnosis().code())) {
                assertThat(o.diagnosis().summary()).contains(t.limit().toMillis() + " ms (what was left of the overall deadline)");
            }
        }
    }
}
