package dev.rdpprobe.cli;

import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;

/**
 * The exit codes of {@code rdp-probe}. They are part of the command's contract with scripts and are
 * never renumbered.
 */
public final class ExitCodes {

    /** Every target is healthy: verdict OK. */
    public static final int OK = 0;
    /** A phase failed (for several targets: at least one failed, none timed out). */
    public static final int PHASE_FAILED = 1;
    /** Bad command line or input: a message says what to fix. */
    public static final int USAGE = 2;
    /** A phase timed out (for several targets: at least one timed out). */
    public static final int TIMED_OUT = 3;
    /**
     * A bug in rdp-probe. For several targets: rdp-probe failed on at least one (its outcome could not
     * be printed, or its probe ended without one); that target is printed as an internal error and
     * every other target as usual. It outranks every other outcome code: a script must learn that a
     * result is missing even when the others timed out.
     */
    public static final int INTERNAL = 4;

    private ExitCodes() {
    }

    /**
     * The exit code one outcome calls for: {@link #OK}, {@link #PHASE_FAILED} or {@link #TIMED_OUT},
     * from its verdict; {@link #INTERNAL} when a bug in rdp-probe ended the probe. When every TCP phase was
     * skipped (a UDP-only probe), the UDP phase decides.
     */
    public static int of(ConnectionOutcome outcome) {
        if (isInternalError(outcome)) {
            return INTERNAL;
        }
        switch (outcome.verdict()) {
            case FAILED:
                return PHASE_FAILED;
            case TIMED_OUT:
                return TIMED_OUT;
            default:
                break;
        }
        boolean tcpSkipped = outcome.phases().stream()
                .filter(p -> p.phase().isTcpPath())
                .allMatch(p -> p.status() == PhaseStatus.SKIPPED);
        if (tcpSkipped) {
            PhaseResult udp = outcome.phase(Phase.UDP_TRANSPORT);
            if (udp.status() == PhaseStatus.TIMED_OUT) {
                return TIMED_OUT;
            }
            if (udp.status() == PhaseStatus.FAILED) {
                return PHASE_FAILED;
            }
        }
        return OK;
    }

    /** Whether a bug in rdp-probe ended the probe: a phase failed with an internal error, or the diagnosis says so. */
    private static boolean isInternalError(ConnectionOutcome outcome) {
        return outcome.phases().stream().anyMatch(p -> p.failure().orElse(null) instanceof Failure.Internal)
                || (outcome.diagnosis() != null && outcome.diagnosis().code() == DiagnosisCode.INTERNAL_ERROR);
    }

    /** The worse of two outcome exit codes: {@link #INTERNAL} over {@link #TIMED_OUT} over {@link #PHASE_FAILED} over {@link #OK}. */
    public static int worst(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int code) {
        switch (code) {
            case OK: return 0;
            case PHASE_FAILED: return 1;
            case TIMED_OUT: return 2;
            default: return 3;
        }
    }
}
