package dev.rdpprobe.core.outcome;

import dev.rdpprobe.core.target.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one probe: every phase with its status and timing, what the server revealed,
 * findings, and the diagnosis.
 *
 * @param target what was probed
 * @param startedAt wall-clock start of the probe
 * @param total wall-clock duration of the probe
 * @param phases one result per {@link Phase}, in {@link Phase} order; a list without {@link Phase#CREDSSP_AUTH} (an
 *     outcome recorded before the credential check existed) gets it inserted as SKIPPED, {@value #NO_CREDENTIALS}; a list
 *     without {@link Phase#MCS_CONNECT} (recorded before that phase existed) gets it as SKIPPED, {@value #MCS_NOT_RECORDED}
 * @param server what the server revealed
 * @param findings problems that did not stop the probe
 * @param diagnosis what it means and what to do
 */
public record ConnectionOutcome(
        Target target,
        Instant startedAt,
        Duration total,
        List<PhaseResult> phases,
        ServerFacts server,
        List<Finding> findings,
        Diagnosis diagnosis) {

    public ConnectionOutcome {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(server, "server");
        phases = withLaterPhases(List.copyOf(phases));
        findings = List.copyOf(findings);
        if (phases.size() != PHASE_COUNT) {
            throw new IllegalArgumentException("an outcome needs one result per phase, got " + phases.size());
        }
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).phase().ordinal() != i) {
                throw new IllegalArgumentException("phase results must be in Phase order; position " + i + " holds " + phases.get(i).phase());
            }
        }
    }

    /** How many phases an outcome has results for ({@code Phase.values()} copies its array at each call). */
    private static final int PHASE_COUNT = Phase.values().length;

    /** The note of a credential check that did not run because the caller gave no credentials. */
    public static final String NO_CREDENTIALS = "no credentials given";

    /** The note of MCS_CONNECT in an outcome recorded without that phase (before rdp-probe had it). */
    public static final String MCS_NOT_RECORDED = "not recorded (an outcome from before rdp-probe had MCS_CONNECT)";

    /** The phases with CREDSSP_AUTH and MCS_CONNECT inserted as SKIPPED where an older list lacks them. */
    private static List<PhaseResult> withLaterPhases(List<PhaseResult> phases) {
        if (phases.size() >= PHASE_COUNT) {
            return phases;
        }
        List<PhaseResult> completed = new java.util.ArrayList<>(phases);
        insertIfMissing(completed, Phase.CREDSSP_AUTH, NO_CREDENTIALS);
        insertIfMissing(completed, Phase.MCS_CONNECT, MCS_NOT_RECORDED);
        return List.copyOf(completed);
    }

    private static void insertIfMissing(List<PhaseResult> phases, Phase phase, String why) {
        if (phases.size() < PHASE_COUNT && phases.size() >= phase.ordinal()
                && phases.stream().noneMatch(p -> p.phase() == phase)) {
            phases.add(phase.ordinal(), PhaseResult.skipped(phase, why));
        }
    }

    /** The result of one phase. */
    public PhaseResult phase(Phase phase) {
        return phases.get(phase.ordinal());
    }

    /** Results by phase. */
    public Map<Phase, PhaseResult> phaseMap() {
        Map<Phase, PhaseResult> map = new EnumMap<>(Phase.class);
        phases.forEach(p -> map.put(p.phase(), p));
        return map;
    }

    /** The first TCP-path phase that failed or timed out; empty when the TCP path is OK. */
    public Optional<Phase> failedPhase() {
        for (int i = 0; i < phases.size(); i++) {
            PhaseResult p = phases.get(i);
            if (p.phase().isTcpPath() && p.status().isProblem()) {
                return Optional.of(p.phase());
            }
        }
        return Optional.empty();
    }

    /** The failure of {@link #failedPhase()}, if any. */
    public Optional<Failure> failure() {
        return failedPhase().flatMap(p -> phase(p).failure());
    }

    /** Whether a Windows client could get through the TCP path. */
    public Verdict verdict() {
        return failedPhase()
                .map(p -> phase(p).status() == PhaseStatus.TIMED_OUT ? Verdict.TIMED_OUT : Verdict.FAILED)
                .orElse(Verdict.OK);
    }

    /** Whether the outcome has a finding with this code. */
    public boolean hasFinding(FindingCode code) {
        for (int i = 0; i < findings.size(); i++) {
            if (findings.get(i).code() == code) {
                return true;
            }
        }
        return false;
    }

    /** A copy with the diagnosis set. */
    public ConnectionOutcome withDiagnosis(Diagnosis value) {
        return new ConnectionOutcome(target, startedAt, total, phases, server, findings, value);
    }
}
