package dev.rdpprobe.core.diagnosis;

import static dev.rdpprobe.core.diagnosis.OutcomeFixture.failingAt;
import static dev.rdpprobe.core.diagnosis.OutcomeFixture.healthy;
import static dev.rdpprobe.core.diagnosis.OutcomeFixture.ntlm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.WindowsError;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The README's accessor chains on outcomes that lack the facts they reach for: a probe refused at X.224 has no
 * TLS, a healthy one has no Windows error, and neither throws.
 */
class NullSafeOutcomeTest {

    private static ConnectionOutcome diagnosed(ConnectionOutcome o) {
        return o.withDiagnosis(Diagnoser.diagnose(o));
    }

    @Test
    void anX224FailedOutcomeHasNoTlsAndTheReadmeChainDoesNotThrow() {
        NegotiationFailure nlaRequired = NegotiationFailure.of(NegotiationFailure.Reason.HYBRID_REQUIRED_BY_SERVER);
        ConnectionOutcome outcome = diagnosed(failingAt(Phase.X224_NEGOTIATION, new Failure.NegotiationFailed(nlaRequired))
                .server(f -> f.withNegotiation(NegotiationFacts.refused(SecurityProtocolSet.DEFAULT_REQUEST, nlaRequired)))
                .build());

        assertThat(outcome.server().tls()).isEmpty();
        assertThat(outcome.server().credssp()).isEmpty();
        assertThat(outcome.server().udp()).isEmpty();
        assertThat(outcome.server().securityLayers()).isEmpty();
        // the README's chains, as written there
        Optional<SecurityProtocol> selected = outcome.server().negotiation().flatMap(NegotiationFacts::selected);
        Optional<Instant> expiry = outcome.server().tls().flatMap(TlsFacts::leaf).flatMap(CertificateReport::notAfter);
        Optional<String> os = outcome.server().credssp().flatMap(CredSspFacts::ntlm).map(NtlmServerInfo::osVersion);
        Optional<String> shown = outcome.diagnosis().windowsError().map(WindowsError::display);
        assertThat(selected).as("refused: nothing selected").isEmpty();
        assertThat(expiry).isEmpty();
        assertThat(os).isEmpty();
        assertThat(shown).isPresent();
        assertThat(outcome.phase(Phase.TLS_HANDSHAKE).failure()).isEmpty();
        assertThat(outcome.phase(Phase.X224_NEGOTIATION).failure()).containsInstanceOf(Failure.NegotiationFailed.class);
        assertThat(outcome.server().negotiation().orElseThrow().selected()).isEmpty();
        assertThat(outcome.server().negotiation().orElseThrow().failure()).contains(nlaRequired);
        assertThat(outcome.diagnosis().code()).isEqualTo(DiagnosisCode.NLA_REQUIRED_BY_SERVER);
    }

    @Test
    void aHealthyOutcomeHasNoWindowsErrorAndEveryFactItLearned() {
        ConnectionOutcome outcome = diagnosed(healthy().build());

        assertThat(outcome.diagnosis().code()).isEqualTo(DiagnosisCode.HEALTHY);
        assertThat(outcome.diagnosis().windowsError()).isEmpty();
        assertThat(outcome.diagnosis().windowsError().map(WindowsError::display)).isEmpty();
        assertThat(outcome.server().negotiation().flatMap(NegotiationFacts::selected)).contains(SecurityProtocol.HYBRID_EX);
        assertThat(outcome.server().tls().flatMap(TlsFacts::leaf).flatMap(CertificateReport::notAfter)).isPresent();
        assertThat(outcome.server().credssp().flatMap(CredSspFacts::ntlm).map(NtlmServerInfo::osVersion)).contains("10.0.17763");
        assertThat(outcome.phases()).allSatisfy(p -> assertThat(p.failure()).isEmpty());
    }

    /** One limit, one judgement: the finding and the diagnosis change on the same side of it. */
    @Test
    void theClockSkewLimitIsTheSameForTheFindingAndTheDiagnosis() {
        Duration limit = DiagnosisLimits.MAX_CLOCK_SKEW;
        for (Duration skew : new Duration[] {limit, limit.negated(), limit.plusSeconds(1), limit.negated().minusSeconds(1)}) {
            OutcomeFixture fixture = healthy().server(f -> f.withCredssp(CredSspFacts.challenge(6, false, ntlm(skew))));
            ConnectionOutcome bare = fixture.build();
            boolean beyond = DiagnosisLimits.clockSkewBeyondLimit(skew);
            boolean finding = FindingRules.derive(bare.phases(), bare.server()).stream()
                    .anyMatch(f -> f.code() == FindingCode.CLOCK_SKEW);
            // the diagnosis judged without the finding: only the limit itself can make it CLOCK_SKEW
            DiagnosisCode code = Diagnoser.diagnose(bare).code();
            assertThat(finding).as("finding for a skew of " + skew).isEqualTo(beyond);
            assertThat(code == DiagnosisCode.CLOCK_SKEW).as("diagnosis for a skew of " + skew).isEqualTo(beyond);
        }
        assertThat(DiagnosisLimits.clockSkewBeyondLimit(limit)).isFalse();
        assertThat(DiagnosisLimits.clockSkewBeyondLimit(limit.plusNanos(1))).isTrue();
    }
}
