package dev.rdpprobe.testkit;

import java.util.Optional;
import dev.rdpprobe.core.outcome.WindowsErrorConfidence;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.outcome.SubjectAltName;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.Diagnosis;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.WindowsError;
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
import dev.rdpprobe.core.outcome.SecurityLayerSupport;
import dev.rdpprobe.core.outcome.ServerFacts;
import dev.rdpprobe.core.outcome.EncryptionLevel;
import dev.rdpprobe.core.outcome.EncryptionMethod;
import dev.rdpprobe.core.outcome.EncryptionMethodSupport;
import dev.rdpprobe.core.outcome.McsFacts;
import dev.rdpprobe.core.outcome.RdpServerCertificate;
import dev.rdpprobe.core.outcome.RdpVersion;
import dev.rdpprobe.core.outcome.Severity;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.TlsVersionSupport;
import dev.rdpprobe.core.outcome.UdpFacts;
import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Outcomes built by hand, with every value fixed: for golden tests of code that renders, stores or reads
 * outcomes (the JSON module's and the CLI's golden files are made of them). Every address is a documentation
 * or loopback literal; nothing here touches the network.
 */
public final class SampleOutcomes {

    /** When every sample probe started. */
    public static final Instant STARTED = Instant.parse("2026-03-01T09:30:00Z");

    private SampleOutcomes() {
    }

    /** A duration of {@code millis} milliseconds (to the nanosecond). */
    public static Duration ms(double millis) {
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A probe that got through every phase and learned everything: TLS with an expired self-signed
     * certificate, NTLM facts, UDP, both enumerations; findings and a diagnosis with a Windows pair.
     */
    public static ConnectionOutcome everything() {
        List<PhaseResult> phases = List.of(
                PhaseResult.ok(Phase.RESOLVE, Duration.ZERO, ms(2.5)),
                PhaseResult.ok(Phase.TCP_CONNECT, ms(2.5), ms(10)),
                PhaseResult.ok(Phase.X224_NEGOTIATION, ms(12.5), ms(7.5)),
                PhaseResult.ok(Phase.TLS_HANDSHAKE, ms(20), ms(40)),
                PhaseResult.ok(Phase.CREDSSP, ms(60), ms(20)),
                PhaseResult.ok(Phase.MCS_CONNECT, ms(80), ms(0.25)),
                PhaseResult.ok(Phase.UDP_TRANSPORT, ms(12.5), ms(5)));
        CertificateReport leaf = new CertificateReport(
                "CN=rds01.example.com", "CN=rds01.example.com", List.of(SubjectAltName.dns("rds01.example.com")), "1A2B3C",
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"),
                true, false, -59, true, Optional.of(true), "RSA", 2048, "SHA256WITHRSA", false, false,
                List.of("keyEncipherment", "dataEncipherment"), List.of("serverAuth"), true,
                "0123456789ABCDEF0123456789ABCDEF01234567",
                "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF");
        TlsFacts tls = TlsFacts.handshake(TlsVersion.TLS_1_2, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "jdk", List.of(leaf),
                Boolean.FALSE, "self-signed certificate not in the trust store")
                .withVersions(List.of(TlsVersionSupport.refused(TlsVersion.TLS_1_0, "protocol_version alert"),
                        new TlsVersionSupport(TlsVersion.TLS_1_2, true, Optional.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
                                Optional.empty())));
        NtlmServerInfo ntlm = new NtlmServerInfo("EXAMPLE", "RDS01", "EXAMPLE", "rds01.example.com", "example.com",
                "example.com", "10.0.17763", 17763, "Windows Server 2019 / Windows 10 1809",
                Instant.parse("2026-03-01T09:30:03Z"), Duration.ofSeconds(3), 0xE2898215L);
        CredSspFacts credssp = CredSspFacts.challenge(6, true, ntlm);
        UdpFacts udp = UdpFacts.of(true, 1, ms(1.25), 0x101, 1232, 1232, 64);
        NegotiationFacts negotiation = NegotiationFacts.selected(SecurityProtocolSet.DEFAULT_REQUEST,
                SecurityProtocolSet.of(SecurityProtocol.HYBRID_EX), 0x1F,
                List.of("EXTENDED_CLIENT_DATA_SUPPORTED", "DYNVC_GFX_PROTOCOL_SUPPORTED"));
        ServerFacts server = ServerFacts.NONE.withAddresses(List.of(ip("127.0.2.10"), ip("2001:db8::10")))
                .withConnectedAddress(new InetSocketAddress(ip("127.0.2.10"), 3389))
                .withNegotiation(negotiation).withTls(tls).withCredssp(credssp).withUdp(udp)
                .withSecurityLayers(List.of(
                        new SecurityLayerSupport(SecurityProtocol.RDP, false, Optional.empty(),
                                Optional.of(NegotiationFailure.of(NegotiationFailure.Reason.SSL_REQUIRED_BY_SERVER)), Optional.empty()),
                        new SecurityLayerSupport(SecurityProtocol.HYBRID, true, Optional.of(SecurityProtocolSet.of(SecurityProtocol.HYBRID)),
                                Optional.empty(), Optional.empty())),
                        Boolean.TRUE)
                .withMcs(new McsFacts(0, "rt-successful", true, 0x1B, Optional.of(new RdpVersion(0x0008000CL)),
                        Optional.of(SecurityProtocolSet.DEFAULT_REQUEST), Optional.of(0x1L), Optional.of(0x2L), Optional.of(3L), 32,
                        Optional.of(new RdpServerCertificate(RdpServerCertificate.Kind.PROPRIETARY, false, Optional.of(2048),
                                Optional.of(65537L), 0, 0)),
                        Optional.of(1003), List.of(), Optional.of(1004), Optional.of(0x305L), List.of("0x0C99 (6 bytes)")))
                .withEncryptionMethods(List.of(
                        new EncryptionMethodSupport(EncryptionMethod.RC4_40BIT, false, Optional.empty(),
                                "the server ended the connection: MCS Disconnect Provider Ultimatum (rn-provider-initiated)"),
                        new EncryptionMethodSupport(EncryptionMethod.RC4_128BIT, true, Optional.of(EncryptionLevel.HIGH),
                                "the server chose 128-bit RC4")));
        List<Finding> findings = List.of(
                Finding.of(FindingCode.CERT_EXPIRED, "the certificate expired on 2026-01-01 (59 days ago)"),
                new Finding(FindingCode.CERT_SELF_SIGNED, Severity.INFO, "the certificate is self-signed"));
        Diagnosis diagnosis = new Diagnosis(DiagnosisCode.CERT_EXPIRED,
                "The server's RDP certificate has expired.",
                Optional.of(new WindowsError(0x907, 0x0, WindowsErrorConfidence.LIKELY)),
                List.of("Renew the certificate in certlm.msc -> Remote Desktop -> Certificates and restart TermService.",
                        "Check the server's clock."));
        return new ConnectionOutcome(Target.of("rds01.example.com"), STARTED, ms(80.25), phases, server, findings, diagnosis);
    }

    /** A probe whose X.224 phase timed out against a silent listener. */
    public static ConnectionOutcome silent() {
        List<PhaseResult> phases = List.of(
                PhaseResult.skipped(Phase.RESOLVE, "IP literal; nothing to resolve"),
                PhaseResult.ok(Phase.TCP_CONNECT, Duration.ZERO, ms(0.5)),
                PhaseResult.failed(Phase.X224_NEGOTIATION, ms(0.5), Duration.ofMillis(1000),
                        new Failure.TimedOut(Duration.ofMillis(1000), 0, "X.224 Connection Confirm")),
                PhaseResult.notReached(Phase.TLS_HANDSHAKE),
                PhaseResult.notReached(Phase.CREDSSP),
                PhaseResult.notReached(Phase.MCS_CONNECT),
                PhaseResult.skipped(Phase.UDP_TRANSPORT, "UDP probe switched off"));
        ServerFacts server = ServerFacts.NONE.withAddresses(List.of(ip("2001:db8::5")))
                .withConnectedAddress(new InetSocketAddress(ip("2001:db8::5"), 3390));
        Diagnosis diagnosis = new Diagnosis(DiagnosisCode.X224_SILENT,
                "TCP connected, but nothing answered the X.224 Connection Request.",
                Optional.empty(), List.of("Restart the Remote Desktop Services (TermService) service."));
        return new ConnectionOutcome(Target.parse("[2001:db8::5]:3390"), STARTED, ms(1000.75), phases, server, List.of(), diagnosis);
    }

    /** A probe refused at TCP_CONNECT, with no diagnosis. */
    public static ConnectionOutcome refusedWithoutDiagnosis() {
        List<PhaseResult> phases = List.of(
                PhaseResult.skipped(Phase.RESOLVE, "IP literal; nothing to resolve"),
                PhaseResult.failed(Phase.TCP_CONNECT, Duration.ZERO, ms(0.25), new Failure.Refused()),
                PhaseResult.notReached(Phase.X224_NEGOTIATION),
                PhaseResult.notReached(Phase.TLS_HANDSHAKE),
                PhaseResult.notReached(Phase.CREDSSP),
                PhaseResult.notReached(Phase.MCS_CONNECT),
                PhaseResult.skipped(Phase.UDP_TRANSPORT, "UDP probe switched off"));
        return new ConnectionOutcome(Target.of("127.0.0.1", 1), STARTED, ms(0.25), phases, ServerFacts.NONE, List.of(), null);
    }

    /** An outcome whose only phase of note is {@code udp} (every TCP phase skipped: a UDP-only probe). */
    public static ConnectionOutcome udpOnly(PhaseResult udp) {
        List<PhaseResult> phases = List.of(
                PhaseResult.skipped(Phase.RESOLVE, "UDP only"),
                PhaseResult.skipped(Phase.TCP_CONNECT, "UDP only"),
                PhaseResult.skipped(Phase.X224_NEGOTIATION, "UDP only"),
                PhaseResult.skipped(Phase.TLS_HANDSHAKE, "UDP only"),
                PhaseResult.skipped(Phase.CREDSSP, "UDP only"),
                PhaseResult.skipped(Phase.MCS_CONNECT, "UDP only"),
                udp);
        return new ConnectionOutcome(Target.of("127.0.0.1"), STARTED, ms(10), phases, ServerFacts.NONE, List.of(), null);
    }

    /** An outcome of {@link #silent()}'s shape with the given X.224 result. */
    public static ConnectionOutcome withX224(PhaseResult x224) {
        List<PhaseResult> phases = List.of(
                PhaseResult.skipped(Phase.RESOLVE, "IP literal; nothing to resolve"),
                PhaseResult.ok(Phase.TCP_CONNECT, Duration.ZERO, ms(0.5)),
                x224,
                PhaseResult.notReached(Phase.TLS_HANDSHAKE),
                PhaseResult.notReached(Phase.CREDSSP),
                PhaseResult.notReached(Phase.MCS_CONNECT),
                PhaseResult.skipped(Phase.UDP_TRANSPORT, "UDP probe switched off"));
        return new ConnectionOutcome(Target.of("127.0.0.1"), STARTED, ms(10), phases, ServerFacts.NONE, List.of(), null);
    }
}
