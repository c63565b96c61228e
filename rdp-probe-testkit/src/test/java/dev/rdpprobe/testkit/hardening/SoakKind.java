package dev.rdpprobe.testkit.hardening;

import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.testkit.NegotiationRefusal;
import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.Verdict;
import dev.rdpprobe.core.internal.pdu.x224.NegotiationFailureCode;
import dev.rdpprobe.testkit.CredSspStep;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.TlsStep;
import dev.rdpprobe.testkit.tls.TestCertificates;
import dev.rdpprobe.testkit.udp.FakeUdpResponder;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The kinds of server behaviour the soak mixes: how often each is drawn (its weight), the server that behaves so,
 * the prober that probes it, and what its outcome must say. The stalled kinds weigh least: each of their probes
 * holds its slot for {@link SoakProbers#STALL_LIMIT}. The expectations are the ones the code reports and the focused
 * tests pin down (OversizeKeyTest for the slow-crypto hosts, StalledAnswerTest for the stalled ones).
 */
enum SoakKind {
    HEALTHY_NLA(6, () -> serve(Scenario.healthy()), SoakProbers.Use.NORMAL,
            o -> o.verdict() == Verdict.OK && status(o, Phase.CREDSSP) == PhaseStatus.OK),
    TLS_ONLY(4, () -> serve(Scenario.healthyTlsOnly()), SoakProbers.Use.NORMAL,
            o -> o.verdict() == Verdict.OK && status(o, Phase.TLS_HANDSHAKE) == PhaseStatus.OK && status(o, Phase.CREDSSP) == PhaseStatus.SKIPPED),
    /** Nothing listens on its port. */
    REFUSED(4, null, SoakProbers.Use.NORMAL, o -> failure(o, Phase.TCP_CONNECT) instanceof Failure.Refused),
    NLA_REQUIRED(4, () -> serve(Scenario.refusing(NegotiationRefusal.HYBRID_REQUIRED_BY_SERVER)), SoakProbers.Use.NORMAL,
            o -> failure(o, Phase.X224_NEGOTIATION) instanceof Failure.NegotiationFailed f && f.failure().is(NegotiationFailure.Reason.HYBRID_REQUIRED_BY_SERVER)),
    SILENT(4, () -> serve(Scenario.silentAfterConnectionRequest()), SoakProbers.Use.QUICK,
            o -> status(o, Phase.X224_NEGOTIATION) == PhaseStatus.TIMED_OUT),
    GARBAGE(4, () -> serve(Scenario.replyingWith("SSH-2.0-OpenSSH_9.6\r\n")), SoakProbers.Use.NORMAL,
            o -> failure(o, Phase.X224_NEGOTIATION) instanceof Failure.NotRdp),
    RESET(2, () -> serve(Scenario.resettingOnConnectionRequest()), SoakProbers.Use.NORMAL,
            o -> failure(o, Phase.X224_NEGOTIATION) instanceof Failure.Reset),
    TLS_ALERT(2, () -> serve(Scenario.healthy().withTls(TlsStep.alert(40))), SoakProbers.Use.NORMAL,
            o -> failure(o, Phase.TLS_HANDSHAKE) instanceof Failure.TlsAlert),
    CREDSSP_ERROR(2, () -> serve(Scenario.healthy().withCredSsp(CredSspStep.error(0xC000006DL))), SoakProbers.Use.NORMAL,
            o -> failure(o, Phase.CREDSSP) instanceof Failure.CredSspError),
    CREDSSP_CLOSED(2, () -> serve(Scenario.healthy().withCredSsp(CredSspStep.close())), SoakProbers.Use.NORMAL,
            o -> failure(o, Phase.CREDSSP) instanceof Failure.ClosedByPeer),
    UDP_ANSWERED(4, () -> serve(Scenario.selecting(SecurityProtocol.RDP)).withUdp(FakeUdpResponder.builder().answering()), SoakProbers.Use.UDP,
            o -> o.verdict() == Verdict.OK && status(o, Phase.UDP_TRANSPORT) == PhaseStatus.OK),
    UDP_SILENT(2, () -> serve(Scenario.selecting(SecurityProtocol.RDP)).withUdp(FakeUdpResponder.builder().silent()), SoakProbers.Use.UDP,
            o -> o.verdict() == Verdict.OK && failure(o, Phase.UDP_TRANSPORT) instanceof Failure.UdpNoAnswer),
    /**
     * A slow-crypto host: its certificate has a 16384-bit RSA key (a fresh modulus per server, none matching a
     * private key). The probe refuses the key before any arithmetic with it.
     */
    SLOW_CRYPTO_LEAF(2, () -> serve(Scenario.healthy().withTls(TlsStep.with(TestCertificates.unmatchedRsaKey(SoakKind.OVERSIZE_BITS)))),
            SoakProbers.Use.NORMAL, SoakKind::oversizeLeafRefused),
    /** A slow-crypto host whose chain has an intermediate with a 16384-bit RSA key: the probe leaves that key alone. */
    SLOW_CRYPTO_INTERMEDIATE(2,
            () -> serve(Scenario.healthy().withTls(TlsStep.with(TestCertificates.underUnmatchedRsaIntermediate(SoakKind.OVERSIZE_BITS)))),
            SoakProbers.Use.NORMAL, SoakKind::oversizeIntermediateLeftAlone),
    /** The first 10 bytes of a Connection Confirm, then silence. */
    STALLED_X224(1, () -> serve(Scenario.partialConfirm(SoakKind.X224_STALL_BYTES)), SoakProbers.Use.X224_STALL,
            o -> stalled(o, Phase.X224_NEGOTIATION, SoakKind.X224_STALL_BYTES, DiagnosisCode.X224_STALLED)),
    /** The first 882 bytes of the server's TLS handshake, then silence. */
    STALLED_TLS(1, () -> serve(Scenario.healthy().withTls(TlsStep.stallAfter(SoakKind.TLS_STALL_BYTES))), SoakProbers.Use.TLS_STALL,
            o -> stalled(o, Phase.TLS_HANDSHAKE, SoakKind.TLS_STALL_BYTES, DiagnosisCode.TLS_STALLED)),
    /** The first 12 bytes of the server's CredSSP answer, then silence. */
    STALLED_CREDSSP(1, () -> serve(Scenario.healthy().withCredSsp(CredSspStep.partialChallenge(SoakKind.CREDSSP_STALL_BYTES))),
            SoakProbers.Use.CREDSSP_STALL, o -> stalled(o, Phase.CREDSSP, SoakKind.CREDSSP_STALL_BYTES, DiagnosisCode.CREDSSP_STALLED));

    static final int OVERSIZE_BITS = 16384;
    static final int X224_STALL_BYTES = 10;
    static final int TLS_STALL_BYTES = 882;
    static final int CREDSSP_STALL_BYTES = 12;
    static final String OVERSIZE_KEY = "a " + OVERSIZE_BITS + "-bit RSA key";
    static final String RSA_LIMIT = "RSA keys of at most 8192 bits (rdp-probe's limit)";

    /** How an outcome compares with what its server's behaviour calls for. */
    enum Judgement {
        /** What the server's behaviour calls for. */
        EXPECTED,
        /** A socket could not be had (in the phase that opens one), and the diagnosis says so. */
        OUT_OF_FILE_DESCRIPTORS,
        /** Anything else. */
        MISMATCH
    }

    final int weight;
    private final Supplier<FakeRdpServer> server;
    final SoakProbers.Use prober;
    private final Predicate<ConnectionOutcome> expected;

    SoakKind(int weight, Supplier<FakeRdpServer> server, SoakProbers.Use prober, Predicate<ConnectionOutcome> expected) {
        this.weight = weight;
        this.server = server;
        this.prober = prober;
        this.expected = expected;
    }

    /** A new server that behaves as this kind says; empty for {@link #REFUSED}, which has none. */
    Optional<FakeRdpServer> startServer() {
        return server == null ? Optional.empty() : Optional.of(server.get());
    }

    /** Judges an outcome of a probe of this kind's server. */
    Judgement judge(ConnectionOutcome o) {
        Optional<PhaseResult> noSocket = o.phases().stream().filter(p -> p.failure().orElse(null) instanceof Failure.OutOfFileDescriptors).findFirst();
        if (noSocket.isPresent()) {
            Phase phase = noSocket.get().phase();
            boolean opensSocket = phase == Phase.TCP_CONNECT || phase == Phase.UDP_TRANSPORT;
            return opensSocket && o.diagnosis().code() == DiagnosisCode.OUT_OF_FILE_DESCRIPTORS ? Judgement.OUT_OF_FILE_DESCRIPTORS
                    : Judgement.MISMATCH;
        }
        return expected.test(o) ? Judgement.EXPECTED : Judgement.MISMATCH;
    }

    private static FakeRdpServer serve(Scenario scenario) {
        return FakeRdpServer.start(scenario);
    }

    static PhaseStatus status(ConnectionOutcome o, Phase p) {
        return o.phase(p).status();
    }

    static Failure failure(ConnectionOutcome o, Phase p) {
        return o.phase(p).failure().orElse(null);
    }

    /** The TLS handshake failed at the probe's key-size limit, named as such, never as the server's fault. */
    private static boolean oversizeLeafRefused(ConnectionOutcome o) {
        return o.verdict() == Verdict.FAILED && o.failedPhase().orElse(null) == Phase.TLS_HANDSHAKE
                && failure(o, Phase.TLS_HANDSHAKE) instanceof Failure.ProbeLimitExceeded f
                && f.detail().contains(OVERSIZE_KEY) && f.limit().equals(RSA_LIMIT)
                && o.hasFinding(FindingCode.PROBE_LIMIT_EXCEEDED) && o.diagnosis().code() == DiagnosisCode.PROBE_LIMIT_EXCEEDED;
    }

    /**
     * The probe got through (TLS and CredSSP OK); the intermediate's key is reported as over the limit, once, and
     * the chain's trust is left unjudged rather than called untrusted.
     */
    private static boolean oversizeIntermediateLeftAlone(ConnectionOutcome o) {
        TlsFacts tls = o.server().tls().orElse(null);
        if (o.verdict() != Verdict.OK || status(o, Phase.CREDSSP) != PhaseStatus.OK || tls == null || tls.chain().size() != 3) {
            return false;
        }
        CertificateReport intermediate = tls.chain().get(1);
        return tls.chain().get(0).keyOverProbeLimit().isEmpty() && intermediate.keyBits() == OVERSIZE_BITS
                && (OVERSIZE_KEY + "; the probe accepts " + RSA_LIMIT).equals(intermediate.keyOverProbeLimit().orElse(null))
                && tls.trusted().isEmpty() && !o.hasFinding(FindingCode.CERT_UNTRUSTED)
                && o.findings().stream().filter(f -> f.code() == FindingCode.PROBE_LIMIT_EXCEEDED).count() == 1
                && o.diagnosis().code() == DiagnosisCode.HEALTHY;
    }

    /**
     * The first phase in trouble is {@code phase}, timed out at {@link SoakProbers#STALL_LIMIT} (the phase's own
     * limit), and diagnosed from the facts: a stall ({@code code}) after exactly the {@code bytes} bytes the server
     * sends. The one other answer the code gives is LOCAL_OVERLOAD, exactly when the outcome's finding says the
     * prober's own loop lagged during the phase: then the facts cannot tell a stall from a late read, and fewer bytes
     * (none, even) may have been read by the time the limit expired.
     */
    private static boolean stalled(ConnectionOutcome o, Phase phase, int bytes, DiagnosisCode code) {
        if (o.verdict() != Verdict.TIMED_OUT || o.failedPhase().orElse(null) != phase
                || !(failure(o, phase) instanceof Failure.TimedOut t)
                || t.limitKind() != Failure.TimedOut.LimitKind.PHASE_LIMIT || !t.limit().equals(SoakProbers.STALL_LIMIT)) {
            return false;
        }
        if (o.hasFinding(FindingCode.LOCAL_OVERLOAD)) {
            return o.diagnosis().code() == DiagnosisCode.LOCAL_OVERLOAD && t.bytesSeen() <= bytes;
        }
        return o.diagnosis().code() == code && t.bytesSeen() == bytes;
    }
}
