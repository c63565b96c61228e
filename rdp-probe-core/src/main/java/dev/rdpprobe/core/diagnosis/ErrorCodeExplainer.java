package dev.rdpprobe.core.diagnosis;

import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.DiagnosisEntry;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.WindowsError;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Explains the error pair the Windows Remote Desktop client shows ("Error code: 0x904, Extended
 * error code: 0x7"): what each code means, how the pair is commonly read, which probe phases and
 * diagnoses can produce it, and what to probe next.
 *
 * <p>The meanings come from {@link WindowsCodeTable} ({@code windows-codes.txt}); the phases and
 * diagnoses are derived from {@link DiagnosisTable} ({@code diagnoses.txt}), the same table that
 * gives each diagnosis its Windows pair, so the two directions cannot disagree.
 */
public final class ErrorCodeExplainer {

    private ErrorCodeExplainer() {
    }

    /**
     * Explains a pair.
     *
     * @param disconnectReason the "Error code", 0..0xFFFFFFFF
     * @param extendedReason the "Extended error code", 0..0xFFFFFFFF
     * @throws IllegalArgumentException if a code is outside 0..0xFFFFFFFF
     */
    public static Explanation explain(long disconnectReason, long extendedReason) {
        checkRange("disconnect reason", disconnectReason);
        checkRange("extended reason", extendedReason);
        WindowsCodeTable codes = WindowsCodeTable.standard();
        CodeMeaning disconnect = disconnectMeaning(codes, disconnectReason);
        CodeMeaning extended = extendedMeaning(codes, extendedReason);
        String combination = codes.combination(disconnectReason, extendedReason)
                .map(WindowsCodeTable.Combination::reading).orElse(null);

        // Most specific first: the exact pair as an entry's main pair, then among its other pairs,
        // then the same disconnect reason with another extended reason.
        Set<DiagnosisCode> diagnoses = new LinkedHashSet<>();
        List<DiagnosisEntry> entries = DiagnosisTable.standard().entries();
        for (DiagnosisEntry e : entries) {
            WindowsError main = e.windowsError().orElse(null);
            if (main != null && Integer.toUnsignedLong(main.disconnectReason()) == disconnectReason
                    && Integer.toUnsignedLong(main.extendedReason()) == extendedReason) {
                diagnoses.add(e.code());
            }
        }
        for (DiagnosisEntry e : entries) {
            if (e.shows(disconnectReason, extendedReason)) {
                diagnoses.add(e.code());
            }
        }
        for (DiagnosisEntry e : entries) {
            if (e.showsDisconnectReason(disconnectReason)) {
                diagnoses.add(e.code());
            }
        }
        List<WindowsCodeTable.NtStatusMapping> statuses = codes.ntStatusesFor(disconnectReason);
        if (!statuses.isEmpty()) {
            diagnoses.add(DiagnosisCode.CREDSSP_ERROR);
        }
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        for (DiagnosisCode code : diagnoses) {
            phases.addAll(DiagnosisTable.standard().entry(code).phases());
        }
        List<String> statusNames = statuses.stream()
                .map(m -> m.name() + String.format(Locale.ROOT, " (0x%08X, %s)", m.ntStatus(), m.confidence().label()))
                .toList();

        Map<String, String> vars = Map.of(
                "disconnect", CodeNumbers.hex(disconnectReason),
                "extended", CodeNumbers.hex(extendedReason),
                "disconnectDecimal", Long.toString(disconnectReason),
                "extendedDecimal", Long.toString(extendedReason));
        List<String> steps = new ArrayList<>();
        steps.add(Templates.render(codes.step("first"), vars));
        for (Phase phase : phases) {
            steps.add(codes.probeHint(phase));
        }
        if (phases.isEmpty()) {
            steps.add(Templates.render(codes.step("unmapped"), vars));
        }
        if (!statuses.isEmpty()) {
            steps.add(Templates.render(codes.step("account"), vars));
        }
        if (!disconnect.known() || !extended.known()) {
            steps.add(Templates.render(codes.step("unknown"), vars));
        }
        steps.add(Templates.render(codes.step("last"), vars));
        return new Explanation(disconnect, extended, combination, List.copyOf(diagnoses), List.copyOf(phases), statusNames, steps);
    }

    /**
     * Parses a code as people type it: hex with a {@code 0x} or {@code 0X} prefix ({@code 0x904}), or
     * decimal ({@code 2308}). Surrounding blanks are ignored.
     *
     * @throws IllegalArgumentException saying how to write the code, if it is neither or is above 0xFFFFFFFF
     */
    public static long parseCode(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a code is missing: write it as mstsc shows it, hex with 0x (0x904), or in decimal (2308)");
        }
        String s = text.strip();
        long value;
        if (s.matches("0[xX][0-9A-Fa-f]+")) {
            String digits = s.substring(2).replaceFirst("^0+(?=.)", "");
            if (digits.length() > 8) {
                throw new IllegalArgumentException("'" + s + "' is larger than 0xFFFFFFFF; Windows error codes are 32-bit");
            }
            value = Long.parseLong(digits, 16);
        } else if (s.matches("[0-9]+")) {
            String digits = s.replaceFirst("^0+(?=.)", "");
            if (digits.length() > 10 || Long.parseLong(digits) > CodeNumbers.MAX) {
                throw new IllegalArgumentException("'" + s + "' is larger than 4294967295 (0xFFFFFFFF); Windows error codes are 32-bit");
            }
            value = Long.parseLong(digits);
        } else {
            throw new IllegalArgumentException("'" + s + "' is not a code: write it as mstsc shows it, hex with 0x (0x904), or in decimal (2308)");
        }
        return value;
    }

    private static void checkRange(String what, long value) {
        if (value < 0 || value > CodeNumbers.MAX) {
            throw new IllegalArgumentException(what + " " + value + " is outside 0..0xFFFFFFFF");
        }
    }

    private static CodeMeaning disconnectMeaning(WindowsCodeTable codes, long value) {
        Optional<WindowsCode> found = codes.disconnectReason(value);
        if (found.isPresent() && found.get().documented()) {
            WindowsCode c = found.get();
            return new CodeMeaning(value, true, c.name(), c.meaning(), c.sources(), null);
        }
        String meaning = "unknown disconnect reason: no source this tool knows lists " + CodeNumbers.hex(value)
                + found.map(c -> " (" + c.meaning() + ")").orElse("");
        String lowByte = String.format(Locale.ROOT, "0x%02X", value & 0xFF);
        String observation = codes.family(value)
                .map(f -> "Observation, not documentation: among the known codes, low byte " + lowByte + " marks the " + f + " family")
                .orElseGet(() -> "Observation, not documentation: its low byte " + lowByte
                        + " matches none of the families seen among the known codes (" + familyList(codes) + ")");
        return new CodeMeaning(value, false, null, meaning, List.of(), observation);
    }

    private static String familyList(WindowsCodeTable codes) {
        return String.join(", ", codes.families().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> String.format(Locale.ROOT, "0x%02X %s", e.getKey(), e.getValue()))
                .toList());
    }

    private static CodeMeaning extendedMeaning(WindowsCodeTable codes, long value) {
        Optional<WindowsCode> found = codes.extendedReason(value);
        if (found.isPresent() && found.get().documented()) {
            WindowsCode c = found.get();
            return new CodeMeaning(value, true, c.name(), c.meaning(), c.sources(), null);
        }
        return new CodeMeaning(value, false, null,
                "unknown extended reason: not in ExtendedDisconnectReasonCode or any other source this tool knows", List.of(), null);
    }
}
