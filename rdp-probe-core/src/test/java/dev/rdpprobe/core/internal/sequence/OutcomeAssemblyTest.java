package dev.rdpprobe.core.internal.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.ServerFacts;
import dev.rdpprobe.core.target.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outcome is assembled complete: its diagnosis is there when it is built. */
class OutcomeAssemblyTest {

    static final Target TARGET = Target.of("127.0.0.1", 3389);

    static SequenceResult refused() {
        List<PhaseResult> phases = new ArrayList<>();
        phases.add(PhaseResult.skipped(Phase.RESOLVE, "IP literal; nothing to resolve"));
        phases.add(PhaseResult.failed(Phase.TCP_CONNECT, Duration.ZERO, Duration.ofMillis(1), new Failure.Refused()));
        phases.add(PhaseResult.notReached(Phase.X224_NEGOTIATION));
        phases.add(PhaseResult.notReached(Phase.TLS_HANDSHAKE));
        phases.add(PhaseResult.notReached(Phase.CREDSSP));
        phases.add(PhaseResult.notReached(Phase.MCS_CONNECT));
        return new SequenceResult(phases, ServerFacts.NONE);
    }

    @Test
    void anAssembledOutcomeHasItsDiagnosis() {
        ConnectionOutcome o = OutcomeAssembly.assemble(TARGET, Instant.EPOCH, Duration.ofMillis(2), refused(),
                OutcomeAssembly.Udp.notStarted(false), null, null, "test");
        assertThat(o.diagnosis()).isNotNull();
        assertThat(o.diagnosis().code()).as(o.diagnosis().summary()).isNotEqualTo(DiagnosisCode.INTERNAL_ERROR);
        assertThat(o.phase(Phase.UDP_TRANSPORT).status()).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(o.phase(Phase.UDP_TRANSPORT).note()).contains(OutcomeAssembly.UDP_OFF);
    }

    @Test
    void aUdpProbeNeverStartedIsNotReachedWhenItWasWanted() {
        assertThat(OutcomeAssembly.Udp.notStarted(true).phase().status()).isEqualTo(PhaseStatus.NOT_REACHED);
    }

    @Test
    void anOutcomeWithoutFindingsIsDiagnosedToo() {
        ConnectionOutcome o = OutcomeAssembly.withoutFindings(TARGET, Instant.EPOCH, Duration.ofMillis(2), refused(),
                PhaseResult.notReached(Phase.UDP_TRANSPORT));
        assertThat(o.diagnosis()).isNotNull();
        assertThat(o.findings()).isEmpty();
    }
}
