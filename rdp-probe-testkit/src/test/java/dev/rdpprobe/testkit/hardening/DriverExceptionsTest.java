package dev.rdpprobe.testkit.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.UdpMode;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An exception thrown inside the driver's own code, on the event loop, ends that probe as an internal error
 * in the phase it was in; it is not mistaken for a failure of the channel or the server. The exception comes
 * from the prober's clock, which the driver reads on the event loop when the TLS handshake completes (the time the
 * certificate is judged at, before the chain goes to inspection) and when the CredSSP answer arrives (for the server's clock skew).
 */
class DriverExceptionsTest {

    /** A clock whose {@code n}-th reading (from 1) and every later one throw. */
    static final class FailingClock extends Clock {
        private final AtomicInteger readings = new AtomicInteger();
        private final int failFrom;

        FailingClock(int failFrom) {
            this.failFrom = failFrom;
        }

        @Override
        public Instant instant() {
            if (readings.incrementAndGet() >= failFrom) {
                throw new IllegalStateException("injected clock failure");
            }
            return Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @ParameterizedTest(name = "reading {0} of the clock throws: internal error in {1}")
    @CsvSource({"2, TLS_HANDSHAKE, handing the TLS chain to inspection", "3, CREDSSP, reading a PDU from the server"})
    void anExceptionOnTheEventLoopIsAnInternalErrorOfThatPhase(int failingReading, Phase phase, String during) throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy());
                RdpProber prober = RdpProber.builder().udpMode(UdpMode.OFF).clock(new FailingClock(failingReading))
                        .phaseTimeout(Duration.ofSeconds(5)).build()) {
            ConnectionOutcome o = prober.probe(server.target()).get(30, TimeUnit.SECONDS);
            assertThat(o.failedPhase()).contains(phase);
            assertThat(o.phase(phase).status()).isEqualTo(PhaseStatus.FAILED);
            Failure failure = o.failure().orElseThrow();
            assertThat(failure.kind()).as(failure.message()).isEqualTo("INTERNAL_ERROR");
            assertThat(failure.message()).contains(during, "injected clock failure", "a bug in rdp-probe");
            assertThat(o.diagnosis().code().name()).isEqualTo("INTERNAL_ERROR");
            for (Phase earlier : Phase.values()) {
                if (earlier.isTcpPath() && earlier.ordinal() < phase.ordinal()) {
                    assertThat(o.phase(earlier).status()).as(earlier.name()).isIn(PhaseStatus.OK, PhaseStatus.SKIPPED);
                }
            }
        }
    }
}
