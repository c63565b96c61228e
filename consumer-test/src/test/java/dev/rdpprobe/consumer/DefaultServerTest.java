package dev.rdpprobe.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.FakeRdpServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The testkit's default server is healthy up to CredSSP, as its Javadoc says, seen from a user's project. */
@ExtendWith(FakeRdpServerExtension.class)
class DefaultServerTest {

    @Test
    void everyTcpPhaseIsOkOnTheDefaultServer(FakeRdpServer server) {
        try (RdpProber prober = RdpProber.builder().udp(false).build()) {
            ConnectionOutcome outcome = prober.probe(server.target()).join();
            for (Phase p : new Phase[] {Phase.TCP_CONNECT, Phase.X224_NEGOTIATION, Phase.TLS_HANDSHAKE, Phase.CREDSSP}) {
                assertEquals(PhaseStatus.OK, outcome.phase(p).status(), p.toString());
            }
            assertTrue(outcome.diagnosis().windowsError().isEmpty(), "a healthy outcome has no Windows error");
        }
    }
}
