package dev.rdpprobe.core.outcome;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an outcome means to the person staring at the Windows client's error, and what to do.
 *
 * @param code stable code
 * @param summary one sentence of what happened
 * @param windowsError the error pair the Windows client most likely shows; empty if none is known (a healthy outcome)
 * @param remedies what to do, most likely first, each with the exact admin action
 */
public record Diagnosis(DiagnosisCode code, String summary, Optional<WindowsError> windowsError, List<String> remedies) {

    public Diagnosis {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(windowsError, "windowsError");
        remedies = List.copyOf(remedies);
    }
}
