package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.testkit.SampleOutcomes;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An outcome that a bug in rdp-probe ended exits with INTERNAL (4), which outranks every other outcome. */
class ExitCodesTest {

    @Test
    void anInternalErrorInAPhaseIsTheInternalExitCode() {
        ConnectionOutcome refused = SampleOutcomes.refusedWithoutDiagnosis();
        List<PhaseResult> phases = new ArrayList<>(refused.phases());
        phases.set(Phase.TCP_CONNECT.ordinal(), PhaseResult.failed(Phase.TCP_CONNECT, Duration.ZERO, Duration.ZERO,
                new Failure.Internal("handling the TCP connect", "IllegalStateException: boom")));
        ConnectionOutcome internal = new ConnectionOutcome(refused.target(), refused.startedAt(), refused.total(), phases,
                refused.server(), refused.findings(), null);
        assertThat(ExitCodes.of(refused)).isEqualTo(ExitCodes.PHASE_FAILED);
        assertThat(ExitCodes.of(internal)).isEqualTo(ExitCodes.INTERNAL);
        assertThat(ExitCodes.worst(ExitCodes.TIMED_OUT, ExitCodes.INTERNAL)).isEqualTo(ExitCodes.INTERNAL);
    }
}
