package dev.rdpprobe.core.diagnosis;

import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Finding;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.ServerFacts;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.TlsVersionSupport;
import dev.rdpprobe.core.outcome.UdpFacts;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.TlsVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Builds {@link ConnectionOutcome}s for diagnosis tests from the outcome records. */
final class OutcomeFixture {

    static final Instant START = Instant.parse("2025-03-14T09:00:00Z");
    static final Target TARGET = Target.of("rds01.example.com");

    private final Map<Phase, PhaseResult> phases = new EnumMap<>(Phase.class);
    private ServerFacts server = ServerFacts.NONE;
    private final List<Finding> findings = new ArrayList<>();
    private Target target = TARGET;

    private OutcomeFixture() {
    }

    /** Every phase OK, with the facts of a Windows server that did HYBRID_EX, TLS 1.2 and CredSSP, and answered UDP. */
    static OutcomeFixture healthy() {
        OutcomeFixture f = new OutcomeFixture();
        long offset = 0;
        for (Phase p : Phase.values()) {
            f.phases.put(p, PhaseResult.ok(p, Duration.ofMillis(offset), Duration.ofMillis(10)));
            offset += 10;
        }
        // with NLA the MCS Connect follows credential delegation: never reached by a probe
        f.phases.put(Phase.MCS_CONNECT, new PhaseResult(Phase.MCS_CONNECT, dev.rdpprobe.core.outcome.PhaseStatus.NOT_REACHED,
                Duration.ZERO, Duration.ZERO, java.util.Optional.empty(), java.util.Optional.of("after NLA")));
        f.phases.put(Phase.CREDSSP_AUTH, PhaseResult.skipped(Phase.CREDSSP_AUTH, ConnectionOutcome.NO_CREDENTIALS));
        f.server = ServerFacts.NONE
                .withNegotiation(negotiation(SecurityProtocolSet.DEFAULT_REQUEST, SecurityProtocolSet.of(SecurityProtocol.HYBRID_EX), null))
                .withTls(tls(certificate(START.minus(Duration.ofDays(100)), START.plus(Duration.ofDays(80)))))
                .withCredssp(CredSspFacts.challenge(6, false, ntlm(Duration.ofSeconds(3))))
                .withUdp(UdpFacts.of(true, 1, Duration.ofMillis(4), 2, 1232, 1232, 64));
        return f;
    }

    /** Phases before {@code phase} OK (with healthy facts), {@code phase} failed, later TCP phases not reached, UDP skipped. */
    static OutcomeFixture failingAt(Phase phase, Failure failure) {
        OutcomeFixture f = healthy();
        boolean after = false;
        for (Phase p : Phase.values()) {
            if (!p.isTcpPath()) {
                continue;
            }
            if (p == phase) {
                f.phases.put(p, PhaseResult.failed(p, Duration.ofMillis(20), Duration.ofMillis(3000), failure));
                after = true;
            } else if (after) {
                f.phases.put(p, PhaseResult.notReached(p));
            }
        }
        f.phases.put(Phase.UDP_TRANSPORT, PhaseResult.skipped(Phase.UDP_TRANSPORT, "UDP off"));
        ServerFacts s = f.server.withUdp(null);
        if (phase.ordinal() <= Phase.TCP_CONNECT.ordinal()) {
            s = s.withNegotiation(null);
        }
        if (phase.ordinal() <= Phase.X224_NEGOTIATION.ordinal()) {
            s = s.withNegotiation(phase == Phase.X224_NEGOTIATION
                    ? negotiation(SecurityProtocolSet.DEFAULT_REQUEST, null, null) : null);
        }
        if (phase.ordinal() <= Phase.TLS_HANDSHAKE.ordinal()) {
            s = s.withTls(null);
        }
        if (phase.ordinal() <= Phase.CREDSSP.ordinal()) {
            s = s.withCredssp(null);
        }
        f.server = s;
        return f;
    }

    /** TCP phases skipped (a UDP-only probe); the UDP phase OK. */
    static OutcomeFixture udpOnly() {
        OutcomeFixture f = healthy();
        for (Phase p : Phase.values()) {
            if (p.isTcpPath() && p != Phase.RESOLVE) {
                f.phases.put(p, PhaseResult.skipped(p, "UDP only"));
            }
        }
        f.server = ServerFacts.NONE.withUdp(UdpFacts.of(true, 1, Duration.ofMillis(4), 2, 1232, 1232, 64));
        return f;
    }

    /** Replaces the UDP phase with a failure (TIMED_OUT for a timeout, else FAILED). */
    OutcomeFixture udpFailed(Failure failure) {
        phases.put(Phase.UDP_TRANSPORT, PhaseResult.failed(Phase.UDP_TRANSPORT, Duration.ZERO, Duration.ofMillis(9000), failure));
        server = server.withUdp(UdpFacts.unanswered(failure instanceof Failure.UdpNoAnswer n ? n.attempts() : 1));
        return this;
    }

    OutcomeFixture udpSkipped() {
        phases.put(Phase.UDP_TRANSPORT, PhaseResult.skipped(Phase.UDP_TRANSPORT, "off"));
        server = server.withUdp(null);
        return this;
    }

    /** Replaces one phase's result. */
    OutcomeFixture phase(PhaseResult result) {
        phases.put(result.phase(), result);
        return this;
    }

    OutcomeFixture finding(FindingCode code, String message) {
        findings.add(Finding.of(code, message));
        return this;
    }

    OutcomeFixture server(UnaryOperator<ServerFacts> change) {
        server = change.apply(server);
        return this;
    }

    OutcomeFixture target(Target value) {
        target = value;
        return this;
    }

    ConnectionOutcome build() {
        return new ConnectionOutcome(target, START, Duration.ofMillis(123), List.copyOf(phases.values()), server, findings, null);
    }

    static NegotiationFacts negotiation(SecurityProtocolSet requested, SecurityProtocolSet selected, NegotiationFailure failure) {
        return new NegotiationFacts(requested, Optional.ofNullable(selected), 0, List.of(), false, Optional.ofNullable(failure));
    }

    static TlsFacts tls(CertificateReport leaf) {
        return TlsFacts.handshake(TlsVersion.TLS_1_2, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "jdk", List.of(leaf), false, "self-signed");
    }

    static TlsFacts tlsWithVersions(List<TlsVersionSupport> versions) {
        return TlsFacts.failedHandshake("bouncycastle").withVersions(versions);
    }

    static CertificateReport certificate(Instant notBefore, Instant notAfter) {
        boolean expired = notAfter.isBefore(START);
        boolean notYet = notBefore.isAfter(START);
        return new CertificateReport("CN=rds01.example.com", "CN=rds01.example.com", List.of(), "01", notBefore, notAfter,
                expired, notYet, Duration.between(START, notAfter).toDays(), true, Optional.of(true), "RSA", 2048, "SHA256WITHRSA",
                false, false, List.of("keyEncipherment"), List.of("serverAuth"), true, "AB", "CD");
    }

    /** A leaf of which only the bytes are known. */
    static CertificateReport unparseableLeaf() {
        return CertificateReport.unparseable("AB", "CD", 412, "not an X.509 certificate: corrupted stream");
    }

    static NtlmServerInfo ntlm(Duration skew) {
        return new NtlmServerInfo("EXAMPLE", "RDS01", "EXAMPLE", "rds01.example.com", "example.com", "example.com",
                "10.0.17763", 17763, "Windows Server 2019 / Windows 10 1809", START.plus(skew), skew, 0xE28A8215L);
    }
}
