package dev.rdpprobe.cli;

import dev.rdpprobe.core.target.IpLiterals;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.Diagnosis;
import dev.rdpprobe.core.outcome.WindowsError;
import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.CredentialCheck;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Finding;
import dev.rdpprobe.core.outcome.SubjectAltName;
import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.outcome.WindowsErrorConfidence;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.SecurityLayerSupport;
import dev.rdpprobe.core.outcome.EncryptionMethod;
import dev.rdpprobe.core.outcome.EncryptionMethodSupport;
import dev.rdpprobe.core.outcome.McsFacts;
import dev.rdpprobe.core.outcome.ServerFacts;
import dev.rdpprobe.core.outcome.Severity;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.TlsVersionSupport;
import dev.rdpprobe.core.outcome.UdpFacts;
import dev.rdpprobe.core.outcome.Verdict;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The readable report of one probe: a phase waterfall, what the server revealed, findings and the
 * diagnosis with its remedies. Pure: the same outcome and settings always give the same text.
 *
 * <p>Everything a server chose (certificate names, NTLM names, banners, alert texts, and the
 * diagnosis and findings that quote them) passes through {@link TerminalText} on its way into the
 * report: no control or invisible character reaches the terminal, and no single value floods it.
 * Every number and time is written without a conversion that can overflow, so no value a server
 * can send makes the report throw.
 */
public final class HumanReport {

    /** Width of the waterfall's bar area, in characters. */
    static final int BAR_WIDTH = 40;
    private static final int PHASE_WIDTH = 18;
    private static final int STATUS_WIDTH = 13;
    private static final int LABEL_WIDTH = 17;
    private static final String INDENT = "  ";

    private final boolean unicode;

    /**
     * A report renderer.
     *
     * @param unicode whether to draw bars with block characters (otherwise ASCII only)
     */
    public HumanReport(boolean unicode) {
        this.unicode = unicode;
    }

    /** A renderer that uses ASCII only. */
    public static HumanReport ascii() {
        return new HumanReport(false);
    }

    /**
     * Renders one outcome.
     *
     * @param outcome the outcome
     * @param color whether to use ANSI colours (only for a terminal)
     * @return the report, lines ending in '\n'
     */
    public String render(ConnectionOutcome outcome, boolean color) {
        StringBuilder out = new StringBuilder();
        header(out, outcome, color);
        out.append('\n');
        waterfall(out, outcome, color);
        out.append('\n');
        server(out, outcome.server(), outcome.phase(Phase.TCP_CONNECT).status() == PhaseStatus.OK, color);
        out.append('\n');
        findings(out, outcome.findings(), color);
        out.append('\n');
        diagnosis(out, outcome.diagnosis(), color);
        return out.toString();
    }

    /**
     * The block printed instead of a report when the report could not be rendered, or the probe
     * ended without an outcome (a bug in rdp-probe): the target, what is known of its outcome, and
     * what went wrong. Never throws.
     *
     * @param target the target
     * @param outcome its outcome, or {@code null} if there is none
     * @param error what went wrong
     * @param color whether to use ANSI colours
     * @return the block, lines ending in '\n'
     */
    public static String internalError(Target target, ConnectionOutcome outcome, Throwable error, boolean color) {
        StringBuilder out = new StringBuilder();
        out.append(Ansi.BOLD.apply(TerminalText.safe(target.toString()), color)).append("  ")
                .append(Ansi.RED.apply("INTERNAL ERROR", color));
        if (outcome != null) {
            Verdict v = outcome.verdict();
            out.append("  (verdict ").append(v == Verdict.OK ? "OK" : v + " at " + outcome.failedPhase().map(Enum::name).orElse("?"))
                    .append(outcome.diagnosis() == null ? "" : ", diagnosis " + outcome.diagnosis().code().name()).append(')');
        }
        out.append('\n');
        String what = outcome == null ? "the probe ended without an outcome" : "rdp-probe could not print this target's report";
        wrap(out, INDENT, INDENT, TerminalText.prose(what + ": " + error + "."));
        wrap(out, INDENT, INDENT, "This is a bug in rdp-probe; please report it (RDP_PROBE_DEBUG=1 prints the stack trace)."
                + (outcome == null ? "" : " The --json output may still show this target's facts."));
        return out.toString();
    }

    // ---- header

    private void header(StringBuilder out, ConnectionOutcome o, boolean color) {
        Verdict v = o.verdict();
        String verdict = v == Verdict.OK ? "OK" : v + " at " + o.failedPhase().map(Enum::name).orElse("?");
        Ansi style = v == Verdict.OK ? Ansi.GREEN : v == Verdict.TIMED_OUT ? Ansi.YELLOW : Ansi.RED;
        out.append(Ansi.BOLD.apply(TerminalText.safe(o.target().toString()), color)).append("  ")
                .append(style.apply(verdict, color))
                .append("  (").append(millis(o.total())).append(" total)\n");
    }

    // ---- waterfall

    private void waterfall(StringBuilder out, ConnectionOutcome o, boolean color) {
        long spanNanos = 0;
        for (PhaseResult p : o.phases()) {
            if (ran(p)) {
                spanNanos = Math.max(spanNanos, saturatedSum(nanos(p.startOffset()), nanos(p.elapsed())));
            }
        }
        if (spanNanos <= 0) {
            spanNanos = Math.max(1, nanos(o.total()));
        }
        String edge = unicode ? "│" : "|";
        String scaleLeft = "0 ms";
        String scaleRight = millis(Duration.ofNanos(spanNanos));
        int gap = Math.max(1, BAR_WIDTH - scaleLeft.length() - scaleRight.length());
        out.append(INDENT).append(pad("PHASE", PHASE_WIDTH)).append(pad("STATUS", STATUS_WIDTH))
                .append(' ').append(scaleLeft).append(" ".repeat(gap)).append(scaleRight).append(' ')
                .append(String.format(Locale.ROOT, "%10s", "TOOK")).append('\n');
        for (PhaseResult p : o.phases()) {
            if (credentialCheckNotAsked(p)) {
                continue;
            }
            out.append(INDENT).append(pad(p.phase().name(), PHASE_WIDTH));
            out.append(statusStyle(p.status()).apply(pad(p.status().name(), STATUS_WIDTH), color));
            out.append(edge).append(statusStyle(p.status()).apply(bar(p, spanNanos), color)).append(edge);
            out.append(String.format(Locale.ROOT, "%10s", ran(p) ? millis(p.elapsed()) : ""));
            String detail = p.failure().map(Failure::message).orElse(p.note().orElse(null));
            if (detail != null && !detail.isEmpty()) {
                out.append("  ").append(TerminalText.prose(detail));
            }
            stripTrailingBlanks(out);
            out.append('\n');
        }
    }

    /** The credential check's row when no credentials were given: left out, it would be on every report. */
    private static boolean credentialCheckNotAsked(PhaseResult p) {
        return p.phase() == Phase.CREDSSP_AUTH && p.status() == PhaseStatus.SKIPPED
                && p.note().filter(ConnectionOutcome.NO_CREDENTIALS::equals).isPresent();
    }

    private static void stripTrailingBlanks(StringBuilder out) {
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
    }

    private static boolean ran(PhaseResult p) {
        return p.status() == PhaseStatus.OK || p.status().isProblem();
    }

    private String bar(PhaseResult p, long spanNanos) {
        char[] cells = new char[BAR_WIDTH];
        java.util.Arrays.fill(cells, ' ');
        if (ran(p)) {
            long start = nanos(p.startOffset());
            long end = saturatedSum(start, nanos(p.elapsed()));
            // In double: start × width overflows a long for phases some seven years long.
            int from = (int) Math.min(BAR_WIDTH - 1, Math.max(0, Math.floor((double) start * BAR_WIDTH / spanNanos)));
            int to = (int) Math.min(BAR_WIDTH, Math.max(from + 1, Math.ceil((double) end * BAR_WIDTH / spanNanos)));
            char fill = unicode ? '█' : (p.status() == PhaseStatus.OK ? '=' : p.status() == PhaseStatus.TIMED_OUT ? '~' : '#');
            for (int i = from; i < to; i++) {
                cells[i] = fill;
            }
        }
        return new String(cells);
    }

    private static Ansi statusStyle(PhaseStatus s) {
        switch (s) {
            case OK: return Ansi.GREEN;
            case FAILED: return Ansi.RED;
            case TIMED_OUT: return Ansi.YELLOW;
            default: return Ansi.DIM;
        }
    }

    // ---- server facts

    private void server(StringBuilder out, ServerFacts s, boolean tcpConnected, boolean color) {
        out.append(Ansi.BOLD.apply("Server", color)).append('\n');
        int before = out.length();
        if (!s.addresses().isEmpty()) {
            List<String> addresses = new ArrayList<>();
            for (InetAddress a : s.addresses()) {
                addresses.add(address(a));
            }
            line(out, "addresses", String.join(", ", addresses));
        }
        if (s.connectedAddress().isPresent()) {
            line(out, tcpConnected ? "connected to" : "tried", socketAddress(s.connectedAddress().get()));
        }
        s.negotiation().ifPresent(n -> negotiation(out, n));
        s.tls().ifPresent(t -> tls(out, t));
        s.credssp().ifPresent(c -> credssp(out, c));
        s.credentialCheck().ifPresent(c -> credentialCheck(out, c));
        s.mcs().ifPresent(m -> mcs(out, m));
        s.udp().ifPresent(u -> udp(out, u));
        if (s.securityLayers().isPresent()) {
            String label = "security layers";
            for (SecurityLayerSupport l : s.securityLayers().get()) {
                String answer = l.accepted() ? "accepted"
                        : l.failure().isPresent() ? "refused: " + TerminalText.safe(l.failure().get().name())
                        : l.selected().isPresent() ? "not accepted; the server selected " + TerminalText.safe(l.selected().get().toString())
                        : "not accepted";
                if (l.detail().isPresent()) {
                    answer += " (" + TerminalText.prose(l.detail().get()) + ")";
                }
                line(out, label, pad(l.protocol().name(), 10) + answer);
                label = "";
            }
        }
        if (s.nlaRequired().isPresent()) {
            line(out, "NLA required", s.nlaRequired().get() ? "yes" : "no");
        }
        if (s.encryptionMethods().isPresent()) {
            String label = "RDP methods";
            for (EncryptionMethodSupport m : s.encryptionMethods().get()) {
                String answer = m.accepted() ? "accepted" + m.level().map(l -> " (level " + l.name() + ")").orElse("")
                        : "refused: " + TerminalText.prose(m.detail());
                line(out, label, pad(m.method().label(), 20) + answer);
                label = "";
            }
        }
        if (out.length() == before) {
            out.append(INDENT).append("nothing learned\n");
        }
    }

    private void negotiation(StringBuilder out, NegotiationFacts n) {
        line(out, "requested", n.requested().toString());
        if (n.selectedValue().isPresent()) {
            String selected = n.selectedValue().get().toString();
            if (n.legacyConfirm()) {
                selected += " (legacy Connection Confirm without negotiation data)";
            } else if (n.responseFlags() != 0) {
                selected += String.format(Locale.ROOT, " (flags 0x%X: %s)", n.responseFlags(), String.join(", ", n.responseFlagNames()));
            }
            line(out, "selected", selected);
        }
        n.failure().ifPresent(f -> line(out, "refused with", f.name() + " (" + f.code() + "): " + f.meaning()));
    }

    private void tls(StringBuilder out, TlsFacts t) {
        StringBuilder summary = new StringBuilder();
        summary.append(t.protocolVersion().map(TlsVersion::jdkName).orElse("?"));
        if (t.cipherSuite().isPresent()) {
            summary.append(", ").append(TerminalText.safe(t.cipherSuite().get()));
        }
        if (t.engine() != null) {
            summary.append(" (engine ").append(TerminalText.safe(t.engine())).append(')');
        }
        line(out, "TLS", summary.toString());
        t.leaf().ifPresent(leaf -> certificate(out, leaf, t.chain().size()));
        if (t.trusted().isPresent()) {
            line(out, "trusted", t.trusted().get() ? "yes" : "no" + t.trustDetail().map(d -> ": " + TerminalText.prose(d)).orElse(""));
        }
        if (t.versions().isPresent()) {
            String label = "TLS versions";
            for (TlsVersionSupport v : t.versions().get()) {
                String answer = v.accepted() ? "accepted" + v.cipherSuite().map(c -> " (" + TerminalText.safe(c) + ")").orElse("")
                        : "refused" + v.detail().map(d -> " (" + TerminalText.prose(d) + ")").orElse("");
                line(out, label, pad(v.version().jdkName(), 10) + answer);
                label = "";
            }
        }
    }

    private void certificate(StringBuilder out, CertificateReport c, int chainLength) {
        String subject = c.subject().map(TerminalText::safe).orElse("(subject unreadable, " + c.derLength() + " bytes of DER)");
        line(out, "certificate", subject + (chainLength > 1 ? " (chain of " + chainLength + ")" : ""));
        c.parseError().ifPresent(e -> line(out, "  UNPARSEABLE", TerminalText.prose(e)));
        c.keyOverProbeLimit().ifPresent(k -> line(out, "  key not used", TerminalText.prose(k)));
        line(out, "  issuer", c.selfSigned() ? "self-signed" : known(c.issuer().orElse(null)));
        String validity = date(c.notBefore().orElse(null)) + " to " + date(c.notAfter().orElse(null));
        if (c.expired()) {
            validity += ", EXPIRED " + Math.abs(c.daysLeft()) + " days ago";
        } else if (c.notYetValid()) {
            validity += ", NOT YET VALID";
        } else {
            validity += ", " + c.daysLeft() + " days left";
        }
        line(out, "  valid", validity);
        String key = known(c.keyType().orElse(null)) + " " + c.keyBits() + " bits" + (c.weakKey() ? " (weak)" : "")
                + ", " + known(c.signatureAlgorithm().orElse(null)) + (c.weakSignature() ? " (weak)" : "");
        line(out, "  key", key);
        String names = c.subjectAlternativeNames().isEmpty() ? "no SAN"
                : list(c.subjectAlternativeNames().stream().map(SubjectAltName::toString).toList());
        String matches = c.hostnameMatches().map(m -> m ? "; matches the target" : "; does NOT match the target").orElse("");
        line(out, "  names", names + matches);
        if (!c.extendedKeyUsage().isEmpty() || !c.serverAuthentication()) {
            String eku = c.extendedKeyUsage().isEmpty() ? "none" : list(c.extendedKeyUsage());
            line(out, "  EKU", eku + (c.serverAuthentication() ? "" : " (does not allow server authentication)"));
        }
        if (c.sha1Thumbprint() != null) {
            line(out, "  SHA-1", TerminalText.safe(c.sha1Thumbprint()));
        }
    }

    private void credssp(StringBuilder out, CredSspFacts c) {
        line(out, "CredSSP", "version " + c.version() + (c.spnegoWrapped() ? ", NTLM inside SPNEGO" : ", raw NTLM"));
        if (c.errorCode().isPresent()) {
            line(out, "CredSSP error", c.errorName().map(e -> TerminalText.safe(e) + " ").orElse("")
                    + String.format(Locale.ROOT, "(0x%08X)", c.errorCode().get()));
        }
        NtlmServerInfo n = c.ntlm().orElse(null);
        if (n == null) {
            return;
        }
        if (n.targetName() != null) {
            line(out, "NTLM target", TerminalText.safe(n.targetName()));
        }
        String computer = names(n.netbiosComputerName(), n.dnsComputerName());
        if (computer != null) {
            line(out, "computer", computer);
        }
        String domain = names(n.netbiosDomainName(), n.dnsDomainName());
        if (domain != null) {
            line(out, "domain", domain + (n.dnsTreeName() == null ? "" : ", forest " + TerminalText.safe(n.dnsTreeName())));
        }
        if (n.osVersion() != null || n.windowsRelease() != null) {
            String os = n.osVersion() == null ? "" : TerminalText.safe(n.osVersion());
            if (n.windowsRelease() != null) {
                String release = TerminalText.safe(n.windowsRelease());
                os = os.isEmpty() ? release : os + " (" + release + ")";
            }
            line(out, "OS", os);
        }
        if (n.serverTime() != null) {
            String time = DateTimeFormatter.ISO_INSTANT.format(n.serverTime().truncatedTo(ChronoUnit.SECONDS));
            if (n.clockSkew() != null) {
                time += " (clock skew " + signedSeconds(n.clockSkew()) + ")";
            }
            line(out, "server time", time);
        }
    }

    /** The credential check: the account and the verdict, never a secret (the model holds none). */
    private void credentialCheck(StringBuilder out, CredentialCheck c) {
        String verdict = switch (c.verdict()) {
            case ACCEPTED -> "ACCEPTED (the server verified the password and proved it holds the TLS key; nothing delegated)";
            case NOT_CHECKED_NO_NLA -> "NOT CHECKED: the server has no NLA; credentials would be typed into its logon screen";
            case NOT_CHECKED_CERTIFICATE_NOT_VERIFIED -> "NOT CHECKED: certificate not verified; nothing was sent";
            case NOT_CHECKED_NOT_REACHED, NOT_CHECKED_LOCAL -> "NOT CHECKED: " + TerminalText.prose(c.detail());
            default -> c.verdict().name().replace('_', ' ') + c.statusText().map(t -> ": " + TerminalText.safe(t)).orElse("");
        };
        line(out, "credentials", TerminalText.safe(c.account()) + ": " + verdict);
        if (!c.verdict().accepted() && c.verdict().responseSent() && c.statusText().isEmpty()) {
            line(out, "", TerminalText.prose(c.detail()));
        }
    }

    private static String names(String netbios, String dns) {
        if (netbios == null && dns == null) {
            return null;
        }
        if (netbios == null) {
            return TerminalText.safe(dns);
        }
        return dns == null ? TerminalText.safe(netbios) : TerminalText.safe(netbios) + " / " + TerminalText.safe(dns);
    }

    /** Names the server chose, each made safe, at most {@value #MAX_LISTED} of them. */
    private static String list(List<String> values) {
        List<String> shown = new ArrayList<>();
        for (String v : values.subList(0, Math.min(values.size(), MAX_LISTED))) {
            shown.add(TerminalText.safe(v));
        }
        String more = values.size() > MAX_LISTED ? " and " + (values.size() - MAX_LISTED) + " more" : "";
        return String.join(", ", shown) + more;
    }

    private void mcs(StringBuilder out, McsFacts m) {
        StringBuilder s = new StringBuilder(TerminalText.safe(m.resultName()));
        s.append(m.insideTls() ? ", inside TLS" : ", in the clear (Standard RDP Security)");
        line(out, "MCS connect", s.toString());
        m.serverVersion().ifPresent(v -> line(out, "RDP version", v.name() + " (" + v.hex() + ")"));
        m.clientRequestedProtocols().ifPresent(p -> line(out, "echoed request", p.toString()));
        if (!m.earlyCapabilityFlagNames().isEmpty()) {
            line(out, "server flags", String.join(", ", m.earlyCapabilityFlagNames()));
        }
        if (m.insideTls() && m.encryptionMethodValue().orElse(0L) == 0 && m.encryptionLevelValue().orElse(0L) == 0) {
            line(out, "RDP encryption", "not used (TLS protects the connection: method and level 0)");
        } else if (m.encryptionMethodValue().isPresent()) {
            String method = m.encryptionMethod().map(EncryptionMethod::label).orElse("unknown")
                    + String.format(Locale.ROOT, " (0x%X)", m.encryptionMethodValue().get());
            String level = m.encryptionLevel().map(Enum::name).orElse("unknown")
                    + " (" + m.encryptionLevelValue().orElse(-1L) + ")";
            line(out, "RDP encryption", method + ", level " + level);
        }
        m.certificate().ifPresent(c -> {
            String text = switch (c.kind()) {
                case PROPRIETARY -> "proprietary, RSA " + c.rsaKeyBits().map(String::valueOf).orElse("?") + " bits"
                        + c.publicExponent().map(e -> ", exponent " + e).orElse("");
                case X509_CHAIN -> "X.509 chain of " + c.chainLength() + " certificate" + (c.chainLength() == 1 ? "" : "s")
                        + ", " + c.chainBytes() + " bytes";
                case UNKNOWN -> "of an unknown kind";
            };
            line(out, "server key", text + (c.temporary() ? ", temporary" : ""));
        });
        if (m.ioChannel().isPresent()) {
            line(out, "channels", "I/O " + m.ioChannel().get() + (m.messageChannel().map(c -> ", message " + c).orElse(""))
                    + (m.channelIds().isEmpty() ? "" : ", static " + m.channelIds()));
        }
        line(out, "multitransport", m.multitransportFlags().isEmpty() ? "not offered (no TS_UD_SC_MULTITRANSPORT)"
                : (m.offersUdp() ? "UDP offered: " : "no UDP: ") + String.join(", ", m.multitransportFlagNames()));
        if (!m.unknownBlocks().isEmpty()) {
            line(out, "other blocks", TerminalText.safe(String.join(", ", m.unknownBlocks())));
        }
    }

    private void udp(StringBuilder out, UdpFacts u) {
        if (!u.answered()) {
            line(out, "UDP", "no SYN+ACK after " + u.attempts() + " SYN" + (u.attempts() == 1 ? "" : "s"));
            return;
        }
        StringBuilder s = new StringBuilder("answered");
        if (u.roundTrip().isPresent()) {
            s.append(" in ").append(millis(u.roundTrip().get()));
            if (u.roundTripFromSyn().orElse(1) > 1) {
                // Identical SYNs: the answer may belong to an earlier one, so this is a lower bound.
                s.append(" after SYN ").append(u.roundTripFromSyn().get()).append(" (or longer after an earlier SYN)");
            }
        }
        s.append(" (").append(u.attempts()).append(u.attempts() == 1 ? " SYN)" : " SYNs)");
        if (u.udpVersion().isPresent()) {
            s.append(String.format(Locale.ROOT, ", RDPEUDP version 0x%X", u.udpVersion().get()));
        }
        if (u.upstreamMtu().isPresent() || u.downstreamMtu().isPresent()) {
            s.append(", MTU up ").append(u.upstreamMtu().map(String::valueOf).orElse("?"))
                    .append(" / down ").append(u.downstreamMtu().map(String::valueOf).orElse("?"));
        }
        if (u.receiveWindow().isPresent()) {
            s.append(", receive window ").append(u.receiveWindow().get());
        }
        line(out, "UDP", s.toString());
    }

    // ---- findings

    private void findings(StringBuilder out, List<Finding> findings, boolean color) {
        if (findings.isEmpty()) {
            out.append(Ansi.BOLD.apply("Findings", color)).append(": none\n");
            return;
        }
        out.append(Ansi.BOLD.apply("Findings", color)).append('\n');
        int codeWidth = findings.stream().mapToInt(f -> f.code().name().length()).max().orElse(0) + 2;
        for (Finding f : findings) {
            out.append(INDENT).append(severityStyle(f.severity()).apply(pad(f.severity().name(), 10), color))
                    .append(pad(f.code().name(), codeWidth)).append(TerminalText.prose(f.message())).append('\n');
        }
    }

    private static Ansi severityStyle(Severity s) {
        switch (s) {
            case CRITICAL: return Ansi.RED;
            case WARNING: return Ansi.YELLOW;
            default: return Ansi.CYAN;
        }
    }

    // ---- diagnosis

    private void diagnosis(StringBuilder out, Diagnosis d, boolean color) {
        if (d == null) {
            out.append(Ansi.BOLD.apply("Diagnosis", color)).append(": not available\n");
            return;
        }
        out.append(Ansi.BOLD.apply("Diagnosis", color)).append(": ").append(Ansi.BOLD.apply(d.code().name(), color)).append('\n');
        wrap(out, INDENT, INDENT, TerminalText.prose(d.summary()));
        WindowsError w = d.windowsError().orElse(null);
        if (w != null) {
            out.append(INDENT).append("The Windows client ")
                    .append(w.confidence() == WindowsErrorConfidence.DOCUMENTED ? "shows" : "likely shows")
                    .append(": error code ").append(hex(Integer.toUnsignedLong(w.disconnectReason())))
                    .append(", extended error code ").append(hex(Integer.toUnsignedLong(w.extendedReason())));
            out.append('\n');
        }
        if (!d.remedies().isEmpty()) {
            out.append(INDENT).append("What to do:\n");
            int n = 1;
            for (String r : d.remedies()) {
                String number = n++ + ". ";
                wrap(out, INDENT + INDENT + number, INDENT + INDENT + " ".repeat(number.length()), TerminalText.prose(r));
            }
        }
    }

    // ---- formatting helpers

    /** Lines of prose are wrapped at this width (a word longer than that stays whole). */
    static final int WRAP_WIDTH = 100;

    /** The most names of one list (SANs, EKUs) that are shown; the rest are counted. */
    static final int MAX_LISTED = 20;

    /** Appends {@code text} word-wrapped: the first line after {@code first}, the others after {@code rest}. */
    static void wrap(StringBuilder out, String first, String rest, String text) {
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!empty && line.length() + 1 + word.length() > WRAP_WIDTH) {
                out.append(line).append('\n');
                line.setLength(0);
                line.append(rest);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
            empty = false;
        }
        out.append(line).append('\n');
    }

    /** One labelled line; the value is escaped once more, so that nothing raw can slip through a caller. */
    private static void line(StringBuilder out, String label, String value) {
        out.append(INDENT).append(pad(label, LABEL_WIDTH)).append(TerminalText.escape(value)).append('\n');
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    /** Below this many seconds (about 285 years) a duration's nanoseconds fit a long. */
    private static final long NANOS_FIT_SECONDS = 9_000_000_000L;

    /** Milliseconds, one decimal below 100 ms, whole above: "0.4 ms", "1003 ms". Any duration. */
    static String millis(Duration d) {
        double ms = nanosFit(d) ? d.toNanos() / 1_000_000.0
                : d.getSeconds() * 1_000.0 + d.getNano() / 1_000_000.0;
        return ms < 100 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    /** Seconds with a sign and one decimal: "+3.0 s". Any duration (a server's clock may be 58 000 years off). */
    private static String signedSeconds(Duration d) {
        double s = nanosFit(d) ? d.toMillis() / 1000.0 : (double) d.getSeconds();
        return String.format(Locale.ROOT, "%+.1f s", s);
    }

    /** {@code d} in nanoseconds, saturated at the ends of a long instead of overflowing. */
    static long nanos(Duration d) {
        if (nanosFit(d)) {
            return d.toNanos();
        }
        return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    private static boolean nanosFit(Duration d) {
        return d.getSeconds() > -NANOS_FIT_SECONDS && d.getSeconds() < NANOS_FIT_SECONDS;
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    /** The UTC date of an instant; an instant past the years a date can hold is written in full. */
    /** A server value for printing, or "?" when the probe could not read it. */
    private static String known(String value) {
        return value == null ? "?" : TerminalText.safe(value);
    }

    private static String date(Instant i) {
        if (i == null) {
            return "?";
        }
        try {
            return DateTimeFormatter.ISO_LOCAL_DATE.withZone(java.time.ZoneOffset.UTC).format(i);
        } catch (java.time.DateTimeException e) {
            return i.toString();
        }
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value).toUpperCase(Locale.ROOT);
    }

    /**
     * An address as people write it, with an IPv6 zone kept ({@code fe80::1%eth0}, {@code fe80::1%2}):
     * the zone says which link a link-local address was reached on.
     */
    static String address(InetAddress a) {
        return IpLiterals.toText(a);
    }

    static String socketAddress(InetSocketAddress a) {
        return IpLiterals.toText(a);
    }
}
