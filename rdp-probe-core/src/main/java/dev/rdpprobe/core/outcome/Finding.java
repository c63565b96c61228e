package dev.rdpprobe.core.outcome;

import java.util.Objects;

/**
 * A problem that did not stop the probe but would stop a real client or worry an admin.
 *
 * @param code stable code
 * @param severity how much it matters
 * @param message one sentence with the specifics (dates, names, versions)
 */
public record Finding(FindingCode code, Severity severity, String message) {

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    /** A finding with the code's default severity. */
    public static Finding of(FindingCode code, String message) {
        return new Finding(code, code.severity(), message);
    }
}
