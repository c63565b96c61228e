package dev.rdpprobe.core;

import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.diagnosis.Diagnoser;
import dev.rdpprobe.core.outcome.Diagnosis;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.LocalFailures;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.ServerFacts;
import dev.rdpprobe.core.internal.sequence.SequenceResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Results for probes that rdp-probe lost or could not finish, built without the run's state (which may be
 * what broke): from what is known for sure, the target, when it started, the phase it was in and why it
 * ended. Phases before that one are reported as completed with their timing lost, never as not reached.
 */
final class InternalOutcomes {

    /** The note of a phase that completed before the probe lost track of itself. */
    static final String TIMING_LOST = "completed; its timing was lost with the probe's state";

    private InternalOutcomes() {
    }

    /**
     * The TCP path of a run that ended in {@code phase} with {@code failure} when its sequence could not say.
     *
     * @param tcp whether the run had a TCP path at all (false for a UDP-only probe)
     */
    static SequenceResult sequence(Target target, boolean tcp, Phase phase, Failure failure) {
        Phase failed = tcp && phase.isTcpPath() ? phase : Phase.RESOLVE;
        List<PhaseResult> phases = new ArrayList<>();
        for (Phase p : Phase.values()) {
            if (!p.isTcpPath()) {
                continue;
            }
            if (p == Phase.RESOLVE && target.isIpLiteral() && p != failed) {
                phases.add(PhaseResult.skipped(p, "IP literal; nothing to resolve"));
            } else if (p.ordinal() < failed.ordinal()) {
                phases.add(new PhaseResult(p, PhaseStatus.OK, Duration.ZERO, Duration.ZERO, Optional.empty(), Optional.of(TIMING_LOST)));
            } else if (p == failed) {
                phases.add(PhaseResult.failed(p, Duration.ZERO, Duration.ZERO, failure));
            } else if (!tcp) {
                phases.add(PhaseResult.skipped(p, "UDP-only probe"));
            } else {
                phases.add(PhaseResult.notReached(p));
            }
        }
        return new SequenceResult(phases, ServerFacts.NONE);
    }

    /** The UDP phase of a probe whose UDP probe was lost or never started because the probe was. */
    static PhaseResult udp(boolean probed, Failure failure) {
        return probed ? PhaseResult.failed(Phase.UDP_TRANSPORT, Duration.ZERO, Duration.ZERO, failure)
                : PhaseResult.skipped(Phase.UDP_TRANSPORT, "UDP probe switched off");
    }

    /** A whole outcome from a TCP path and a UDP phase, diagnosed; no findings (the facts they rest on are gone). */
    static ConnectionOutcome outcome(Target target, Instant startedAt, long startNanos, SequenceResult tcp, PhaseResult udp) {
        List<PhaseResult> phases = new ArrayList<>(tcp.tcpPhases());
        phases.add(udp);
        ConnectionOutcome outcome = new ConnectionOutcome(target, startedAt, Duration.ofNanos(Math.max(0, System.nanoTime() - startNanos)),
                phases, tcp.facts(), List.of(), null);
        try {
            return outcome.withDiagnosis(Diagnoser.diagnose(outcome));
        } catch (RuntimeException e) {
            return outcome.withDiagnosis(diagnosis(outcome, new Failure.Internal("diagnosing the outcome", LocalFailures.describe(e))));
        }
    }

    /**
     * The diagnosis of an outcome that rdp-probe could not finish interpreting: the table's INTERNAL_ERROR
     * entry; should even that fail, the same words without the table.
     */
    static Diagnosis diagnosis(ConnectionOutcome outcome, Failure.Internal failure) {
        try {
            return Diagnoser.internalError(outcome, failure);
        } catch (RuntimeException e) {
            return new Diagnosis(DiagnosisCode.INTERNAL_ERROR, "A bug in rdp-probe ended its probe of " + outcome.target()
                    + " (" + failure.message() + "), so this result says nothing about the server.", null,
                    List.of("Probe again; if it happens again, report it to the rdp-probe project with this message."));
        }
    }
}
