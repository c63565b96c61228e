package dev.rdpprobe.core.diagnosis;

import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Finding;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.outcome.TlsVersionSupport;
import dev.rdpprobe.core.outcome.UdpFacts;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The facts of an outcome as the named variables that the templates of {@code diagnoses.txt} use.
 * Every variable always has a value: where the outcome lacks the fact, the value says so in words.
 */
final class OutcomeFacts {

    /** Every variable a template may use. */
    static final Set<String> VARIABLES = Set.of(
            "target", "host", "port", "phase", "elapsed", "failure", "limit", "waitingFor", "bytes",
            "dnsReason", "unreachable", "negCode", "negName", "negMeaning", "requested", "selected",
            "foreign", "preview", "tlsAlert", "tlsOffered", "tlsDetail", "tlsVersion", "ntstatus",
            "certSubject", "certNotAfter", "certNotBefore", "certDays", "skew", "udpAttempts",
            "udpWaited", "udp", "tcp", "path", "findings", "localDetail", "limitText", "quietFor", "lag",
            "certProblem", "probeLimit", "account", "credentialDetail", "certSha256");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final ConnectionOutcome outcome;
    private final Phase phase;
    private final Failure failure;
    private final NegotiationFacts neg;
    private final TlsFacts tls;
    private final CredSspFacts credssp;
    private final UdpFacts udp;
    private final int port;

    private OutcomeFacts(ConnectionOutcome outcome, Phase phase, Failure failure) {
        this.outcome = outcome;
        this.phase = phase;
        this.failure = failure;
        this.neg = outcome.server().negotiation().orElse(null);
        this.tls = outcome.server().tls().orElse(null);
        this.credssp = outcome.server().credssp().orElse(null);
        this.udp = outcome.server().udp().orElse(null);
        this.port = outcome.target().port();
    }

    /**
     * Every variable for one outcome.
     *
     * @param outcome the outcome
     * @param phase the phase the diagnosis rests on, or {@code null}
     * @param failure that phase's failure, or {@code null}
     */
    static Map<String, String> of(ConnectionOutcome outcome, Phase phase, Failure failure) {
        return of(outcome, phase, failure, VARIABLES);
    }

    /**
     * The variables named in {@code needed} (those a table entry's templates use): each is computed
     * only when asked for, since a probe's diagnosis fills one entry of many.
     */
    static Map<String, String> of(ConnectionOutcome outcome, Phase phase, Failure failure, Set<String> needed) {
        OutcomeFacts facts = new OutcomeFacts(outcome, phase, failure);
        Map<String, String> v = new HashMap<>(needed.size() * 2);
        for (String name : needed) {
            v.put(name, facts.valueOrUnknown(name));
        }
        return v;
    }

    /**
     * The variable's value; should computing it fail on a value nobody foresaw (a bug), the words
     * "unknown (…)" instead, so that no fact of an outcome can make its diagnosis throw.
     */
    private String valueOrUnknown(String name) {
        if (!VARIABLES.contains(name)) {
            throw new IllegalArgumentException("no template variable {" + name + "}");
        }
        try {
            return value(name);
        } catch (RuntimeException e) {
            return "unknown (" + e.getClass().getSimpleName() + " while reading the " + name + " fact)";
        }
    }

    private String value(String name) {
        switch (name) {
            case "target": return outcome.target().toString();
            case "host": return outcome.target().host();
            case "port": return Integer.toString(port);
            case "phase": return phase == null ? "no phase" : phase.name();
            case "elapsed": return elapsed();
            case "failure": return failureMessage();
            case "limit":
                if (failure instanceof Failure.LocalWorkTimedOut w) {
                    return Long.toString(w.limit().toMillis());
                }
                return failure instanceof Failure.TimedOut t ? Long.toString(t.limit().toMillis()) : elapsed();
            case "limitText":
                if (failure instanceof Failure.LocalWorkTimedOut w) {
                    return w.limit().toMillis() + " ms";
                }
                return failure instanceof Failure.TimedOut t ? t.limitText() : elapsed() + " ms";
            case "quietFor":
                return failure instanceof Failure.TimedOut t && t.quietFor() != null ? t.quietFor().toMillis() + " ms" : "the rest of the phase";
            case "lag": return failure instanceof Failure.TimedOut t ? t.localLag().toMillis() + " ms" : "an unmeasured time";
            case "waitingFor": return failure instanceof Failure.TimedOut t ? t.waitingFor() : "an answer";
            case "bytes": return Long.toString(bytes());
            case "dnsReason": return failure instanceof Failure.DnsFailed d ? d.reason() : failureMessage();
            case "unreachable": return failure instanceof Failure.Unreachable u ? u.detail() : failureMessage();
            case "localDetail": return localDetail();
            case "negCode": {
                NegotiationFailure code = negotiationCode();
                return code == null ? "none" : Integer.toString(code.code());
            }
            case "negName": {
                NegotiationFailure code = negotiationCode();
                return code == null ? "none" : code.name();
            }
            case "negMeaning": {
                NegotiationFailure code = negotiationCode();
                return code == null ? "no failure code" : code.meaning();
            }
            case "requested":
                return failure instanceof Failure.ProtocolMismatch m ? m.requested().toString()
                        : neg != null ? String.join(", ", neg.requested().names()) : "the requested protocols";
            case "selected":
                return failure instanceof Failure.ProtocolMismatch m ? m.selected().toString()
                        : neg != null && neg.selectedValue().isPresent() ? String.join(", ", neg.selectedValue().get().names())
                        : "a security protocol";
            case "foreign":
                return failure instanceof Failure.NotRdp n ? n.looksLike().description() : "something unrecognised";
            case "preview":
                if (failure instanceof Failure.NotRdp n) {
                    return n.preview().isEmpty() ? "no printable preview" : n.preview();
                }
                return failure instanceof Failure.NotTls t && !t.preview().isEmpty() ? t.preview() : "no printable preview";
            case "tlsVersion":
                return tls != null && tls.protocolVersion().isPresent() ? tls.protocolVersion().get().jdkName() : "an unknown TLS version";
            case "tlsAlert": return failure instanceof Failure.TlsAlert a ? "alert " + a.name() + " (" + a.code() + ")" : "a TLS alert";
            case "tlsOffered": return tlsOffered();
            case "tlsDetail": return tlsDetail();
            case "ntstatus": return ntStatus();
            case "account": return outcome.server().credentialCheck().map(c -> c.account()).orElse("no account");
            case "credentialDetail": return outcome.server().credentialCheck().map(c -> c.detail()).orElse("no credential check");
            case "certSha256": {
                CertificateReport leaf = leaf();
                return leaf == null ? "unknown" : leaf.sha256Thumbprint();
            }
            case "certSubject": {
                CertificateReport leaf = leaf();
                return leaf == null ? "subject unknown" : leaf.subject().orElse("subject unknown");
            }
            case "certNotAfter": {
                CertificateReport leaf = leaf();
                return leaf == null ? "an unknown date" : leaf.notAfter().map(DATE::format).orElse("an unknown date");
            }
            case "certNotBefore": {
                CertificateReport leaf = leaf();
                return leaf == null ? "an unknown date" : leaf.notBefore().map(DATE::format).orElse("an unknown date");
            }
            case "certDays": {
                CertificateReport leaf = leaf();
                return leaf == null ? "unknown" : Long.toString(leaf.daysLeft());
            }
            case "skew": return skew(outcome, credssp);
            case "udpAttempts": {
                Failure udpFailure = outcome.phase(Phase.UDP_TRANSPORT).failure().orElse(null);
                return Integer.toString(udpFailure instanceof Failure.UdpNoAnswer u ? u.attempts() : udp == null ? 0 : udp.attempts());
            }
            case "udpWaited": {
                PhaseResult udpPhase = outcome.phase(Phase.UDP_TRANSPORT);
                if (udpPhase.failure().orElse(null) instanceof Failure.UdpNoAnswer u) {
                    return Long.toString(u.waited().toMillis());
                }
                return udpPhase.status() != PhaseStatus.NOT_REACHED && udpPhase.status() != PhaseStatus.SKIPPED
                        ? Long.toString(udpPhase.elapsed().toMillis()) : "an unknown number of";
            }
            case "udp": return udpSentence(outcome.phase(Phase.UDP_TRANSPORT), udp, port);
            case "tcp":
                return outcome.phase(Phase.TCP_CONNECT).status() == PhaseStatus.SKIPPED
                        ? "TCP was not probed" : outcome.failedPhase().isPresent() ? "TCP failed too" : "every TCP phase passed";
            case "path": return path(outcome, neg, tls, credssp);
            case "findings": return findings(outcome.findings());
            case "certProblem": return certProblem();
            case "probeLimit":
                return failure instanceof Failure.ProbeLimitExceeded p ? p.detail() + "; the probe accepts " + p.limit()
                        : outcome.hasFinding(FindingCode.PROBE_LIMIT_EXCEEDED) ? findingMessage(outcome, FindingCode.PROBE_LIMIT_EXCEEDED)
                        : "a limit of the probe";
            default: throw new IllegalArgumentException("no template variable {" + name + "}");
        }
    }

    private String elapsed() {
        return phase == null ? "0" : Long.toString(outcome.phase(phase).elapsed().toMillis());
    }

    private String failureMessage() {
        return failure == null ? "no failure" : failure.message();
    }

    private long bytes() {
        if (failure instanceof Failure.TimedOut t) {
            return t.bytesSeen();
        }
        if (failure instanceof Failure.ClosedByPeer c) {
            return c.bytesSeen();
        }
        return failure instanceof Failure.Reset r ? r.bytesSeen() : 0;
    }

    private NegotiationFailure negotiationCode() {
        if (failure instanceof Failure.NegotiationFailed f) {
            return f.failure();
        }
        return neg != null ? neg.failure().orElse(null) : null;
    }

    private CertificateReport leaf() {
        return tls == null ? null : tls.leaf().orElse(null);
    }

    /** The first certificate of the chain that did not parse, in the words of its finding. */
    private String certProblem() {
        if (outcome.hasFinding(FindingCode.CERT_UNPARSEABLE)) {
            return findingMessage(outcome, FindingCode.CERT_UNPARSEABLE);
        }
        if (tls != null) {
            for (int i = 0; i < tls.chain().size(); i++) {
                CertificateReport c = tls.chain().get(i);
                if (c.parseError().isPresent()) {
                    return "certificate #" + (i + 1) + " of the chain: " + c.parseError().get();
                }
            }
        }
        return "a certificate of the chain did not parse";
    }

    private String ntStatus() {
        Long status = null;
        String statusName = null;
        if (failure instanceof Failure.CredSspError c) {
            status = c.ntStatus();
            statusName = c.name();
        } else if (failure instanceof Failure.CredentialsRefused r) {
            status = r.ntStatus();
            statusName = r.name();
        } else if (credssp != null && credssp.errorCode().isPresent()) {
            status = credssp.errorCode().get();
            statusName = credssp.errorName().orElse(null);
        }
        return status == null ? "no errorCode"
                : (statusName == null ? "" : statusName + " ") + String.format(Locale.ROOT, "(0x%08X)", status);
    }

    private String tlsOffered() {
        if (failure instanceof Failure.TlsVersionRefused r) {
            return r.offered();
        }
        return enumeration(tls == null ? null : tls.versions().orElse(null)) != null ? "TLS versions one at a time"
                : "the TLS engine's default versions";
    }

    private String tlsDetail() {
        String enumeration = enumeration(tls == null ? null : tls.versions().orElse(null));
        String detail;
        if (failure instanceof Failure.TlsVersionRefused r) {
            detail = "offered " + r.offered() + ", " + r.detail();
        } else if (failure instanceof Failure.TlsAlert a) {
            detail = "alert " + a.name() + " (" + a.code() + "), " + (a.sentByPeer() ? "sent by the server" : "raised by our TLS engine")
                    + " in answer to a ClientHello offering " + tlsOffered();
        } else if (failure instanceof Failure.TlsNoSharedCipher c) {
            detail = c.detail();
        } else if (failure == null && outcome.hasFinding(FindingCode.TLS_LEGACY_ONLY)) {
            detail = findingMessage(outcome, FindingCode.TLS_LEGACY_ONLY);
        } else {
            detail = failureMessage();
            if (failure == null) {
                detail = "no TLS failure";
            }
        }
        if (enumeration != null) {
            detail += " (enumeration: " + enumeration + ")";
        } else if (failure instanceof Failure.TlsAlert a && a.code() == 40) {
            detail += " (probe again with TLS version enumeration to tell which)";
        }
        return detail;
    }

    private static String enumeration(List<TlsVersionSupport> versions) {
        if (versions == null || versions.isEmpty()) {
            return null;
        }
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (TlsVersionSupport s : versions) {
            if (s.accepted()) {
                accepted.add(s.version().jdkName());
            } else {
                refused.add(s.version().jdkName() + s.detail().map(d -> " (" + d + ")").orElse(""));
            }
        }
        return "accepted " + (accepted.isEmpty() ? "none" : String.join(", ", accepted))
                + "; refused " + (refused.isEmpty() ? "none" : String.join(", ", refused));
    }

    /**
     * The clock difference in whole units, rounded down (days beyond a day, hours and minutes beyond
     * an hour, minutes beyond a minute, else seconds): two probes of the same server a few
     * milliseconds of network jitter apart read the same. The exact skew and the server's time are
     * in the outcome's fields, not in the text.
     */
    private static String skew(ConnectionOutcome outcome, CredSspFacts credssp) {
        NtlmServerInfo ntlm = credssp == null ? null : credssp.ntlm().orElse(null);
        if (ntlm != null && ntlm.clockSkew() != null) {
            Duration d = ntlm.clockSkew();
            // Whole seconds of |d|, without Duration.abs(), which overflows at Long.MIN_VALUE seconds.
            long seconds = d.isNegative() ? -(d.getSeconds() + (d.getNano() > 0 ? 1 : 0)) : d.getSeconds();
            if (seconds < 0) {
                seconds = Long.MAX_VALUE; // only -Long.MIN_VALUE wraps
            }
            String amount;
            if (seconds >= 86_400) {
                amount = (seconds / 86_400) + (seconds / 86_400 == 1 ? " day" : " days");
            } else if (seconds >= 3_600) {
                amount = (seconds / 3_600) + " h " + (seconds % 3_600 / 60) + " min";
            } else if (seconds >= 60) {
                amount = (seconds / 60) + " min";
            } else {
                amount = seconds + " s";
            }
            return amount + ", the server being " + (d.isNegative() ? "behind" : "ahead");
        }
        if (outcome.hasFinding(FindingCode.CLOCK_SKEW)) {
            return "more than " + DiagnosisLimits.maxClockSkewText() + " (" + findingMessage(outcome, FindingCode.CLOCK_SKEW) + ")";
        }
        return "an unknown amount";
    }

    private String localDetail() {
        if (failure instanceof Failure.LocalError l) {
            return l.detail();
        }
        if (failure instanceof Failure.TlsEngineUnavailable t) {
            return t.detail();
        }
        if (failure instanceof Failure.OutOfFileDescriptors o) {
            return o.detail();
        }
        if (failure instanceof Failure.Internal i) {
            return "while " + i.during() + ": " + i.error();
        }
        return failureMessage();
    }

    private static String udpSentence(PhaseResult udpPhase, UdpFacts udp, int port) {
        switch (udpPhase.status()) {
            case OK -> {
                StringBuilder s = new StringBuilder("UDP " + port + " answered the RDPEUDP SYN");
                if (udp != null && udp.udpVersion().isPresent()) {
                    s.append(" (RDPEUDP version ").append(udp.udpVersion().get()).append(')');
                }
                // The round trip stays out of the text (it differs from run to run): it is in the UDP facts.
                return s.toString();
            }
            case SKIPPED -> {
                return "UDP was not probed";
            }
            case NOT_REACHED -> {
                return "UDP was not reached";
            }
            default -> {
                Failure f = udpPhase.failure().orElseThrow();
                if (f instanceof Failure.UdpPortClosed) {
                    return "UDP " + port + " is closed (ICMP port unreachable), so clients use TCP only, which works";
                }
                if (f instanceof Failure.UdpNoAnswer) {
                    return "UDP " + port + " did not answer";
                }
                return "the UDP probe failed (" + f.message() + ")";
            }
        }
    }

    private static String path(ConnectionOutcome outcome, NegotiationFacts neg, TlsFacts tls, CredSspFacts credssp) {
        if (outcome.phase(Phase.TCP_CONNECT).status() == PhaseStatus.SKIPPED) {
            return "UDP only; the TCP phases were skipped";
        }
        // one builder for the whole text: the parts are joined by ", "
        StringBuilder text = new StringBuilder(128);
        if (neg != null && neg.selectedValue().isPresent()) {
            text.append("selected ");
            List<String> names = neg.selectedValue().get().names();
            for (int i = 0; i < names.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(names.get(i));
            }
        }
        if (tls != null && tls.protocolVersion().isPresent()) {
            separate(text).append(tls.protocolVersion().get().jdkName());
            if (tls.cipherSuite().isPresent()) {
                text.append(' ').append(tls.cipherSuite().get());
            }
        }
        if (credssp != null) {
            separate(text).append("CredSSP v").append(credssp.version());
            NtlmServerInfo ntlm = credssp.ntlm().orElse(null);
            if (ntlm != null) {
                String name = ntlm.dnsComputerName() != null ? ntlm.dnsComputerName() : ntlm.netbiosComputerName();
                String release = ntlm.windowsRelease() != null ? ntlm.windowsRelease()
                        : ntlm.osVersion() != null ? "version " + ntlm.osVersion() : null;
                if (name != null) {
                    text.append(" from ").append(name);
                    if (release != null) {
                        text.append(", ").append(release);
                    }
                } else if (release != null) {
                    text.append(" from ").append(release);
                }
            }
        }
        if (text.length() == 0) {
            long ok = outcome.phases().stream().filter(p -> p.phase().isTcpPath() && p.status() == PhaseStatus.OK).count();
            text.append(ok).append(" TCP phases passed");
        }
        return text.toString();
    }

    /** {@code text} with ", " appended when it already holds a part. */
    private static StringBuilder separate(StringBuilder text) {
        return text.length() == 0 ? text : text.append(", ");
    }

    private static String findings(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "no findings";
        }
        StringBuilder text = new StringBuilder(64).append(findings.size()).append(findings.size() == 1 ? " finding" : " findings")
                .append(" to review: ");
        for (int i = 0; i < findings.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(findings.get(i).code().name());
        }
        return text.toString();
    }

    private static String findingMessage(ConnectionOutcome outcome, FindingCode code) {
        return outcome.findings().stream().filter(f -> f.code() == code).map(Finding::message).findFirst().orElse(code.name());
    }
}
