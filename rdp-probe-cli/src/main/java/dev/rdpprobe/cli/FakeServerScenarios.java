package dev.rdpprobe.cli;

import dev.rdpprobe.testkit.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The scenarios {@code rdp-probe fake-server} serves: every entry of {@link DemoScenarios} that has a
 * server (named after its title's words before the colon, "TLS 1.0 only: …" is {@code tls-1.0-only}),
 * then every name of {@link Scenario#named} not already taken. The demo's "port closed" entry has no
 * server to run and is not among them.
 */
final class FakeServerScenarios {

    /** What each {@link Scenario#named} scenario does, in one line. */
    private static final Map<String, String> NAMED_DESCRIPTIONS = Map.of(
            "nla-healthy", "selects CredSSP (NLA), completes TLS and answers the NTLM NEGOTIATE with a CHALLENGE",
            "tls-only", "selects TLS without NLA, completes the TLS handshake and serves the connection to activation",
            "standard-rdp-security", "selects Standard RDP Security (no TLS)",
            "nla-required", "refuses a client that does not offer CredSSP (HYBRID_REQUIRED_BY_SERVER)",
            "silent", "accepts the connection and never answers the Connection Request",
            "closing", "closes the connection when the Connection Request arrives",
            "resetting", "resets the connection when the Connection Request arrives",
            "nla-credentials", "an NLA server that verifies the credentials alice / rdp-probe-demo for real (any domain) and "
                    + "serves a client that delegates them to an active connection; anything else gets STATUS_LOGON_FAILURE",
            "nla-credentials-closing", "like nla-credentials, but a failed check gets the connection closed (as FreeRDP does)");

    private FakeServerScenarios() {
    }

    /** Every scenario, demo entries first, each name once. */
    static List<FakeServerScenario> all() {
        List<FakeServerScenario> all = new ArrayList<>();
        for (DemoScenario d : DemoScenarios.all()) {
            if (!d.nothingListens()) {
                add(all, new FakeServerScenario(nameOf(d.title()), descriptionOf(d.title()), d.scenario(), d.udp()));
            }
        }
        for (String name : Scenario.NAMES) {
            String description = NAMED_DESCRIPTIONS.get(name);
            if (description == null) {
                throw new IllegalStateException("scenario '" + name + "' has no description in " + FakeServerScenarios.class.getSimpleName());
            }
            add(all, new FakeServerScenario(name, description, Scenario.named(name), null));
        }
        return List.copyOf(all);
    }

    /** The scenario of that name, if there is one. */
    static Optional<FakeServerScenario> find(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Every name, in {@link #all()} order. */
    static List<String> names() {
        return all().stream().map(FakeServerScenario::name).toList();
    }

    /** A demo title's words before the colon, lower case, joined by hyphens. */
    static String nameOf(String title) {
        int colon = title.indexOf(':');
        String head = (colon < 0 ? title : title.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        return head.replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
    }

    private static String descriptionOf(String title) {
        int colon = title.indexOf(':');
        return colon < 0 ? title : title.substring(colon + 1).strip();
    }

    private static void add(List<FakeServerScenario> all, FakeServerScenario s) {
        if (all.stream().noneMatch(e -> e.name().equals(s.name()))) {
            all.add(s);
        }
    }
}
