package dev.rdpprobe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension, both ways a user would use it. */
class FakeRdpServerExtensionTest {

    @RegisterExtension
    final FakeRdpServerExtension rdp = new FakeRdpServerExtension(Scenario.refusing(NegotiationRefusal.SSL_CERT_NOT_ON_SERVER));

    @Test
    void registeredFieldServesItsScenario() {
        try (RdpProber prober = RdpProber.builder().udp(false).build()) {
            ConnectionOutcome o = prober.probe(rdp.server().target()).join();
            assertThat(o.phase(Phase.X224_NEGOTIATION).failure()).contains(new Failure.NegotiationFailed(NegotiationFailure.of(NegotiationFailure.Reason.SSL_CERT_NOT_ON_SERVER)));
        }
    }
}
