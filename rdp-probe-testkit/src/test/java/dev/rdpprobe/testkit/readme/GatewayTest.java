package dev.rdpprobe.testkit.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.testkit.CredSspStep;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.FakeRdpServerExtension;
import dev.rdpprobe.testkit.FakeScenario;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.testkit.RecordedConnection;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.TlsStep;
import dev.rdpprobe.testkit.tls.TestCertificates;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's test-kit example, compiled and run from outside the testkit's package (the prober,
 * with the cookie "alice", stands in for "your gateway").
 */
// snippet:gateway
@ExtendWith(FakeRdpServerExtension.class)
class GatewayTest {
    static Scenario brokenHost() {
        return Scenario.healthy()                                    // NLA server, TLS 1.0–1.3, NTLM CHALLENGE
                .withTls(TlsStep.with(TestCertificates.expired()))   // … with an expired certificate
                .withCredSsp(CredSspStep.close());                   // … that drops CredSSP
    }

    @Test
    @FakeScenario("brokenHost")
    void gatewayReportsTheBrokenHost(FakeRdpServer server) throws InterruptedException {
        try (RdpProber gateway = RdpProber.builder().udp(false).cookie("alice").build()) {
            gateway.probe(server.target()).join();
        }
        RecordedConnection c = server.takeConnection(Duration.ofSeconds(5)).orElseThrow();
        assertThat(c.cookie()).contains("alice");
        assertThat(c.requestedProtocols()).contains(SecurityProtocol.HYBRID_EX);
        assertThat(c.tlsCompleted()).isTrue();
    }
}
// end:gateway
