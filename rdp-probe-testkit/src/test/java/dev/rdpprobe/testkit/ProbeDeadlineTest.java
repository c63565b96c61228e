package dev.rdpprobe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link RdpProber#probe(dev.rdpprobe.core.target.Target, Duration)}: a caller's earlier deadline ends the probe by
 * then, in the phase it was in, and names that deadline; a later one changes nothing.
 */
class ProbeDeadlineTest {

    @Test
    void aSilentServerTimesOutAtTheCallersDeadlineNotThePhaseLimit() {
        try (RdpProber prober = RdpProber.builder().udp(false).x224Timeout(Duration.ofSeconds(20)).deadline(Duration.ofSeconds(30)).build();
             FakeRdpServer server = FakeRdpServer.start(Scenario.silentAfterConnectionRequest())) {
            ConnectionOutcome o = prober.probe(server.target(), Duration.ofMillis(150)).join();
            assertThat(o.phase(Phase.X224_NEGOTIATION).status()).isEqualTo(PhaseStatus.TIMED_OUT);
            Failure.TimedOut t = (Failure.TimedOut) o.phase(Phase.X224_NEGOTIATION).failure().orElseThrow();
            assertThat(t.limit()).isLessThanOrEqualTo(Duration.ofMillis(150));
        }
    }

    @Test
    void aDeadlineLaterThanTheProbersOwnLeavesTheProbersLimit() {
        try (RdpProber prober = RdpProber.builder().udp(false).x224Timeout(Duration.ofMillis(100)).deadline(Duration.ofSeconds(5)).build();
             FakeRdpServer server = FakeRdpServer.start(Scenario.silentAfterConnectionRequest())) {
            ConnectionOutcome o = prober.probe(server.target(), Duration.ofMinutes(10)).join();
            Failure.TimedOut t = (Failure.TimedOut) o.phase(Phase.X224_NEGOTIATION).failure().orElseThrow();
            assertThat(t.limit()).isEqualTo(Duration.ofMillis(100));
            assertThat(t.limitKind()).isEqualTo(Failure.TimedOut.LimitKind.PHASE_LIMIT);
        }
    }

    @Test
    void aDeadlineMustBePositive() {
        try (RdpProber prober = RdpProber.builder().udp(false).build()) {
            assertThatThrownBy(() -> prober.probe(dev.rdpprobe.core.target.Target.parse("127.0.0.1"), Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadline must be positive");
        }
    }
}
