package dev.rdpprobe.core.outcome;

/**
 * Whether a Windows client could get through the TCP path. A UDP problem alone leaves the verdict
 * {@link #OK} (clients fall back to TCP) and becomes a finding.
 */
public enum Verdict {
    /** Every TCP-path phase that applies completed. */
    OK,
    /** A TCP-path phase failed. */
    FAILED,
    /** A TCP-path phase timed out. */
    TIMED_OUT
}
