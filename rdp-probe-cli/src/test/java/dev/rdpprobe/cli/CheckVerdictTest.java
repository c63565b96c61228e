package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Diagnosis;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Finding;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.testkit.SampleOutcomes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verdict mapping of {@code rdp-probe check}: which outcome is which plugin state and exit code, and how its line reads. */
class CheckVerdictTest {

    static CheckVerdict judge(ConnectionOutcome outcome) {
        return CheckVerdict.of(outcome, CheckThresholds.NONE, FindingLevels.defaults(), 10, false);
    }

    static ConnectionOutcome withPhase(ConnectionOutcome base, PhaseResult replacement, Diagnosis diagnosis) {
        List<PhaseResult> phases = new ArrayList<>(base.phases());
        phases.set(replacement.phase().ordinal(), replacement);
        return new ConnectionOutcome(base.target(), base.startedAt(), base.total(), phases, base.server(), base.findings(), diagnosis);
    }

    static Diagnosis diagnosis(DiagnosisCode code, String summary) {
        return new Diagnosis(code, summary, Optional.empty(), List.of());
    }

    @Test
    void exitCodesAreThePluginStates() {
        assertThat(PluginState.OK.exitCode()).isZero();
        assertThat(PluginState.WARNING.exitCode()).isEqualTo(1);
        assertThat(PluginState.CRITICAL.exitCode()).isEqualTo(2);
        assertThat(PluginState.UNKNOWN.exitCode()).isEqualTo(3);
        assertThat(PluginState.worst(PluginState.UNKNOWN, PluginState.WARNING)).isEqualTo(PluginState.WARNING);
        assertThat(PluginState.worst(PluginState.CRITICAL, PluginState.UNKNOWN)).isEqualTo(PluginState.CRITICAL);
        assertThat(PluginState.worst(PluginState.OK, PluginState.UNKNOWN)).isEqualTo(PluginState.UNKNOWN);
    }

    @Test
    void failedAndTimedOutTcpPhasesAreCritical() {
        CheckVerdict refused = judge(SampleOutcomes.refusedWithoutDiagnosis());
        assertThat(refused.state()).isEqualTo(PluginState.CRITICAL);
        assertThat(refused.reasons()).containsExactly("TCP_CONNECT failed");
        CheckVerdict silent = judge(SampleOutcomes.silent());
        assertThat(silent.state()).isEqualTo(PluginState.CRITICAL);
        assertThat(silent.reasons().get(0)).startsWith("X224_NEGOTIATION timed out");
    }

    @Test
    void localProblemsOfTheProbeAreUnknown() {
        ConnectionOutcome refused = SampleOutcomes.refusedWithoutDiagnosis();
        for (Failure local : List.of(new Failure.Internal("handling the TCP connect", "IllegalStateException: boom"),
                new Failure.OutOfFileDescriptors("Too many open files"), new Failure.TlsEngineUnavailable("no TLS engine"),
                new Failure.LocalError("no local port"))) {
            ConnectionOutcome outcome = withPhase(refused, PhaseResult.failed(Phase.TCP_CONNECT, Duration.ZERO, Duration.ZERO, local), null);
            CheckVerdict v = judge(outcome);
            assertThat(v.state()).as(local.kind()).isEqualTo(PluginState.UNKNOWN);
            assertThat(v.reasons()).as(local.kind()).singleElement().asString().contains("the probe itself failed at TCP_CONNECT");
        }
        ConnectionOutcome overloaded = SampleOutcomes.silent().withDiagnosis(diagnosis(DiagnosisCode.LOCAL_OVERLOAD, "the prober lagged"));
        assertThat(judge(overloaded).state()).isEqualTo(PluginState.UNKNOWN);
        CheckVerdict timed = CheckVerdict.of(overloaded, new CheckThresholds(ThresholdRange.parse("@0:"), ThresholdRange.parse("@0:"), null, null),
                FindingLevels.defaults(), 10, false);
        assertThat(timed.state()).as("the time of an overloaded probe is not judged").isEqualTo(PluginState.UNKNOWN);
    }

    @Test
    void findingsOutrankAnUnknownAndFollowTheirLevels() {
        ConnectionOutcome base = SampleOutcomes.everything();
        ConnectionOutcome withFindings = new ConnectionOutcome(base.target(), base.startedAt(), base.total(), base.phases(), base.server(),
                List.of(Finding.of(FindingCode.NLA_NOT_REQUIRED, "plain TLS"), Finding.of(FindingCode.CERT_SELF_SIGNED, "self-signed")),
                diagnosis(DiagnosisCode.HEALTHY, "fine"));
        CheckVerdict v = judge(withFindings);
        assertThat(v.state()).isEqualTo(PluginState.WARNING);
        assertThat(v.reasons()).containsExactly("NLA_NOT_REQUIRED");
        assertThat(CheckVerdict.of(withFindings, CheckThresholds.NONE, FindingLevels.parse(null, null, "NLA_NOT_REQUIRED"), 10, false).state())
                .isEqualTo(PluginState.OK);
    }

    @Test
    void serverTextCanNeitherEndTheLineNorStartPerfdata() {
        ConnectionOutcome hostile = SampleOutcomes.everything()
                .withDiagnosis(diagnosis(DiagnosisCode.HEALTHY, "CN=evil | 'x'=1\nRDP OK - \u001b[2J fine\u2028more"));
        String line = PluginOutput.line(judge(hostile));
        assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u001b").doesNotContain("\u2028");
        assertThat(line.indexOf('|')).as("the only | is the perfdata separator").isEqualTo(line.lastIndexOf('|'));
        assertThat(line).contains("CN=evil \\x7c 'x'=1\\x0aRDP OK - \\x1b[2J fine\\u2028more | 'resolve'=");
        String longText = PluginOutput.line(PluginState.UNKNOWN, "x".repeat(5000));
        assertThat(longText.codePointCount(0, longText.length())).isLessThanOrEqualTo(PluginOutput.MAX_TEXT + "RDP UNKNOWN - ".length());
    }
}
