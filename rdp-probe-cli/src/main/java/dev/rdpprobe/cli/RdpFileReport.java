package dev.rdpprobe.cli;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.Finding;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.TlsFacts;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The part of the readable report that belongs to {@code --rdp-file}: how the file's settings were
 * mapped into the probe, what the probe ignored and why, and which of its settings explain this
 * outcome ("this file turns NLA off (enablecredsspsupport:i:0); the server requires it").
 *
 * <p>Every value taken from the file passes through {@link TerminalText}, like a server's text.
 */
final class RdpFileReport {

    private static final int LABEL_WIDTH = 17;
    private static final String INDENT = "  ";

    /**
     * Findings that mean the client's server authentication (the certificate check) fails or warns. A
     * self-signed certificate counts only when it is not trusted (CERT_UNTRUSTED, or the trust check said no):
     * one the trust store holds passes.
     */
    static final Set<FindingCode> CERTIFICATE_PROBLEMS = EnumSet.of(FindingCode.CERT_EXPIRED, FindingCode.CERT_NOT_YET_VALID,
            FindingCode.CERT_NAME_MISMATCH, FindingCode.CERT_UNTRUSTED,
            FindingCode.CERT_NO_SERVER_AUTH_EKU, FindingCode.CERT_UNPARSEABLE);

    /** The settings this report explains; any other is counted as ignored. */
    private static final Set<String> MAPPED = Set.of("full address", "server port", "enablecredsspsupport",
            "negotiate security layer", "authentication level", "username", "gatewayhostname", "gatewayusagemethod",
            "alternate full address");

    private final RdpFileClient client;
    private final boolean protocolsGiven;
    private final boolean cookieGiven;

    /**
     * @param client the file's client
     * @param protocolsGiven whether {@code --protocols} overrode the file's security settings
     * @param cookieGiven whether {@code --cookie} or {@code --no-cookie} overrode the file's user name
     */
    RdpFileReport(RdpFileClient client, boolean protocolsGiven, boolean cookieGiven) {
        this.client = client;
        this.protocolsGiven = protocolsGiven;
        this.cookieGiven = cookieGiven;
    }

    /** The section for one outcome of the file's target, lines ending in '\n'. */
    String render(ConnectionOutcome outcome, boolean color) {
        StringBuilder out = new StringBuilder();
        RdpFile file = client.file();
        out.append(Ansi.BOLD.apply("Connection file " + TerminalText.safe(file.source()), color)).append('\n');
        file.get("full address").ifPresent(a -> line(out, "full address", quoted(a) + " → probed " + TerminalText.safe(client.target().toString())));
        file.get("server port").ifPresent(p -> line(out, "server port", quoted(p)
                + (RdpFileClient.hasPort(file.get("full address").map(RdpFile.Setting::value).orElse("").strip())
                        ? ": not used, the full address names its port" : ": the port, the full address names none")));
        line(out, "NLA", nla());
        file.get("negotiate security layer").ifPresent(n -> line(out, "security layer", quoted(n) + (n.intValue() == 0
                ? ": not negotiated; this client uses TLS and does not fall back to Standard RDP Security"
                : ": negotiated; this client accepts the layer the server selects")));
        line(out, "server auth", authenticationLevel());
        cookie(out);
        if (file.passwordLine() > 0) {
            line(out, "password", "line " + file.passwordLine() + " holds a saved password, encrypted for its Windows user (DPAPI): "
                    + "ignored, never read; the probe sends no credential");
        }
        gateway(out);
        file.get("alternate full address").ifPresent(a -> line(out, "alternate", quoted(a)
                + "; the probe went to the full address (probe this one with rdp-probe " + TerminalText.safe(a.value().strip()) + ")"));
        long ignored = file.settings().keySet().stream().filter(k -> !MAPPED.contains(k)).count();
        if (ignored > 0) {
            line(out, "other settings", ignored + " ignored: they do not change the connection sequence up to CredSSP");
        }
        List<String> meaning = meaningFor(outcome);
        if (!meaning.isEmpty()) {
            out.append(INDENT).append("What this file means for the result:\n");
            for (String m : meaning) {
                HumanReport.wrap(out, INDENT + INDENT + "- ", INDENT + INDENT + "  ", m);
            }
        }
        return out.toString();
    }

    /** The file's settings that explain this outcome, most important first. */
    List<String> meaningFor(ConnectionOutcome outcome) {
        List<String> out = new ArrayList<>();
        boolean nlaRequired = outcome.diagnosis() != null && outcome.diagnosis().code() == DiagnosisCode.NLA_REQUIRED_BY_SERVER;
        if (nlaRequired && !client.credsspEnabled() && !protocolsGiven) {
            out.add("This file turns NLA off (" + credsspSetting() + "); the server requires it, so Remote Desktop Connection "
                    + "fails with 0xB09 too. Remove the line or set enablecredsspsupport:i:1.");
        }
        if (certificateProblem(outcome)) {
            out.add(certificateMeaning());
        }
        if (gatewayUsed()) {
            String gateway = TerminalText.safe(gatewayHost());
            String target = TerminalText.safe(client.target().toString());
            out.add(gatewayFallback()
                    ? "This file tries " + target + " directly, as the probe did, and connects through the RD Gateway " + gateway
                            + " when that fails; the probe does not try the gateway (gateway probing is not built)."
                    : "This file connects through the RD Gateway " + gateway + "; the probe went directly to " + target
                            + " (gateway probing is not built): the result says how the host answers directly, not how the gateway does.");
        }
        return out;
    }

    private String nla() {
        if (protocolsGiven) {
            return client.credsspEnabled() ? "the file offers it; --protocols chose what was requested"
                    : "the file turns it off (" + credsspSetting() + "), but --protocols chose what was requested";
        }
        return client.credsspEnabled()
                ? "offered (" + client.file().get("enablecredsspsupport").map(RdpFileReport::quoted).orElse("enablecredsspsupport absent")
                        + "): requested " + client.requestedProtocols()
                : "not offered (" + credsspSetting() + "): requested " + client.requestedProtocols() + " only";
    }

    private String credsspSetting() {
        return client.file().get("enablecredsspsupport").map(RdpFileReport::quoted).orElse("enablecredsspsupport:i:0");
    }

    private String authenticationLevel() {
        Optional<Integer> level = client.authenticationLevel();
        if (level.isEmpty()) {
            return "authentication level absent: the client's default applies (mstsc warns, as level 2)";
        }
        return "authentication level:i:" + level.get() + ": " + switch (level.get()) {
            case 0 -> "if server authentication fails, connect without a warning";
            case 1 -> "if server authentication fails, do not connect";
            case 2 -> "if server authentication fails, warn and let the user choose";
            case 3 -> "no server-authentication requirement specified";
            default -> "not a level Remote Desktop Connection knows (0, 1, 2 or 3)";
        };
    }

    private String certificateMeaning() {
        Optional<Integer> level = client.authenticationLevel();
        String prefix = level.map(l -> "authentication level " + l + ": ").orElse("authentication level absent (the default, as 2): ");
        return prefix + switch (level.orElse(2)) {
            case 0 -> "this client connects to this server without a warning despite the certificate problem above.";
            case 1 -> "this client does not connect to this server: it refuses a certificate that fails server authentication, "
                    + "as this one does (see the findings above).";
            case 2 -> "this client warns about this server's certificate (see the findings above); the user must accept it to connect.";
            case 3 -> "no requirement is specified; the certificate problem above may still make the client warn.";
            default -> "an unknown level; the certificate problem above makes a client that checks it warn or refuse.";
        };
    }

    private void cookie(StringBuilder out) {
        Optional<RdpFile.Setting> user = client.file().get("username");
        if (user.isEmpty()) {
            return;
        }
        String value = quoted(user.get());
        if (cookieGiven) {
            line(out, "user name", value + "; --cookie/--no-cookie chose the cookie");
        } else if (client.cookie().isPresent()) {
            line(out, "user name", value + " → cookie mstshash=" + TerminalText.safe(client.cookie().get())
                    + " (the login name, at most " + RdpFileClient.WINDOWS_COOKIE_LENGTH + " characters, as Windows clients send it)");
        } else if (client.cookieProblem().isPresent()) {
            line(out, "user name", value + ": not sent as the cookie, " + client.cookieProblem().get() + "; the default cookie was sent");
        }
    }

    private void gateway(StringBuilder out) {
        String host = gatewayHost();
        Optional<RdpFile.Setting> method = client.file().get("gatewayusagemethod");
        if (host.isEmpty()) {
            return;
        }
        String how = method.map(m -> quoted(m) + ": " + switch (m.intValue()) {
            case 0, 4 -> "not used";
            case 1 -> "always used";
            case 2 -> "used when a direct connection fails";
            case 3 -> "the default gateway settings apply";
            default -> "an unknown method";
        }).orElse("gatewayusagemethod absent");
        line(out, "gateway", TerminalText.safe(host) + " (" + how + ")" + (gatewayUsed()
                ? "; the probe went direct: gateway probing is not built" : ""));
    }

    private String gatewayHost() {
        return client.file().get("gatewayhostname").map(g -> g.value().strip()).orElse("");
    }

    /** Whether the file's client may connect through its gateway (any method but 0 and 4, "do not use"). */
    private boolean gatewayUsed() {
        if (gatewayHost().isEmpty()) {
            return false;
        }
        Optional<RdpFile.Setting> method = client.file().get("gatewayusagemethod");
        return method.map(m -> m.intValue() != 0 && m.intValue() != 4).orElse(true);
    }

    /** Whether the file's client uses its gateway only when the direct connection fails ({@code gatewayusagemethod:i:2}). */
    private boolean gatewayFallback() {
        return client.file().get("gatewayusagemethod").map(m -> m.intValue() == 2).orElse(false);
    }

    private static boolean certificateProblem(ConnectionOutcome outcome) {
        for (Finding f : outcome.findings()) {
            if (CERTIFICATE_PROBLEMS.contains(f.code())) {
                return true;
            }
        }
        return outcome.server().tls().flatMap(TlsFacts::trusted).map(t -> !t).orElse(false);
    }

    /** A setting as the file writes it, made safe for the terminal. */
    private static String quoted(RdpFile.Setting s) {
        return TerminalText.safe(s.asWritten());
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(INDENT).append(HumanReport.pad(label, LABEL_WIDTH)).append(TerminalText.escape(value)).append('\n');
    }
}
