package dev.rdpprobe.consumer;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.WindowsError;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.json.OutcomeJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A small modular application built on rdp-probe: probes each target given on the command line and
 * prints one line per target, or its JSON document with {@code --json}. Exits 0 when every target
 * passed, 1 otherwise, 2 for a target it cannot parse.
 */
public final class CheckRdp {

    private CheckRdp() {
    }

    /**
     * Probes each argument ({@code host[:port]}).
     *
     * @param args the targets, optionally preceded by {@code --json}
     */
    public static void main(String[] args) {
        boolean json = args.length > 0 && args[0].equals("--json");
        List<String> targets = List.of(args).subList(json ? 1 : 0, args.length);
        int exit = 0;
        try (RdpProber prober = RdpProber.builder().udp(false).deadline(Duration.ofSeconds(10)).build()) {
            for (String arg : targets) {
                Target target;
                try {
                    target = Target.parse(arg);
                } catch (IllegalArgumentException e) {
                    System.err.println(e.getMessage());
                    System.exit(2);
                    return;
                }
                ConnectionOutcome outcome = prober.probe(target).join();
                System.out.println(json ? OutcomeJson.toJson(outcome) : line(outcome));
                if (outcome.failedPhase().isPresent()) {
                    exit = 1;
                }
            }
        }
        System.exit(exit);
    }

    /** One line about an outcome: verdict, failed phase, the facts a help desk asks for first, the diagnosis. */
    static String line(ConnectionOutcome outcome) {
        StringBuilder out = new StringBuilder(outcome.target() + " " + outcome.verdict());
        outcome.failedPhase().ifPresent(p -> out.append(" at ").append(p));
        Facts facts = facts(outcome);
        facts.selected().ifPresent(p -> out.append(", ").append(p));
        facts.osVersion().ifPresent(v -> out.append(", Windows ").append(v));
        facts.certificateExpiry().ifPresent(t -> out.append(", certificate until ").append(t));
        facts.windowsError().ifPresent(e -> out.append(", the client shows ").append(e));
        return out.append(" — ").append(outcome.diagnosis().summary()).toString();
    }

    record Facts(Optional<String> selected, Optional<String> osVersion, Optional<Instant> certificateExpiry,
            Optional<String> windowsError) {
    }

    static Facts facts(ConnectionOutcome outcome) {
        // snippet:facts
        var selected = outcome.server().negotiation().flatMap(NegotiationFacts::selected);         // Optional[HYBRID_EX]
        var expiry = outcome.server().tls().flatMap(TlsFacts::leaf).flatMap(CertificateReport::notAfter);
        var os = outcome.server().credssp().flatMap(CredSspFacts::ntlm).map(NtlmServerInfo::osVersion); // "10.0.17763"
        var shown = outcome.diagnosis().windowsError().map(WindowsError::display);    // "0x904 / 0x7"; empty when healthy
        // end:facts
        return new Facts(selected.map(Enum::name), os, expiry, shown);
    }
}
