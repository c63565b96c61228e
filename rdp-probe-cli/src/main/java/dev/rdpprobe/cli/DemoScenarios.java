package dev.rdpprobe.cli;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.pdu.x224.NegotiationFailureCode;
import dev.rdpprobe.core.pdu.x224.SecurityProtocols;
import dev.rdpprobe.testkit.Scenario;
import java.time.Duration;
import java.util.List;

/**
 * The scenarios {@code rdp-probe demo} shows, in order. Add an entry here when a new phase can be
 * shown misbehaving (expired certificate, CredSSP closed, UDP blocked …).
 */
public final class DemoScenarios {

    /** Limit of each phase in the demo, so the whole demo takes a few seconds. */
    static final Duration PHASE_LIMIT = Duration.ofSeconds(2);
    /** The short X.224 limit of the silent scenario. */
    static final Duration SILENT_LIMIT = Duration.ofSeconds(1);

    private DemoScenarios() {
    }

    /** The base options of every demo probe: short limits, no UDP (the fake server has no UDP side yet). */
    public static RdpProber.Builder baseBuilder() {
        return RdpProber.builder()
                .connectTimeout(PHASE_LIMIT)
                .phaseTimeout(PHASE_LIMIT)
                .deadline(Duration.ofSeconds(5))
                .udp(false)
                .threads(1);
    }

    /** Every scenario, in the order the demo shows them. */
    public static List<DemoScenario> all() {
        return List.of(
                DemoScenario.of("Reachable: the server answers the Connection Request (it selects Standard RDP Security, so no TLS follows)",
                        Scenario.selecting(SecurityProtocols.RDP)),
                DemoScenario.of("Port closed: nothing listens on the port, the host answers the SYN with a reset",
                        null),
                new DemoScenario("Silent firewall or hung TermService: the Connection Request is never answered",
                        Scenario.silentAfterConnectionRequest(), b -> b.x224Timeout(SILENT_LIMIT)),
                new DemoScenario("NLA required: the server refuses a client that offers TLS but not CredSSP",
                        Scenario.refusing(NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER),
                        b -> b.requestedProtocols(SecurityProtocols.of(SecurityProtocols.SSL))),
                DemoScenario.of("Not RDP: an SSH server answers on the port",
                        Scenario.replyingWith("SSH-2.0-OpenSSH_9.6\r\n")),
                DemoScenario.of("Server denies the connection: it closes the socket when the Connection Request arrives",
                        Scenario.closingOnConnectionRequest()));
    }
}
