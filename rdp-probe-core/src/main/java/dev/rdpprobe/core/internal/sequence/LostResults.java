package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.ServerFacts;
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
public final class LostResults {

    /** The note of a phase that completed before the probe lost track of itself. */
    public static final String TIMING_LOST = "completed; its timing was lost with the probe's state";

    private LostResults() {
    }

    /**
     * The TCP path of a run that ended in {@code phase} with {@code failure} when its sequence could not say.
     *
     * @param tcp whether the run had a TCP path at all (false for a UDP-only probe)
     */
    public static SequenceResult sequence(Target target, boolean tcp, Phase phase, Failure failure) {
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
    public static PhaseResult udp(boolean probed, Failure failure) {
        return probed ? PhaseResult.failed(Phase.UDP_TRANSPORT, Duration.ZERO, Duration.ZERO, failure)
                : PhaseResult.skipped(Phase.UDP_TRANSPORT, OutcomeAssembly.UDP_OFF);
    }

    /** A whole outcome from a TCP path and a UDP phase, diagnosed; no findings (the facts they rest on are gone). */
    public static ConnectionOutcome outcome(Target target, Instant startedAt, Duration total, SequenceResult tcp, PhaseResult udp) {
        return OutcomeAssembly.withoutFindings(target, startedAt, total, tcp, udp);
    }
}
