package dev.rdpprobe.core.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Finding;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.ServerFacts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalOverloadFindingTest {

    private static Failure.TimedOut timedOut(long limitMs, long lagMs) {
        return new Failure.TimedOut(Duration.ofMillis(limitMs), 0, "X.224 Connection Confirm",
                Failure.TimedOut.LimitKind.PHASE_LIMIT, Duration.ofMillis(limitMs), Duration.ofMillis(lagMs));
    }

    @Test
    void lagBeyondAFifthOfTheLimitAndFiftyMillisecondsIsTheProbersSuspect() {
        assertThat(DiagnosisLimits.proberLagged(timedOut(5000, 1001))).isTrue();
        assertThat(DiagnosisLimits.proberLagged(timedOut(5000, 1000))).isFalse();
        assertThat(DiagnosisLimits.proberLagged(timedOut(100, 51))).as("50 ms floor for short limits").isTrue();
        assertThat(DiagnosisLimits.proberLagged(timedOut(100, 40))).isFalse();
        assertThat(DiagnosisLimits.proberLagged(new Failure.TimedOut(Duration.ofMillis(100), 0, "x"))).as("not measured").isFalse();
    }

    @Test
    void theFindingNamesTheLagThePhaseAndTheLimit() {
        List<PhaseResult> phases = new ArrayList<>();
        for (Phase p : Phase.values()) {
            phases.add(p == Phase.X224_NEGOTIATION
                    ? PhaseResult.failed(p, Duration.ZERO, Duration.ofMillis(700), timedOut(300, 420))
                    : PhaseResult.notReached(p));
        }
        List<Finding> findings = FindingRules.derive(phases, ServerFacts.NONE);
        assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.LOCAL_OVERLOAD);
        assertThat(findings.get(0).message()).isEqualTo("local event loop lagged 420 ms during X224_NEGOTIATION (limit 300 ms); "
                + "timing and timeouts may be the prober's, not the server's");
    }
}
