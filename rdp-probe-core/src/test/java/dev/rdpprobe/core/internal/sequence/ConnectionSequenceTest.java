package dev.rdpprobe.core.internal.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.Hex;
import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.TestPlans;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.ForeignProtocol;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.TlsVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The state machine fed recorded transcripts, with a fake clock: no sockets. */
class ConnectionSequenceTest {

    static final long T0 = 1_000_000_000L;
    static final long MS = 1_000_000L;
    static final String CC_SSL = "03 00 00 13 0e d0 00 00 12 34 00 02 1f 08 00 01 00 00 00";
    static final String CC_FAIL_5 = "03 00 00 13 0e d0 00 00 12 34 00 03 00 08 00 05 00 00 00";

    static ProbeOptions options(boolean credssp) {
        return RdpProber.builder().credssp(credssp).x224Timeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(10)).options();
    }

    static SequenceStepper sequence(String host, boolean credssp) {
        return new SequenceStepper(TestPlans.of(Target.of(host, 3389), options(credssp)), T0);
    }

    @Test
    void healthyTlsTranscript() {
        SequenceStepper s = sequence("127.0.0.1", false);
        Action a = s.start(T0);
        assertThat(a).isInstanceOf(Action.Connect.class);
        assertThat(((Action.Connect) a).address().getPort()).isEqualTo(3389);
        Action send = s.connected(T0 + 3 * MS);
        assertThat(send).isInstanceOf(Action.Send.class);
        assertThat(Hex.hex(((Action.Send) send).bytes())).startsWith("030000").contains(Hex.hex("Cookie: mstshash=rdpprobe\r\n".getBytes()));
        assertThat(s.framing()).isEqualTo(Framing.TPKT);
        assertThat(s.deadlineNanos()).isEqualTo(T0 + 3 * MS + 2000 * MS);
        s.bytesReceived(19, T0 + 10 * MS);
        Action tls = s.received(Hex.buf(CC_SSL), T0 + 10 * MS);
        assertThat(tls).isInstanceOf(Action.StartTls.class);
        assertThat(((Action.StartTls) tls).request().protocols()).containsExactlyElementsOf(TlsVersion.all());
        Action connectInitial = s.tlsEstablished(TlsFacts.handshake(TlsVersion.TLS_1_2, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "test", List.of(), null, null), T0 + 30 * MS);
        assertThat(connectInitial).isInstanceOf(Action.Send.class);
        assertThat(Hex.hex(((Action.Send) connectInitial).bytes())).startsWith("030001").contains("02f0807f6582"); // inside TLS
        assertThat(s.framing()).isEqualTo(Framing.TPKT);
        s.framedBytesReceived(TLS_CONNECT_RESPONSE_LENGTH, T0 + 35 * MS);
        Action done = s.received(Hex.buf(TLS_CONNECT_RESPONSE), T0 + 35 * MS);
        SequenceResult result = ((Action.Finish<SequenceResult>) done).result();
        List<PhaseResult> phases = result.tcpPhases();
        assertThat(phases).extracting(PhaseResult::status).containsExactly(
                PhaseStatus.SKIPPED, PhaseStatus.OK, PhaseStatus.OK, PhaseStatus.OK, PhaseStatus.SKIPPED, PhaseStatus.SKIPPED,
                PhaseStatus.OK);
        assertThat(phases.get(6).elapsed()).isEqualTo(Duration.ofMillis(5));
        assertThat(result.facts().mcs().orElseThrow().serverVersion().orElseThrow().name()).isEqualTo("RDP 10.7");
        assertThat(result.facts().mcs().orElseThrow().insideTls()).isTrue();
        assertThat(phases.get(1).elapsed()).isEqualTo(Duration.ofMillis(3));
        assertThat(phases.get(2).elapsed()).isEqualTo(Duration.ofMillis(7));
        assertThat(phases.get(3).startOffset()).isEqualTo(Duration.ofMillis(10));
        assertThat(phases.get(3).elapsed()).isEqualTo(Duration.ofMillis(20));
        assertThat(s.isDone()).isTrue();
        assertThat(s.deadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    static final String CC_RDP = "03 00 00 13 0e d0 00 00 12 34 00 02 00 08 00 00 00 00 00";

    @Test
    void standardRdpSecuritySendsTheConnectInitialInTheClearAndAnUltimatumFailsThePhase() {
        SequenceStepper s = sequence("127.0.0.1", true);
        s.start(T0);
        s.connected(T0);
        Action ci = s.received(Hex.buf(CC_RDP), T0 + MS);
        assertThat(ci).isInstanceOf(Action.Send.class);
        byte[] bytes = ((Action.Send) ci).bytes();
        assertThat(Hex.hex(bytes)).startsWith("0300018402f0807f65").contains("02c00c001b000000"); // every method offered
        assertThat(s.currentPhase()).isEqualTo(Phase.MCS_CONNECT);
        assertThat(s.maxPduLength()).isEqualTo(ConnectionSequence.MAX_MCS_REPLY);
        s.bytesReceived(9, T0 + 2 * MS);
        SequenceResult r = ((Action.Finish<SequenceResult>) s.received(Hex.buf("03 00 00 09 02 f0 80 20 80"), T0 + 2 * MS)).result();
        PhaseResult mcs = r.tcpPhases().get(Phase.MCS_CONNECT.ordinal());
        assertThat(mcs.status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(mcs.failure().orElseThrow().message()).contains("MCS Disconnect Provider Ultimatum (rn-provider-initiated)");
        assertThat(r.tcpPhases().get(Phase.TLS_HANDSHAKE.ordinal()).note()).contains("the server selected Standard RDP Security");
        assertThat(r.facts().mcs()).isEmpty();
    }

    @Test
    void aMalformedConnectResponseIsAMalformedPduNamingItsField() {
        SequenceStepper s = sequence("127.0.0.1", true);
        s.start(T0);
        s.connected(T0);
        s.received(Hex.buf(CC_RDP), T0 + MS);
        String broken = TLS_CONNECT_RESPONSE.replace("4d 63 44 6e", "4d 63 44 00");
        SequenceResult r = ((Action.Finish<SequenceResult>) s.received(Hex.buf(broken), T0 + 2 * MS)).result();
        Failure f = r.tcpPhases().get(Phase.MCS_CONNECT.ordinal()).failure().orElseThrow();
        assertThat(f).isInstanceOf(Failure.MalformedPdu.class);
        assertThat(((Failure.MalformedPdu) f).field()).isEqualTo("h221NonStandard");
    }

    @Test
    void withMcsSwitchedOffTheServerSelectingRdpEndsTheRun() {
        SequenceStepper s = new SequenceStepper(TestPlans.of(Target.of("127.0.0.1", 3389),
                RdpProber.builder().mcsConnect(false).x224Timeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(10)).options()), T0);
        s.start(T0);
        s.connected(T0);
        SequenceResult r = ((Action.Finish<SequenceResult>) s.received(Hex.buf(CC_RDP), T0 + MS)).result();
        assertThat(r.tcpPhases().get(Phase.MCS_CONNECT.ordinal()).status()).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(r.tcpPhases().get(Phase.MCS_CONNECT.ordinal()).note()).contains("MCS Connect switched off");
    }

    /** A TLS-only server's Connect Response: SC_CORE 10.7 echoing SSL|HYBRID|HYBRID_EX, SC_SECURITY none/none, SC_NET. */
    static final String TLS_CONNECT_RESPONSE = "03 00 00 64 02 f0 80 7f 66 5a 0a 01 00 02 01 00 30 1a 02 01 22 02 01 03 02 01 00"
            + " 02 01 01 02 01 00 02 01 01 02 03 00 ff f8 02 01 02 04 36 00 05 00 14 7c 00 01 2e 14 76 0a 01 01 00 01 c0 00"
            + " 4d 63 44 6e 20 01 0c 0c 00 0c 00 08 00 0b 00 00 00 02 0c 0c 00 00 00 00 00 00 00 00 00 03 0c 08 00 eb 03 00 00";
    static final int TLS_CONNECT_RESPONSE_LENGTH = 100;

    /** Vector D1 of shared/protocol/vectors.md: a Windows 10 (16299) server's TSRequest with an NTLM CHALLENGE. */
    static final String D1 = "30 82 01 02 a0 03 02 01 06 a1 81 fa 30 81 f7 30 81 f4 a0 81 f1 04 81 ee 4e 54 4c 4d 53 53 50 00"
            + "02 00 00 00 1e 00 1e 00 38 00 00 00 35 82 8a e2 6e 80 3b b7 f8 b9 f6 5c 00 00 00 00 00 00 00 00"
            + "98 00 98 00 56 00 00 00 0a 00 ab 3f 00 00 00 0f 44 00 45 00 53 00 4b 00 54 00 4f 00 50 00 2d 00"
            + "4b 00 4d 00 44 00 54 00 34 00 32 00 30 00 02 00 1e 00 44 00 45 00 53 00 4b 00 54 00 4f 00 50 00"
            + "2d 00 4b 00 4d 00 44 00 54 00 34 00 32 00 30 00 01 00 1e 00 44 00 45 00 53 00 4b 00 54 00 4f 00"
            + "50 00 2d 00 4b 00 4d 00 44 00 54 00 34 00 32 00 30 00 04 00 1e 00 44 00 45 00 53 00 4b 00 54 00"
            + "4f 00 50 00 2d 00 4b 00 4d 00 44 00 54 00 34 00 32 00 30 00 03 00 1e 00 44 00 45 00 53 00 4b 00"
            + "54 00 4f 00 50 00 2d 00 4b 00 4d 00 44 00 54 00 34 00 32 00 30 00 07 00 08 00 75 c6 84 56 d7 d8"
            + "d4 01 00 00 00 00";
    static final String CC_HYBRID = "03 00 00 13 0e d0 00 00 12 34 00 02 1f 08 00 02 00 00 00";

    @Test
    void fullNlaTranscriptThroughTheNtlmChallenge() {
        ProbeOptions o = RdpProber.builder().clock(java.time.Clock.fixed(java.time.Instant.parse("2019-03-12T13:37:28Z"), java.time.ZoneOffset.UTC)).options();
        SequenceStepper s = new SequenceStepper(TestPlans.of(Target.of("127.0.0.1", 3389), o), T0);
        s.clientNonce(new byte[32]);
        s.start(T0);
        s.connected(T0 + MS);
        assertThat(s.received(Hex.buf(CC_HYBRID), T0 + 2 * MS)).isInstanceOf(Action.StartTls.class);
        Action tsRequest = s.tlsEstablished(TlsFacts.handshake(TlsVersion.TLS_1_2, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "test", List.of(), null, null), T0 + 5 * MS);
        assertThat(((Action.Send) tsRequest).framing()).isEqualTo(Framing.DER);
        assertThat(Hex.hex(((Action.Send) tsRequest).bytes())).startsWith("30").contains("4e544c4d53535000" + "01000000" + "b78208e2");
        assertThat(s.framing()).isEqualTo(Framing.DER);
        SequenceResult r = ((Action.Finish<SequenceResult>) s.received(Hex.buf(D1), T0 + 9 * MS)).result();
        assertThat(r.tcpPhases()).extracting(PhaseResult::status).containsExactly(
                PhaseStatus.SKIPPED, PhaseStatus.OK, PhaseStatus.OK, PhaseStatus.OK, PhaseStatus.OK, PhaseStatus.SKIPPED,
                PhaseStatus.NOT_REACHED);
        var ntlm = r.facts().credssp().orElseThrow().ntlm().orElseThrow();
        assertThat(ntlm.netbiosComputerName()).isEqualTo("DESKTOP-KMDT420");
        assertThat(ntlm.osVersion()).isEqualTo("10.0.16299");
        assertThat(ntlm.clockSkew()).isBetween(Duration.ofMinutes(-10).minusSeconds(1), Duration.ofMinutes(-9));
        assertThat(r.tcpPhases().get(4).elapsed()).isEqualTo(Duration.ofMillis(4));
    }

    @Test
    void withoutReportsTheSequenceActsAndEndsExactlyAsWithThem() {
        List<List<Action<SequenceResult>>> runs = new ArrayList<>();
        List<SequenceResult> results = new ArrayList<>();
        for (boolean reports : new boolean[] {true, false}) {
            ProbeOptions o = RdpProber.builder().clock(java.time.Clock.fixed(java.time.Instant.parse("2019-03-12T13:37:28Z"),
                    java.time.ZoneOffset.UTC)).options();
            SequenceStepper s = new SequenceStepper(TestPlans.of(Target.of("127.0.0.1", 3389), o), T0);
            if (!reports) {
                s.withoutReports();
            }
            s.clientNonce(new byte[32]);
            s.start(T0);
            s.connected(T0 + MS);
            s.received(Hex.buf(CC_HYBRID), T0 + 2 * MS);
            s.tlsEstablished(TlsFacts.handshake(TlsVersion.TLS_1_2, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "test", List.of(), null, null),
                    T0 + 5 * MS);
            results.add(((Action.Finish<SequenceResult>) s.received(Hex.buf(D1), T0 + 9 * MS)).result());
            assertThat(s.reports().isEmpty()).isEqualTo(!reports);
            runs.add(s.all().stream().filter(a -> !(a instanceof Action.Report)).toList());
        }
        assertThat(runs.get(1)).hasSameSizeAs(runs.get(0));
        for (int i = 0; i < runs.get(0).size(); i++) {
            assertThat(runs.get(1).get(i).getClass()).isEqualTo(runs.get(0).get(i).getClass());
        }
        assertThat(results.get(1)).isEqualTo(results.get(0));
    }

    @Test
    void credSspErrorCodeFailsThePhase() {
        SequenceStepper s = sequence("127.0.0.1", true);
        s.start(T0);
        s.connected(T0);
        s.received(Hex.buf(CC_HYBRID), T0);
        s.tlsEstablished(TlsFacts.handshake(TlsVersion.TLS_1_3, "TLS_AES_128_GCM_SHA256", "test", List.of(), null, null), T0);
        SequenceResult r = ((Action.Finish<SequenceResult>) s.received(Hex.buf("30 0d a0 03 02 01 06 a4 06 02 04 c0 00 00 6d"), T0 + MS)).result();
        assertThat(r.tcpPhases().get(4).failure()).contains(new Failure.CredSspError(0xC000006DL, "STATUS_LOGON_FAILURE"));
    }

    @Test
    void namesAreResolvedFirst() {
        SequenceStepper s = sequence("rds.example", false);
        assertThat(s.start(T0)).isEqualTo(new Action.Resolve("rds.example"));
        assertThat(s.currentPhase()).isEqualTo(Phase.RESOLVE);
        InetAddress a = InetAddress.getLoopbackAddress();
        Action c = s.resolved(List.of(a), T0 + MS);
        assertThat(((Action.Connect) c).address().getAddress()).isEqualTo(a);
    }

    @Test
    void resolveFailureEndsTheProbe() {
        SequenceStepper s = sequence("nope.example", false);
        s.start(T0);
        SequenceResult r = ((Action.Finish<SequenceResult>) s.resolveFailed("no such name (NXDOMAIN)", T0 + MS)).result();
        assertThat(r.tcpPhases().get(0).failure()).contains(new Failure.DnsFailed("nope.example", "no such name (NXDOMAIN)"));
        assertThat(r.tcpPhases().subList(1, 6)).extracting(PhaseResult::status).containsOnly(PhaseStatus.NOT_REACHED);
    }

    @Test
    void negotiationFailureIsTyped() {
        SequenceStepper s = sequence("127.0.0.1", true);
        s.start(T0);
        s.connected(T0);
        SequenceResult r = ((Action.Finish<SequenceResult>) s.received(Hex.buf(CC_FAIL_5), T0 + MS)).result();
        assertThat(r.tcpPhases().get(2).failure())
                .contains(new Failure.NegotiationFailed(NegotiationFailure.of(NegotiationFailure.Reason.HYBRID_REQUIRED_BY_SERVER)));
        assertThat(r.facts().negotiation().orElseThrow().failure()).contains(new NegotiationFailure(5));
    }

    @Test
    void trickleThenTimeoutReportsTheBytes() {
        SequenceStepper s = sequence("127.0.0.1", true);
        s.start(T0);
        s.connected(T0);
        s.bytesReceived(1, T0 + 100 * MS);
        s.bytesReceived(1, T0 + 300 * MS);
        assertThat(s.timeout(T0 + 1000 * MS)).isNull(); // early: ignored
        SequenceResult r = ((Action.Finish<SequenceResult>) s.timeout(T0 + 2000 * MS)).result();
        assertThat(r.tcpPhases().get(2).failure()).contains(new Failure.TimedOut(Duration.ofSeconds(2), 2, "X.224 Connection Confirm",
                Failure.TimedOut.LimitKind.PHASE_LIMIT, Duration.ofMillis(1700), Duration.ZERO));
        assertThat(r.tcpPhases().get(2).status()).isEqualTo(PhaseStatus.TIMED_OUT);
        assertThat(r.tcpPhases().get(2).failure().orElseThrow().message())
                .isEqualTo("no X.224 Connection Confirm within 2000 ms: the server sent 2 bytes, then nothing for 1700 ms");
    }

    @Test
    void overallDeadlineWinsOverALongerPhaseLimit() {
        // every limit fits the deadline (build() refuses one that does not), but X.224 starts 100 ms into it
        ProbeOptions o = RdpProber.builder().resolveTimeout(Duration.ofSeconds(1)).connectTimeout(Duration.ofSeconds(1))
                .phaseTimeout(Duration.ofSeconds(1)).deadline(Duration.ofSeconds(1)).udp(false).options();
        SequenceStepper s = new SequenceStepper(TestPlans.of(Target.of("127.0.0.1", 1), o), T0);
        s.start(T0);
        s.connected(T0 + 100 * MS);
        assertThat(s.deadlineNanos()).isEqualTo(T0 + 1000 * MS);
        SequenceResult r = ((Action.Finish<SequenceResult>) s.timeout(T0 + 1000 * MS)).result();
        Failure.TimedOut t = (Failure.TimedOut) r.tcpPhases().get(2).failure().orElseThrow();
        // the limit that applied to the phase: what was left of the deadline when it began, not the 1 s phase limit
        assertThat(t.limit()).isEqualTo(Duration.ofMillis(900));
        assertThat(t.limitKind()).isEqualTo(Failure.TimedOut.LimitKind.OVERALL_DEADLINE);
        assertThat(t.message()).isEqualTo("no X.224 Connection Confirm within 900 ms (what was left of the overall deadline)");
    }

    @Test
    void closeAndResetCountBytesOfThePhase() {
        SequenceStepper s = sequence("127.0.0.1", true);
        s.start(T0);
        s.connected(T0);
        s.bytesReceived(5, T0);
        SequenceResult r = ((Action.Finish<SequenceResult>) s.closed(T0 + MS)).result();
        assertThat(r.tcpPhases().get(2).failure()).contains(new Failure.ClosedByPeer(5));
        assertThat(s.reset(T0 + 2 * MS)).isNull(); // after the end: ignored
    }

    @Test
    void foreignBytesAreClassified() {
        SequenceStepper s = sequence("127.0.0.1", true);
        s.start(T0);
        s.connected(T0);
        byte[] ssh = "SSH-2.0-OpenSSH_9.6\r\n".getBytes();
        SequenceResult r = ((Action.Finish<SequenceResult>) s.unframeable(ssh, new MalformedPduException("TPKT", "version", 0, "x"), T0 + MS)).result();
        assertThat(((Failure.NotRdp) r.tcpPhases().get(2).failure().orElseThrow()).looksLike()).isEqualTo(ForeignProtocol.SSH);
    }

    @Test
    void disconnectRequestInsteadOfConfirmIsUnexpected() {
        SequenceStepper s = sequence("127.0.0.1", true);
        s.start(T0);
        s.connected(T0);
        SequenceResult r = ((Action.Finish<SequenceResult>) s.received(Hex.buf("03 00 00 0b 06 80 00 00 00 00 00"), T0 + MS)).result();
        assertThat(r.tcpPhases().get(2).failure()).contains(
                new Failure.UnexpectedPdu("X.224 Connection Confirm", "X.224 Disconnect Request (reason 0)"));
    }

    @Test
    void aTlsFailureEndsTheTlsPhase() {
        SequenceStepper s = sequence("127.0.0.1", true);
        s.start(T0);
        s.connected(T0);
        s.received(Hex.buf(CC_SSL), T0 + MS);
        SequenceResult r = ((Action.Finish<SequenceResult>) s.tlsFailed(new Failure.TlsAlert(40, "handshake_failure", true), T0 + 5 * MS)).result();
        assertThat(r.tcpPhases().get(3).status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(r.tcpPhases().get(4).status()).isEqualTo(PhaseStatus.NOT_REACHED);
        assertThat(r.facts().negotiation().orElseThrow().selected()).contains(SecurityProtocol.SSL);
    }

    @Test
    void bytesAfterTheConfirmCountForTheTlsPhase() {
        SequenceStepper s = sequence("127.0.0.1", true);
        s.start(T0);
        s.connected(T0);
        s.bytesReceived(19 + 60, T0 + MS); // the confirm and the first TLS bytes in one segment
        assertThat(s.received(Hex.buf(CC_SSL), T0 + MS)).isInstanceOf(Action.StartTls.class);
        s.bytesReceived(60, T0 + MS);      // the driver hands the bytes after the confirm to TLS and counts them again
        Failure.TimedOut t = timedOut(s, T0 + MS + 5000 * MS, 3);
        assertThat(t.bytesSeen()).isEqualTo(60);
        assertThat(t.quietFor()).isEqualTo(Duration.ofMillis(5000));
    }

    @Test
    void credSspCountsTheAnswerInsideTlsNotTheRawBytes() {
        SequenceStepper s = credSspPhase();
        s.bytesReceived(500, T0 + 2 * MS);     // a TLS 1.3 session ticket: whole records,
        s.tlsRecordInProgress(0, T0 + 2 * MS); // that decrypt to nothing for the framing
        assertThat(timedOut(s, T0 + MS + 5000 * MS, 4).bytesSeen()).as("a session ticket is no answer").isZero();

        SequenceStepper header = credSspPhase();
        header.framedBytesReceived(4, T0 + 10 * MS); // a DER header announcing more, decrypted
        Failure.TimedOut t = timedOut(header, T0 + MS + 5000 * MS, 4);
        assertThat(t.bytesSeen()).isEqualTo(4);
        assertThat(t.quietFor()).isEqualTo(Duration.ofMillis(4991));

        SequenceStepper trickle = credSspPhase();
        trickle.bytesReceived(30, T0 + 20 * MS);
        trickle.tlsRecordInProgress(30, T0 + 20 * MS); // a record begun and not finished: nothing decrypts yet
        assertThat(timedOut(trickle, T0 + MS + 5000 * MS, 4).bytesSeen()).isEqualTo(30);
    }

    /** A sequence in its CredSSP phase, begun at T0 + 1 ms, with a 5 s CredSSP limit. */
    private static SequenceStepper credSspPhase() {
        SequenceStepper s = sequence("127.0.0.1", true);
        s.start(T0);
        s.connected(T0);
        s.received(Hex.buf(CC_HYBRID), T0);
        s.bytesReceived(3000, T0 + MS);
        s.tlsEstablished(TlsFacts.handshake(TlsVersion.TLS_1_3, "TLS_AES_128_GCM_SHA256", "test", List.of(), null, null), T0 + MS);
        assertThat(s.currentPhase()).isEqualTo(Phase.CREDSSP);
        return s;
    }

    private static Failure.TimedOut timedOut(SequenceStepper s, long at, int phase) {
        SequenceResult r = ((Action.Finish<SequenceResult>) s.timeout(at)).result();
        return (Failure.TimedOut) r.tcpPhases().get(phase).failure().orElseThrow();
    }

    @Test
    void theLoopLagGoesOnRecord() {
        SequenceStepper s = sequence("127.0.0.1", true);
        s.start(T0);
        s.connected(T0);
        SequenceResult r = ((Action.Finish<SequenceResult>) s.timeout(T0 + 2400 * MS, Duration.ofMillis(700))).result();
        Failure.TimedOut t = (Failure.TimedOut) r.tcpPhases().get(2).failure().orElseThrow();
        assertThat(t.localLag()).isEqualTo(Duration.ofMillis(700));
        assertThat(t.limit()).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.tcpPhases().get(2).elapsed()).isEqualTo(Duration.ofMillis(2400));
    }

    @Test
    void aTimeoutWhileTheProbeInspectsTheChainBlamesTheProbe() {
        ProbeOptions o = RdpProber.builder().credssp(false).tlsTimeout(Duration.ofMillis(500)).deadline(Duration.ofSeconds(10)).options();
        SequenceStepper s = new SequenceStepper(TestPlans.of(Target.of("127.0.0.1", 3389), o), T0);
        s.start(T0);
        s.connected(T0);
        s.received(Hex.buf(CC_SSL), T0);
        assertThat(s.tlsHandshakeCompleted(T0 + 20 * MS)).isNull();
        assertThat(s.deadlineNanos()).as("the TLS limit still runs").isEqualTo(T0 + 500 * MS);
        SequenceResult r = ((Action.Finish<SequenceResult>) s.timeout(T0 + 500 * MS)).result();
        PhaseResult tls = r.tcpPhases().get(Phase.TLS_HANDSHAKE.ordinal());
        assertThat(tls.status()).isEqualTo(PhaseStatus.TIMED_OUT);
        assertThat(tls.failure()).contains(new Failure.LocalWorkTimedOut(Duration.ofMillis(500), "inspection of the server's certificate chain"));
        assertThat(tls.failure().orElseThrow().message()).contains("the time went to the probe, not to the server");
    }

    @Test
    void aTimeoutWhileTheTlsEngineComputesOffTheLoopBlamesTheProbe() {
        ProbeOptions o = RdpProber.builder().credssp(false).tlsTimeout(Duration.ofMillis(500)).deadline(Duration.ofSeconds(10)).options();
        SequenceStepper s = new SequenceStepper(TestPlans.of(Target.of("127.0.0.1", 3389), o), T0);
        s.start(T0);
        s.connected(T0);
        s.received(Hex.buf(CC_SSL), T0);
        s.tlsLocalWork(true);
        SequenceResult r = ((Action.Finish<SequenceResult>) s.timeout(T0 + 500 * MS)).result();
        assertThat(r.tcpPhases().get(Phase.TLS_HANDSHAKE.ordinal()).failure())
                .contains(new Failure.LocalWorkTimedOut(Duration.ofMillis(500), "TLS computation on the server's handshake messages"));
    }

    @Test
    void onceTheTlsEnginesWorkIsBackATimeoutBlamesTheServerAgain() {
        ProbeOptions o = RdpProber.builder().credssp(false).tlsTimeout(Duration.ofMillis(500)).deadline(Duration.ofSeconds(10)).options();
        SequenceStepper s = new SequenceStepper(TestPlans.of(Target.of("127.0.0.1", 3389), o), T0);
        s.start(T0);
        s.connected(T0);
        s.tlsLocalWork(true);
        s.received(Hex.buf(CC_SSL), T0);
        s.tlsLocalWork(true);
        s.tlsLocalWork(false);
        SequenceResult r = ((Action.Finish<SequenceResult>) s.timeout(T0 + 500 * MS)).result();
        assertThat(r.tcpPhases().get(Phase.TLS_HANDSHAKE.ordinal()).failure().orElseThrow()).isInstanceOf(Failure.TimedOut.class);
    }

    @Test
    void aTimeoutBeforeTheHandshakeCompletedStillBlamesTheServer() {
        ProbeOptions o = RdpProber.builder().credssp(false).tlsTimeout(Duration.ofMillis(500)).deadline(Duration.ofSeconds(10)).options();
        SequenceStepper s = new SequenceStepper(TestPlans.of(Target.of("127.0.0.1", 3389), o), T0);
        s.start(T0);
        s.connected(T0);
        s.received(Hex.buf(CC_SSL), T0);
        SequenceResult r = ((Action.Finish<SequenceResult>) s.timeout(T0 + 500 * MS)).result();
        assertThat(r.tcpPhases().get(Phase.TLS_HANDSHAKE.ordinal()).failure().orElseThrow()).isInstanceOf(Failure.TimedOut.class);
    }

    @Test
    void aHandshakeCompletedThenInspectedGoesOnAsBefore() {
        SequenceStepper s = new SequenceStepper(TestPlans.of(Target.of("127.0.0.1", 3389),
                RdpProber.builder().credssp(false).mcsConnect(false).x224Timeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(10))
                        .options()), T0);
        s.start(T0);
        s.connected(T0);
        s.received(Hex.buf(CC_SSL), T0);
        s.tlsHandshakeCompleted(T0 + 5 * MS);
        Action done = s.tlsEstablished(TlsFacts.handshake(TlsVersion.TLS_1_3, "TLS_AES_128_GCM_SHA256", "test", List.of(), null, null), T0 + 6 * MS);
        PhaseResult tls = ((Action.Finish<SequenceResult>) done).result().tcpPhases().get(Phase.TLS_HANDSHAKE.ordinal());
        assertThat(tls.status()).isEqualTo(PhaseStatus.OK);
        assertThat(tls.elapsed()).as("inspection counts in the phase").isEqualTo(Duration.ofMillis(6));
    }

    @Test
    void eventsOutOfOrderAreRefused() {
        SequenceStepper s = sequence("127.0.0.1", true);
        assertThatThrownBy(() -> s.connected(T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSocketConnectedToItselfIsASelfConnectNotAServerReply() {
        SequenceStepper s = sequence("127.0.0.1", false);
        Action.Connect connect = (Action.Connect) s.start(T0);
        InetSocketAddress remote = connect.address();
        Action a = s.connected(new InetSocketAddress(remote.getAddress(), remote.getPort()), remote, T0 + MS);
        SequenceResult r = ((Action.Finish<SequenceResult>) a).result();
        PhaseResult tcp = r.tcpPhases().get(Phase.TCP_CONNECT.ordinal());
        assertThat(tcp.status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(tcp.failure()).contains(new Failure.SelfConnected("127.0.0.1:3389"));
        assertThat(tcp.failure().orElseThrow().message()).contains("the port is closed", "connected the probe's socket to itself");
        assertThat(r.tcpPhases().get(Phase.X224_NEGOTIATION.ordinal()).status()).isEqualTo(PhaseStatus.NOT_REACHED);
        assertThat(r.facts().connectedAddress()).contains(remote);
    }

    @Test
    void anOrdinaryConnectionSendsTheConnectionRequest() {
        SequenceStepper s = sequence("127.0.0.1", false);
        InetSocketAddress remote = ((Action.Connect) s.start(T0)).address();
        InetSocketAddress local = new InetSocketAddress(remote.getAddress(), 40_001);
        assertThat(s.connected(local, remote, T0 + MS)).isInstanceOf(Action.Send.class);
        SequenceStepper unknown = sequence("127.0.0.1", false);
        unknown.start(T0);
        assertThat(unknown.connected(null, null, T0 + MS)).isInstanceOf(Action.Send.class);
    }

    @Test
    void aLocalFailureEndsWhicheverPhaseIsInProgress() {
        Failure noFds = new Failure.OutOfFileDescriptors("Too many open files");
        SequenceStepper fresh = sequence("127.0.0.1", false);
        assertThat(((Action.Finish<SequenceResult>) fresh.failLocally(noFds, T0)).result().tcpPhases().get(0))
                .extracting(PhaseResult::phase, PhaseResult::status, PhaseResult::failure)
                .containsExactly(Phase.RESOLVE, PhaseStatus.FAILED, Optional.of(noFds));

        SequenceStepper resolving = sequence("rds01.example.com", false);
        resolving.start(T0);
        Failure internal = new Failure.Internal("handling the DNS answer", "IllegalStateException: boom");
        assertThat(((Action.Finish<SequenceResult>) resolving.failLocally(internal, T0 + MS)).result().tcpPhases().get(0).failure()).contains(internal);

        SequenceStepper x224 = sequence("127.0.0.1", false);
        x224.start(T0);
        x224.connected(T0 + MS);
        List<PhaseResult> phases = ((Action.Finish<SequenceResult>) x224.failLocally(internal, T0 + 2 * MS)).result().tcpPhases();
        assertThat(phases).extracting(PhaseResult::status).containsExactly(PhaseStatus.SKIPPED, PhaseStatus.OK, PhaseStatus.FAILED,
                PhaseStatus.NOT_REACHED, PhaseStatus.NOT_REACHED, PhaseStatus.NOT_REACHED, PhaseStatus.NOT_REACHED);
        assertThat(phases.get(2).failure()).contains(internal);
        assertThat(x224.failLocally(internal, T0 + 3 * MS)).as("once done, ignored").isNull();
    }

    @Test
    void anIpv6LiteralKeepsItsZoneInTheAddressItConnectsTo() throws Exception {
        java.net.NetworkInterface loopback = loopbackInterface();
        SequenceStepper named = sequence("::1%" + loopback.getName(), false);
        InetSocketAddress remote = ((Action.Connect) named.start(T0)).address();
        assertThat(((java.net.Inet6Address) remote.getAddress()).getScopedInterface()).isEqualTo(loopback);
        assertThat(remote.getAddress().getHostAddress()).endsWith("%" + loopback.getName());

        SequenceStepper numeric = sequence("::1%" + loopback.getIndex(), false);
        InetSocketAddress byIndex = ((Action.Connect) numeric.start(T0)).address();
        assertThat(((java.net.Inet6Address) byIndex.getAddress()).getScopeId()).isEqualTo(loopback.getIndex());
    }

    @Test
    void aZoneThatNamesNoInterfaceFailsResolveWithWhatToFix() {
        SequenceStepper s = sequence("fe80::1%nosuchif0", false);
        PhaseResult resolve = ((Action.Finish<SequenceResult>) s.start(T0)).result().tcpPhases().get(0);
        assertThat(resolve.status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(resolve.failure().orElseThrow()).isInstanceOf(Failure.LocalError.class);
        assertThat(resolve.failure().orElseThrow().message()).contains("nosuchif0", "names no network interface on this machine", "use one of");
    }

    static java.net.NetworkInterface loopbackInterface() throws java.net.SocketException {
        for (java.net.NetworkInterface nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (nif.isLoopback()) {
                return nif;
            }
        }
        throw new org.opentest4j.TestAbortedException("this machine has no loopback interface");
    }
}
