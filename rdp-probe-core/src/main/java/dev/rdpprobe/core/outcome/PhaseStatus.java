package dev.rdpprobe.core.outcome;

/** How one phase ended. */
public enum PhaseStatus {
    /** The phase completed as a client would need it to. */
    OK,
    /** The phase failed; {@link PhaseResult#failure()} says how. */
    FAILED,
    /** The phase's own timeout or the probe's overall deadline expired. */
    TIMED_OUT,
    /** The phase does not apply (for example TLS when the server selected Standard RDP Security), or was switched off. */
    SKIPPED,
    /** An earlier phase failed, so this one was never attempted. */
    NOT_REACHED;

    /** Whether this status ends the TCP path with a problem. */
    public boolean isProblem() {
        return this == FAILED || this == TIMED_OUT;
    }
}
