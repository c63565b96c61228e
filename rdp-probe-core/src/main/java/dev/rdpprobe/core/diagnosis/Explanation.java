package dev.rdpprobe.core.diagnosis;

import dev.rdpprobe.core.outcome.DiagnosisCode;

import dev.rdpprobe.core.outcome.Phase;
import java.util.List;
import java.util.Objects;

/**
 * What a Windows client error pair ("Error code: 0x904, Extended error code: 0x7") means and what to
 * probe next; built by {@link ErrorCodeExplainer#explain(long, long)}.
 *
 * @param disconnect the disconnect reason ("Error code")
 * @param extended the extended disconnect reason ("Extended error code")
 * @param combination how error-codes.md §3 reads this pair, or {@code null} when it has no reading
 * @param diagnoses diagnosis codes whose table entry names this pair, those naming the exact pair
 *     first, then those naming the same disconnect reason with another extended reason
 * @param phases the probe phases those diagnoses come from, in wire order
 * @param credSspStatuses CredSSP errorCodes (NTSTATUS) that surface as this disconnect reason, as
 *     "NAME (0x…)"; empty when none
 * @param nextSteps what to probe or read next, in order
 */
public record Explanation(
        CodeMeaning disconnect,
        CodeMeaning extended,
        String combination,
        List<DiagnosisCode> diagnoses,
        List<Phase> phases,
        List<String> credSspStatuses,
        List<String> nextSteps) {

    public Explanation {
        Objects.requireNonNull(disconnect, "disconnect");
        Objects.requireNonNull(extended, "extended");
        diagnoses = List.copyOf(diagnoses);
        phases = List.copyOf(phases);
        credSspStatuses = List.copyOf(credSspStatuses);
        nextSteps = List.copyOf(nextSteps);
    }

    /** The pair as mstsc shows it, e.g. {@code 0x904 / 0x7}. */
    public String pair() {
        return disconnect.hex() + " / " + extended.hex();
    }

    /** A plain-text rendering, several lines, for people. */
    public String toText() {
        StringBuilder s = new StringBuilder();
        s.append("Windows client error ").append(pair()).append('\n');
        s.append("  Error code:          ").append(disconnect.line()).append('\n');
        s.append("  Extended error code: ").append(extended.line()).append('\n');
        if (combination != null) {
            s.append("Reading: ").append(combination).append('\n');
        }
        if (!phases.isEmpty()) {
            s.append("Probe phases that can produce it: ");
            s.append(String.join(", ", phases.stream().map(Phase::name).toList())).append('\n');
        }
        if (!diagnoses.isEmpty()) {
            s.append("Diagnoses that map to it: ");
            s.append(String.join(", ", diagnoses.stream().map(DiagnosisCode::name).toList())).append('\n');
        }
        if (!credSspStatuses.isEmpty()) {
            s.append("CredSSP errorCodes shown as this code: ").append(String.join(", ", credSspStatuses)).append('\n');
        }
        s.append("Next:\n");
        int n = 1;
        for (String step : nextSteps) {
            s.append("  ").append(n++).append(". ").append(step).append('\n');
        }
        return s.toString();
    }
}
