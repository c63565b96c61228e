package dev.rdpprobe.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.Verdict;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.FakeRdpServerExtension;
import dev.rdpprobe.testkit.FakeScenario;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The five-line test a user writes, against the testkit's healthy default and a named scenario. */
// snippet:five-line-test
@ExtendWith(FakeRdpServerExtension.class)
class FakeServerTest {
    @Test
    void aHealthyNlaServerPassesEveryPhase(FakeRdpServer server) {
        try (RdpProber prober = RdpProber.builder().udp(false).build()) {
            ConnectionOutcome outcome = prober.probe(server.target()).join();
            assertEquals(Verdict.OK, outcome.verdict());
            assertEquals(Optional.of(SecurityProtocol.HYBRID_EX), outcome.server().negotiation().orElseThrow().selected());
        }
    }

    @Test
    @FakeScenario("nla-required")
    void aServerThatRequiresNlaRefusesAClientWithoutIt(FakeRdpServer server) {
        try (RdpProber prober = RdpProber.builder().udp(false).credssp(false)
                .requestedProtocols(SecurityProtocolSet.of(SecurityProtocol.SSL)).build()) {
            ConnectionOutcome outcome = prober.probe(server.target()).join();
            assertEquals(Optional.of(Phase.X224_NEGOTIATION), outcome.failedPhase());
            assertEquals(DiagnosisCode.NLA_REQUIRED_BY_SERVER, outcome.diagnosis().code());
        }
    }
}
// end:five-line-test
