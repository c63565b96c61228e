package dev.rdpprobe.core.diagnosis;

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
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.TlsVersionSupport;
import dev.rdpprobe.core.outcome.UdpFacts;
import dev.rdpprobe.core.pdu.x224.NegotiationFailureCode;
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
            "udpWaited", "udp", "tcp", "path", "findings", "localDetail");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private OutcomeFacts() {
    }

    /**
     * The variables for one outcome.
     *
     * @param outcome the outcome
     * @param phase the phase the diagnosis rests on, or {@code null}
     * @param failure that phase's failure, or {@code null}
     */
    static Map<String, String> of(ConnectionOutcome outcome, Phase phase, Failure failure) {
        Map<String, String> v = new HashMap<>();
        NegotiationFacts neg = outcome.server().negotiation();
        TlsFacts tls = outcome.server().tls();
        CredSspFacts credssp = outcome.server().credssp();
        UdpFacts udp = outcome.server().udp();
        int port = outcome.target().port();

        v.put("target", outcome.target().toString());
        v.put("host", outcome.target().host());
        v.put("port", Integer.toString(port));
        v.put("phase", phase == null ? "no phase" : phase.name());
        v.put("elapsed", phase == null ? "0" : Long.toString(outcome.phase(phase).elapsed().toMillis()));
        v.put("failure", failure == null ? "no failure" : failure.message());

        v.put("limit", v.get("elapsed"));
        v.put("waitingFor", "an answer");
        v.put("bytes", "0");
        if (failure instanceof Failure.TimedOut t) {
            v.put("limit", Long.toString(t.limit().toMillis()));
            v.put("waitingFor", t.waitingFor());
            v.put("bytes", Long.toString(t.bytesSeen()));
        } else if (failure instanceof Failure.ClosedByPeer c) {
            v.put("bytes", Long.toString(c.bytesSeen()));
        } else if (failure instanceof Failure.Reset r) {
            v.put("bytes", Long.toString(r.bytesSeen()));
        }

        v.put("dnsReason", failure instanceof Failure.DnsFailed d ? d.reason() : v.get("failure"));
        v.put("unreachable", failure instanceof Failure.Unreachable u ? u.detail() : v.get("failure"));
        v.put("localDetail", failure instanceof Failure.LocalError l ? l.detail() : v.get("failure"));

        putNegotiation(v, neg, failure);

        if (failure instanceof Failure.NotRdp n) {
            v.put("foreign", n.looksLike().description());
            v.put("preview", n.preview().isEmpty() ? "no printable preview" : n.preview());
        } else {
            v.put("foreign", "something unrecognised");
            v.put("preview", failure instanceof Failure.NotTls t && !t.preview().isEmpty() ? t.preview() : "no printable preview");
        }

        putTls(v, outcome, tls, failure);

        Long status = null;
        String statusName = null;
        if (failure instanceof Failure.CredSspError c) {
            status = c.ntStatus();
            statusName = c.name();
        } else if (credssp != null && credssp.errorCode() != null) {
            status = credssp.errorCode();
            statusName = credssp.errorName();
        }
        v.put("ntstatus", status == null ? "no errorCode"
                : (statusName == null ? "" : statusName + " ") + String.format(Locale.ROOT, "(0x%08X)", status));

        putCertificate(v, tls);
        v.put("skew", skew(outcome, credssp));

        int attempts = udp == null ? 0 : udp.attempts();
        String waited = "an unknown number of";
        PhaseResult udpPhase = outcome.phase(Phase.UDP_TRANSPORT);
        Failure udpFailure = udpPhase.failure();
        if (udpFailure instanceof Failure.UdpNoAnswer u) {
            attempts = u.attempts();
            waited = Long.toString(u.waited().toMillis());
        } else if (udpPhase.status() != PhaseStatus.NOT_REACHED && udpPhase.status() != PhaseStatus.SKIPPED) {
            waited = Long.toString(udpPhase.elapsed().toMillis());
        }
        v.put("udpAttempts", Integer.toString(attempts));
        v.put("udpWaited", waited);
        v.put("udp", udpSentence(udpPhase, udp, port));
        v.put("tcp", outcome.phase(Phase.TCP_CONNECT).status() == PhaseStatus.SKIPPED
                ? "TCP was not probed" : outcome.failedPhase().isPresent() ? "TCP failed too" : "every TCP phase passed");
        v.put("path", path(outcome, neg, tls, credssp));
        v.put("findings", findings(outcome.findings()));
        return v;
    }

    private static void putNegotiation(Map<String, String> v, NegotiationFacts neg, Failure failure) {
        NegotiationFailureCode code = null;
        if (failure instanceof Failure.NegotiationFailed f) {
            code = new NegotiationFailureCode(f.code());
        } else if (neg != null && neg.failureCode() != null) {
            code = neg.failureCode();
        }
        v.put("negCode", code == null ? "none" : Integer.toString(code.value()));
        v.put("negName", failure instanceof Failure.NegotiationFailed f ? f.codeName() : code == null ? "none" : code.name());
        v.put("negMeaning", code == null ? "no failure code" : code.meaning());
        String requested = neg != null && neg.requested() != null ? String.join(", ", neg.requested().names()) : "the requested protocols";
        String selected = neg != null && neg.selected() != null ? String.join(", ", neg.selected().names()) : "a security protocol";
        if (failure instanceof Failure.ProtocolMismatch m) {
            requested = m.requested();
            selected = m.selected();
        }
        v.put("requested", requested);
        v.put("selected", selected);
    }

    private static void putTls(Map<String, String> v, ConnectionOutcome outcome, TlsFacts tls, Failure failure) {
        v.put("tlsVersion", tls != null && tls.protocolVersion() != null ? tls.protocolVersion() : "an unknown TLS version");
        v.put("tlsAlert", failure instanceof Failure.TlsAlert a ? "alert " + a.name() + " (" + a.code() + ")" : "a TLS alert");
        String enumeration = enumeration(tls == null ? null : tls.versions());
        String offered = failure instanceof Failure.TlsVersionRefused r ? r.offered()
                : enumeration != null ? "TLS versions one at a time" : "the TLS engine's default versions";
        v.put("tlsOffered", offered);
        String detail;
        if (failure instanceof Failure.TlsVersionRefused r) {
            detail = "offered " + r.offered() + ", " + r.detail();
        } else if (failure instanceof Failure.TlsAlert a) {
            detail = "alert " + a.name() + " (" + a.code() + "), " + (a.sentByPeer() ? "sent by the server" : "raised by our TLS engine")
                    + " in answer to a ClientHello offering " + offered;
        } else if (failure instanceof Failure.TlsNoSharedCipher c) {
            detail = c.detail();
        } else if (failure == null && outcome.hasFinding(FindingCode.TLS_LEGACY_ONLY)) {
            detail = findingMessage(outcome, FindingCode.TLS_LEGACY_ONLY);
        } else {
            detail = failure == null ? "no TLS failure" : failure.message();
        }
        if (enumeration != null) {
            detail += " (enumeration: " + enumeration + ")";
        } else if (failure instanceof Failure.TlsAlert a && a.code() == 40) {
            detail += " (probe again with TLS version enumeration to tell which)";
        }
        v.put("tlsDetail", detail);
    }

    private static String enumeration(List<TlsVersionSupport> versions) {
        if (versions == null || versions.isEmpty()) {
            return null;
        }
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (TlsVersionSupport s : versions) {
            if (s.accepted()) {
                accepted.add(s.version());
            } else {
                refused.add(s.version() + (s.detail() == null ? "" : " (" + s.detail() + ")"));
            }
        }
        return "accepted " + (accepted.isEmpty() ? "none" : String.join(", ", accepted))
                + "; refused " + (refused.isEmpty() ? "none" : String.join(", ", refused));
    }

    private static void putCertificate(Map<String, String> v, TlsFacts tls) {
        CertificateReport leaf = tls == null ? null : tls.leaf();
        v.put("certSubject", leaf == null || leaf.subject() == null ? "subject unknown" : leaf.subject());
        v.put("certNotAfter", leaf == null || leaf.notAfter() == null ? "an unknown date" : DATE.format(leaf.notAfter()));
        v.put("certNotBefore", leaf == null || leaf.notBefore() == null ? "an unknown date" : DATE.format(leaf.notBefore()));
        v.put("certDays", leaf == null ? "unknown" : Long.toString(leaf.daysLeft()));
    }

    private static String skew(ConnectionOutcome outcome, CredSspFacts credssp) {
        NtlmServerInfo ntlm = credssp == null ? null : credssp.ntlm();
        if (ntlm != null && ntlm.clockSkew() != null) {
            Duration d = ntlm.clockSkew();
            Duration abs = d.abs();
            String amount = abs.toHours() > 0
                    ? abs.toHours() + " h " + abs.toMinutesPart() + " min"
                    : abs.toMinutes() + " min " + abs.toSecondsPart() + " s";
            String when = ntlm.serverTime() == null ? "" : " (server time " + DATE.format(ntlm.serverTime()) + ")";
            return amount + ", the server being " + (d.isNegative() ? "behind" : "ahead") + when;
        }
        if (outcome.hasFinding(FindingCode.CLOCK_SKEW)) {
            return "more than five minutes (" + findingMessage(outcome, FindingCode.CLOCK_SKEW) + ")";
        }
        return "an unknown amount";
    }

    private static String udpSentence(PhaseResult udpPhase, UdpFacts udp, int port) {
        switch (udpPhase.status()) {
            case OK -> {
                StringBuilder s = new StringBuilder("UDP " + port + " answered the RDPEUDP SYN");
                if (udp != null && udp.udpVersion() != null) {
                    s.append(" (RDPEUDP version ").append(udp.udpVersion()).append(')');
                }
                if (udp != null && udp.roundTrip() != null) {
                    s.append(" in ").append(udp.roundTrip().toMillis()).append(" ms");
                }
                return s.toString();
            }
            case SKIPPED -> {
                return "UDP was not probed";
            }
            case NOT_REACHED -> {
                return "UDP was not reached";
            }
            default -> {
                Failure f = udpPhase.failure();
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
        List<String> parts = new ArrayList<>();
        if (neg != null && neg.selected() != null) {
            parts.add("selected " + String.join(", ", neg.selected().names()));
        }
        if (tls != null && tls.protocolVersion() != null) {
            parts.add(tls.protocolVersion() + (tls.cipherSuite() == null ? "" : " " + tls.cipherSuite()));
        }
        if (credssp != null) {
            String who = "";
            NtlmServerInfo ntlm = credssp.ntlm();
            if (ntlm != null) {
                String name = ntlm.dnsComputerName() != null ? ntlm.dnsComputerName() : ntlm.netbiosComputerName();
                String release = ntlm.windowsRelease() != null ? ntlm.windowsRelease()
                        : ntlm.osVersion() != null ? "version " + ntlm.osVersion() : null;
                if (name != null) {
                    who = " from " + name + (release == null ? "" : ", " + release);
                } else if (release != null) {
                    who = " from " + release;
                }
            }
            parts.add("CredSSP v" + credssp.version() + who);
        }
        if (parts.isEmpty()) {
            long ok = outcome.phases().stream().filter(p -> p.phase().isTcpPath() && p.status() == PhaseStatus.OK).count();
            parts.add(ok + " TCP phases passed");
        }
        return String.join(", ", parts);
    }

    private static String findings(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "no findings";
        }
        List<String> codes = findings.stream().map(f -> f.code().name()).toList();
        return findings.size() + (findings.size() == 1 ? " finding" : " findings") + " to review: " + String.join(", ", codes);
    }

    private static String findingMessage(ConnectionOutcome outcome, FindingCode code) {
        return outcome.findings().stream().filter(f -> f.code() == code).map(Finding::message).findFirst().orElse(code.name());
    }
}
