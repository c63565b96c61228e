package dev.rdpprobe.core.outcome;

/** How much a finding matters. */
public enum Severity {
    /** Worth knowing; nothing to fix. */
    INFO,
    /** Weakens security or may break some clients. */
    WARNING,
    /** Would stop a real client, or is a serious security problem. */
    CRITICAL
}
