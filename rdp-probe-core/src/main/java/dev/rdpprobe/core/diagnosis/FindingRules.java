package dev.rdpprobe.core.diagnosis;

import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.EncryptionMethod;
import dev.rdpprobe.core.outcome.EncryptionMethodSupport;
import dev.rdpprobe.core.outcome.CredentialCheck;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.McsFacts;
import dev.rdpprobe.core.outcome.Finding;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.SecurityLayerSupport;
import dev.rdpprobe.core.outcome.ServerFacts;
import dev.rdpprobe.core.outcome.SubjectAltName;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.outcome.TlsVersionSupport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Derives findings from what a probe saw: one pure function over the phase results and the server
 * facts, so every finding has exactly one rule, here.
 */
public final class FindingRules {

    private FindingRules() {
    }

    /**
     * All findings, in a stable order.
     *
     * @param phases one result per phase, in {@link Phase} order
     * @param facts what the server revealed
     */
    public static List<Finding> derive(List<PhaseResult> phases, ServerFacts facts) {
        List<Finding> out = new ArrayList<>();
        overloadFindings(phases, out);
        addressFindings(facts, out);
        facts.negotiation().ifPresent(n -> negotiationFindings(n, out));
        facts.tls().ifPresent(tls -> {
            certificateFindings(tls, out);
            tlsVersionFindings(tls, out);
        });
        facts.credssp().ifPresent(c -> credsspFindings(c, out));
        securityLayerFindings(facts, out);
        mcsFindings(facts, out);
        udpFindings(phases, facts, out);
        facts.tls().ifPresent(tls -> chainFindings(tls, out));
        probeLimitFindings(phases, out);
        facts.credentialCheck().ifPresent(c -> credentialFindings(c, out));
        return out;
    }

    private static void credentialFindings(CredentialCheck check, List<Finding> out) {
        switch (check.verdict()) {
            case PUBKEYAUTH_WRONG, PUBKEYAUTH_MISSING -> out.add(Finding.of(FindingCode.TLS_TERMINATED_IN_BETWEEN,
                    "the credential check's pubKeyAuth proof failed (" + check.detail()
                            + "): the TLS connection may end at something in between, not at the server"));
            case NOT_CHECKED_NO_NLA -> out.add(Finding.of(FindingCode.CREDENTIALS_NOT_CHECKED_NO_NLA,
                    "the server has no NLA: credentials would be typed into its logon screen, and no tool can check them beforehand"));
            default -> {
            }
        }
    }

    private static void overloadFindings(List<PhaseResult> phases, List<Finding> out) {
        for (PhaseResult p : phases) {
            if (p.failure().orElse(null) instanceof Failure.TimedOut t && DiagnosisLimits.proberLagged(t)) {
                out.add(Finding.of(FindingCode.LOCAL_OVERLOAD, "local event loop lagged " + t.localLag().toMillis()
                        + " ms during " + p.phase() + " (limit " + t.limitText() + "); timing and timeouts may be the prober's, not the server's"));
            }
        }
    }

    private static void addressFindings(ServerFacts facts, List<Finding> out) {
        List<InetAddress> addresses = facts.addresses();
        if (addresses.size() > 1 && facts.connectedAddress().isPresent()) {
            out.add(Finding.of(FindingCode.MULTIPLE_ADDRESSES, "the name resolved to " + addresses.size() + " addresses ("
                    + addresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "))
                    + "); only " + facts.connectedAddress().get().getAddress().getHostAddress() + " was probed"));
        }
    }

    private static void negotiationFindings(NegotiationFacts n, List<Finding> out) {
        if (n.legacyConfirm()) {
            out.add(Finding.of(FindingCode.LEGACY_NEGOTIATION,
                    "the Connection Confirm carried no negotiation data: a legacy server that offers only Standard RDP Security"));
        }
        SecurityProtocolSet selected = n.selectedValue().orElse(null);
        if (selected == null) {
            return;
        }
        if (!n.legacyConfirm() && selected.contains(SecurityProtocol.RDP) && !n.requested().contains(SecurityProtocol.RDP)) {
            out.add(Finding.of(FindingCode.STANDARD_RDP_SECURITY_SELECTED, "asked for " + n.requested()
                    + ", the server selected Standard RDP Security (RC4, no TLS, no NLA)"));
        }
        if (selected.contains(SecurityProtocol.SSL) && !selected.requiresCredSsp() && n.requested().contains(SecurityProtocol.HYBRID)) {
            out.add(Finding.of(FindingCode.NLA_NOT_REQUIRED, "offered NLA (HYBRID), the server selected plain TLS: it does not require Network Level Authentication"));
        }
    }

    private static void certificateFindings(TlsFacts tls, List<Finding> out) {
        CertificateReport leaf = tls.leaf().orElse(null);
        if (leaf == null) {
            return;
        }
        if (leaf.expired()) {
            out.add(Finding.of(FindingCode.CERT_EXPIRED, "the server certificate (" + known(leaf.subject()) + ") expired on "
                    + known(leaf.notAfter()) + ", " + (-leaf.daysLeft()) + " days ago"));
        }
        if (leaf.notYetValid()) {
            out.add(Finding.of(FindingCode.CERT_NOT_YET_VALID, "the server certificate (" + known(leaf.subject())
                    + ") is valid only from " + known(leaf.notBefore()) + "; check both clocks"));
        }
        if (leaf.selfSigned()) {
            out.add(Finding.of(FindingCode.CERT_SELF_SIGNED, "the server certificate is self-signed (" + known(leaf.subject())
                    + "); clients warn unless its thumbprint " + leaf.sha1Thumbprint() + " is trusted"));
        }
        if (leaf.hostnameMatches().equals(Optional.of(false))) {
            out.add(Finding.of(FindingCode.CERT_NAME_MISMATCH, "the certificate names " + names(leaf)
                    + ", not the host name the client used"));
        }
        if (leaf.weakKey()) {
            out.add(Finding.of(FindingCode.CERT_WEAK_KEY, "the certificate key is " + known(leaf.keyType()) + " " + leaf.keyBits() + " bits"));
        }
        if (leaf.weakSignature()) {
            out.add(Finding.of(FindingCode.CERT_WEAK_SIGNATURE, "the certificate is signed with " + known(leaf.signatureAlgorithm())));
        }
        if (!leaf.serverAuthentication() && leaf.parseError().isEmpty()) {
            out.add(Finding.of(FindingCode.CERT_NO_SERVER_AUTH_EKU, "the certificate's extended key usage " + leaf.extendedKeyUsage()
                    + " allows neither Server Authentication nor Remote Desktop Authentication"));
        }
        if (tls.trusted().equals(Optional.of(false))) {
            out.add(Finding.of(FindingCode.CERT_UNTRUSTED, "the chain is not trusted"
                    + tls.trustDetail().map(d -> ": " + d).orElse("")));
        }
    }

    /** Certificates of the chain that did not parse, or whose keys the probe left alone. */
    private static void chainFindings(TlsFacts tls, List<Finding> out) {
        List<CertificateReport> chain = tls.chain();
        for (int i = 0; i < chain.size(); i++) {
            CertificateReport c = chain.get(i);
            String which = (i == 0 ? "the server certificate" : "certificate #" + (i + 1) + " of the chain")
                    + c.subject().map(s -> " (" + s + ")").orElse("");
            if (c.parseError().isPresent()) {
                out.add(Finding.of(FindingCode.CERT_UNPARSEABLE, which + " could not be parsed: " + c.parseError().get() + " ("
                        + c.derLength() + " bytes, SHA-256 " + c.sha256Thumbprint() + "); clients are likely to refuse it"));
            }
            if (c.keyOverProbeLimit().isPresent()) {
                out.add(Finding.of(FindingCode.PROBE_LIMIT_EXCEEDED, which + " has " + c.keyOverProbeLimit().get()
                        + "; the probe did no arithmetic with that key, so the signatures it makes were not checked"));
            }
        }
    }

    /** A phase that stopped at one of the probe's own limits. */
    private static void probeLimitFindings(List<PhaseResult> phases, List<Finding> out) {
        for (PhaseResult p : phases) {
            if (p.failure().orElse(null) instanceof Failure.ProbeLimitExceeded limit) {
                out.add(Finding.of(FindingCode.PROBE_LIMIT_EXCEEDED, p.phase() + " stopped at a limit of the probe: "
                        + limit.detail() + "; the probe accepts " + limit.limit()));
            }
        }
    }

    private static String names(CertificateReport leaf) {
        return leaf.subjectAlternativeNames().isEmpty() ? known(leaf.subject())
                : leaf.subjectAlternativeNames().stream().map(SubjectAltName::toString).collect(Collectors.joining(", "));
    }

    /** A fact of the certificate as text, "null" when it could not be read (as these messages always said). */
    private static String known(Optional<?> value) {
        return value.map(String::valueOf).orElse("null");
    }

    private static void tlsVersionFindings(TlsFacts tls, List<Finding> out) {
        List<TlsVersionSupport> versions = tls.versions().orElse(null);
        if (versions != null) {
            List<TlsVersion> accepted = versions.stream().filter(TlsVersionSupport::accepted).map(TlsVersionSupport::version).toList();
            boolean modern = accepted.stream().anyMatch(v -> !v.isLegacy());
            List<TlsVersion> legacy = accepted.stream().filter(TlsVersion::isLegacy).toList();
            if (!accepted.isEmpty() && !modern) {
                out.add(Finding.of(FindingCode.TLS_LEGACY_ONLY, "the server accepts only " + accepted
                        + "; current clients and JDKs refuse these versions"));
            } else if (!legacy.isEmpty()) {
                out.add(Finding.of(FindingCode.TLS_LEGACY_ENABLED, "the server still accepts " + legacy));
            }
        } else if (tls.protocolVersion().filter(TlsVersion::isLegacy).isPresent()) {
            out.add(Finding.of(FindingCode.TLS_LEGACY_ONLY, "offered up to TLS 1.3, the server chose " + tls.protocolVersion().get()
                    + ": it speaks nothing newer"));
        }
    }

    private static void credsspFindings(CredSspFacts credssp, List<Finding> out) {
        if (!DiagnosisLimits.clockSkewBeyondLimit(credssp)) {
            return;
        }
        NtlmServerInfo ntlm = credssp.ntlm().orElseThrow();
        Duration skew = ntlm.clockSkew();
        out.add(Finding.of(FindingCode.CLOCK_SKEW, "the server's clock is " + human(skew)
                + (skew.isNegative() ? " behind" : " ahead of") + " ours (server time " + ntlm.serverTime()
                + "); NLA and Kerberos fail beyond " + DiagnosisLimits.maxClockSkewText()));
    }

    /** The size of {@code d} in days and hours, hours and minutes, or minutes and seconds. */
    private static String human(Duration d) {
        long s = d.isNegative() ? -(d.getSeconds() + (d.getNano() > 0 ? 1 : 0)) : d.getSeconds();
        if (s < 0) {
            s = Long.MAX_VALUE; // only -Long.MIN_VALUE wraps
        }
        if (s >= 86400) {
            return (s / 86400) + " d " + (s % 86400 / 3600) + " h";
        }
        if (s >= 3600) {
            return (s / 3600) + " h " + (s % 3600 / 60) + " min";
        }
        return (s / 60) + " min " + (s % 60) + " s";
    }

    private static void securityLayerFindings(ServerFacts facts, List<Finding> out) {
        List<SecurityLayerSupport> layers = facts.securityLayers().orElse(null);
        if (layers == null) {
            return;
        }
        List<SecurityProtocol> withoutNla = layers.stream()
                .filter(l -> l.accepted() && (l.protocol() == SecurityProtocol.RDP || l.protocol() == SecurityProtocol.SSL
                        || l.protocol() == SecurityProtocol.RDSTLS))
                .map(SecurityLayerSupport::protocol).toList();
        if (!withoutNla.isEmpty() && out.stream().noneMatch(f -> f.code() == FindingCode.NLA_NOT_REQUIRED)) {
            out.add(Finding.of(FindingCode.NLA_NOT_REQUIRED, "the server accepts " + withoutNla + " without Network Level Authentication"));
        }
        if (withoutNla.contains(SecurityProtocol.RDP)) {
            out.add(Finding.of(FindingCode.STANDARD_RDP_SECURITY_ALLOWED,
                    "the server accepts Standard RDP Security (RC4, no TLS) when a client asks for it alone"));
        }
        boolean nla = layers.stream().anyMatch(l -> l.accepted() && l.protocol().requiresCredSsp());
        boolean tls = layers.stream().anyMatch(l -> l.accepted() && l.protocol() == SecurityProtocol.SSL);
        boolean nlaAsked = layers.stream().anyMatch(l -> l.protocol().requiresCredSsp());
        boolean nlaClearlyRefused = layers.stream().filter(l -> l.protocol().requiresCredSsp())
                .allMatch(l -> !l.accepted() && (l.failure().isPresent() || l.selected().isPresent()));
        if (nlaAsked && nlaClearlyRefused) {
            out.add(Finding.of(FindingCode.NLA_NOT_SUPPORTED, "the server accepts neither HYBRID nor HYBRID_EX: "
                    + "it cannot do Network Level Authentication, so anyone reaches its logon screen"));
        }
        if (withoutNla.contains(SecurityProtocol.RDP) && (tls || nla)) {
            out.add(Finding.of(FindingCode.TLS_NOT_REQUIRED, "the server accepts " + (nla ? "NLA" : "TLS")
                    + " but does not require it: a man in the middle can downgrade a client to Standard RDP Security"));
        }
        if (withoutNla.contains(SecurityProtocol.RDP) && !tls && !nla && nlaClearlyRefused) {
            out.add(Finding.of(FindingCode.ONLY_STANDARD_RDP_SECURITY, "the server accepts only Standard RDP Security: "
                    + "the server is never authenticated, so a man in the middle can read the session"));
        }
    }

    /** Findings from the MCS Connect Response of the main run and from the encryption-method enumeration. */
    private static void mcsFindings(ServerFacts facts, List<Finding> out) {
        List<EncryptionMethodSupport> methods = facts.encryptionMethods().orElse(List.of());
        McsFacts mcs = facts.mcs().filter(m -> !m.insideTls() && m.successful()).orElse(null);
        List<String> weak = new ArrayList<>();
        boolean none = false;
        boolean fips = false;
        boolean nonFips = false;
        for (EncryptionMethodSupport m : methods) {
            if (!m.accepted()) {
                continue;
            }
            if (m.method().isWeak()) {
                weak.add(m.method().label());
            }
            none |= m.method() == EncryptionMethod.NONE;
            fips |= m.method() == EncryptionMethod.FIPS;
            nonFips |= m.method() != EncryptionMethod.FIPS;
        }
        Optional<EncryptionMethod> chosen = mcs == null ? Optional.empty() : mcs.encryptionMethod();
        if (chosen.filter(EncryptionMethod::isWeak).isPresent() && !weak.contains(chosen.get().label())) {
            weak.add(chosen.get().label());
        }
        none |= chosen.equals(Optional.of(EncryptionMethod.NONE));
        if (!weak.isEmpty()) {
            out.add(Finding.of(FindingCode.WEAK_RDP_ENCRYPTION, "the server accepts " + String.join(" and ", weak)
                    + " under Standard RDP Security"));
        }
        if (none) {
            out.add(Finding.of(FindingCode.NULL_RDP_ENCRYPTION,
                    "the server accepts Standard RDP Security without encryption (encryption level NONE)"));
        }
        if (fips && nonFips) {
            out.add(Finding.of(FindingCode.FIPS_NOT_REQUIRED, "the server accepts FIPS encryption but also weaker methods"));
        }
        Optional<Integer> keyBits = mcs == null ? Optional.empty() : mcs.rsaKeyBits();
        if (keyBits.isPresent() && keyBits.get() < 2048) {
            out.add(Finding.of(FindingCode.RDP_KEY_WEAK, "the server's Standard RDP Security key (proprietary certificate) "
                    + "has " + keyBits.get() + " bits, below 2048"));
        }
    }

    private static void udpFindings(List<PhaseResult> phases, ServerFacts facts, List<Finding> out) {
        PhaseResult udp = phases.get(Phase.UDP_TRANSPORT.ordinal());
        PhaseResult x224 = phases.get(Phase.X224_NEGOTIATION.ordinal());
        Failure udpFailure = udp.failure().orElse(null);
        McsFacts mcs = facts.mcs().filter(McsFacts::successful).orElse(null);
        if (mcs != null && !mcs.offersUdp()) {
            out.add(Finding.of(FindingCode.UDP_NOT_OFFERED, "the MCS Connect Response offers no UDP multitransport"
                    + (mcs.multitransportFlags().isEmpty() ? " (no TS_UD_SC_MULTITRANSPORT block)" : "")
                    + ": clients stay on TCP by the server's choice" + (udpFailure instanceof Failure.UdpNoAnswer
                    ? ", so the UDP probe's silence is not a blocked path" : "")));
            if (udpFailure instanceof Failure.UdpPortClosed) {
                out.add(Finding.of(FindingCode.UDP_CLOSED, "the UDP port is closed (ICMP port unreachable): RDP's UDP transport is off on this host, clients use TCP only"));
            }
            return;
        }
        if (mcs != null && udpFailure instanceof Failure.UdpNoAnswer none) {
            out.add(Finding.of(FindingCode.UDP_OFFERED_BUT_BLOCKED, "the MCS Connect Response offers UDP ("
                    + String.join(", ", mcs.multitransportFlagNames()) + "), but " + none.attempts()
                    + " RDPEUDP SYNs got no answer: something on the way drops UDP, so clients fall back to TCP after a delay"));
        }
        if (udpFailure instanceof Failure.UdpNoAnswer none && x224.status() == PhaseStatus.OK) {
            out.add(Finding.of(FindingCode.UDP_BLOCKED, "TCP reached the RDP service, but " + none.attempts()
                    + " RDPEUDP SYNs to the same UDP port got no answer: something drops UDP (VPN, router, firewall), or the UDP listener is off"));
        } else if (udpFailure instanceof Failure.UdpPortClosed) {
            out.add(Finding.of(FindingCode.UDP_CLOSED, "the UDP port is closed (ICMP port unreachable): RDP's UDP transport is off on this host, clients use TCP only"));
        }
    }
}
