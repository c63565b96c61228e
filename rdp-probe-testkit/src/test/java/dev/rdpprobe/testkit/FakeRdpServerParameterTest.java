package dev.rdpprobe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension as {@code @ExtendWith}, injecting a server parameter. */
@ExtendWith(FakeRdpServerExtension.class)
class FakeRdpServerParameterTest {

    @Test
    void parameterServerCanBeRescripted(FakeRdpServer server) {
        server.setDefault(Scenario.closingOnConnectionRequest());
        try (RdpProber prober = RdpProber.builder().udp(false).build()) {
            ConnectionOutcome o = prober.probe(server.target()).join();
            assertThat(o.phase(Phase.X224_NEGOTIATION).failure()).contains(new Failure.ClosedByPeer(0));
        }
    }
}
