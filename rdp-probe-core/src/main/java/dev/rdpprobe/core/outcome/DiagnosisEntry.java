package dev.rdpprobe.core.outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the diagnosis table ({@code diagnoses.txt}): what a {@link DiagnosisCode} says and
 * which Windows client error it most likely shows.
 *
 * @param code the diagnosis code
 * @param phases the probe phases whose failure (or findings) lead to this code; empty for HEALTHY and LOCAL_ERROR
 * @param summaryTemplate one sentence with {@code {variable}} placeholders, filled from the outcome's facts
 * @param windowsError the error pair the Windows client most likely shows; empty where no source gives one
 * @param alsoShows other pairs the same event plausibly shows (confidence {@link WindowsErrorConfidence#LIKELY})
 * @param basis where the pair comes from (error-codes.md section and row), or {@code null}
 * @param remedyTemplates remedies, most likely first, with {@code {variable}} placeholders
 */
public record DiagnosisEntry(
        DiagnosisCode code,
        List<Phase> phases,
        String summaryTemplate,
        Optional<WindowsError> windowsError,
        List<WindowsError> alsoShows,
        String basis,
        List<String> remedyTemplates) {

    public DiagnosisEntry {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(summaryTemplate, "summaryTemplate");
        Objects.requireNonNull(windowsError, "windowsError");
        phases = List.copyOf(phases);
        alsoShows = List.copyOf(alsoShows);
        remedyTemplates = List.copyOf(remedyTemplates);
    }

    /** The main pair (if any) followed by {@link #alsoShows()}. */
    public List<WindowsError> allWindowsErrors() {
        List<WindowsError> all = new ArrayList<>();
        windowsError.ifPresent(all::add);
        all.addAll(alsoShows);
        return all;
    }

    /** Whether this entry names the pair, as its main pair or among {@link #alsoShows()}. */
    public boolean shows(long disconnectReason, long extendedReason) {
        return allWindowsErrors().stream()
                .anyMatch(w -> Integer.toUnsignedLong(w.disconnectReason()) == disconnectReason
                        && Integer.toUnsignedLong(w.extendedReason()) == extendedReason);
    }

    /** Whether this entry names the disconnect reason with any extended reason. */
    public boolean showsDisconnectReason(long disconnectReason) {
        return allWindowsErrors().stream()
                .anyMatch(w -> Integer.toUnsignedLong(w.disconnectReason()) == disconnectReason);
    }
}
