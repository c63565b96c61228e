package dev.rdpprobe.core.internal.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.target.Target;
import org.junit.jupiter.api.Test;

/** A lost run's result says only what is sure: earlier phases completed (timing lost), the phase it was in failed. */
class LostResultsTest {

    static final Failure LOST = new Failure.Internal("waiting in TLS_HANDSHAKE", "lost");

    @Test
    void phasesBeforeTheLostOneCompletedAndLaterOnesWereNotReached() {
        SequenceResult r = LostResults.sequence(Target.of("rdp.example", 3389), true, Phase.TLS_HANDSHAKE, LOST);
        assertThat(r.tcpPhases()).extracting(PhaseResult::status).containsExactly(PhaseStatus.OK, PhaseStatus.OK,
                PhaseStatus.OK, PhaseStatus.FAILED, PhaseStatus.NOT_REACHED, PhaseStatus.NOT_REACHED,
                PhaseStatus.NOT_REACHED);
        assertThat(r.tcpPhases().get(0).note()).contains(LostResults.TIMING_LOST);
        assertThat(r.tcpPhases().get(3).failure()).contains(LOST);
    }

    @Test
    void anIpLiteralWasNeverResolvedAndAUdpOnlyProbeHasNoTcpPath() {
        SequenceResult literal = LostResults.sequence(Target.of("127.0.0.1", 3389), true, Phase.X224_NEGOTIATION, LOST);
        assertThat(literal.tcpPhases().get(0).status()).isEqualTo(PhaseStatus.SKIPPED);
        SequenceResult udpOnly = LostResults.sequence(Target.of("rdp.example", 3389), false, Phase.TLS_HANDSHAKE, LOST);
        assertThat(udpOnly.tcpPhases()).extracting(PhaseResult::status).containsExactly(PhaseStatus.FAILED,
                PhaseStatus.SKIPPED, PhaseStatus.SKIPPED, PhaseStatus.SKIPPED, PhaseStatus.SKIPPED, PhaseStatus.SKIPPED,
                PhaseStatus.SKIPPED);
        assertThat(LostResults.udp(false, LOST).note()).contains(OutcomeAssembly.UDP_OFF);
        assertThat(LostResults.udp(true, LOST).failure()).contains(LOST);
    }
}
