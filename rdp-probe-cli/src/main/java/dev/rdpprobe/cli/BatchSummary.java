package dev.rdpprobe.cli;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Counts outcomes by diagnosis code and verdict, and the exit code they call for. Not thread-safe. */
final class BatchSummary {

    /** What the summary says for an outcome without a diagnosis. */
    static final String NO_DIAGNOSIS = "NO_DIAGNOSIS";
    /** What the summary says for a target whose probe ended without an outcome (a bug). */
    static final String NO_OUTCOME = "NO_OUTCOME";

    private final Map<String, Integer> byCode = new TreeMap<>();
    private final Map<Verdict, Integer> byVerdict = new EnumMap<>(Verdict.class);
    private int count;
    private int problems;
    private int internalErrors;
    private int exitCode = ExitCodes.OK;

    /** Counts one outcome. */
    void add(ConnectionOutcome o) {
        add(o, false);
    }

    /**
     * Counts one outcome.
     *
     * @param internalError whether rdp-probe failed on it (it could not be printed): the batch then
     *     exits with {@link ExitCodes#INTERNAL}
     */
    void add(ConnectionOutcome o, boolean internalError) {
        count++;
        String code = o.diagnosis() == null ? NO_DIAGNOSIS : o.diagnosis().code().name();
        byCode.merge(code, 1, Integer::sum);
        byVerdict.merge(o.verdict(), 1, Integer::sum);
        int outcomeCode = internalError ? ExitCodes.INTERNAL : ExitCodes.of(o);
        if (internalError) {
            internalErrors++;
        }
        if (internalError || o.verdict() != Verdict.OK) {
            problems++;
        }
        exitCode = ExitCodes.worst(exitCode, outcomeCode);
    }

    /** Counts a target whose probe ended without an outcome (a bug): the batch exits with {@link ExitCodes#INTERNAL}. */
    void addLost() {
        count++;
        problems++;
        internalErrors++;
        byCode.merge(NO_OUTCOME, 1, Integer::sum);
        exitCode = ExitCodes.worst(exitCode, ExitCodes.INTERNAL);
    }

    /** Outcomes counted. */
    int count() {
        return count;
    }

    /** Targets whose verdict is not OK, or on which rdp-probe failed. */
    int problems() {
        return problems;
    }

    /** The worst exit code of every target counted ({@link ExitCodes#OK} when none). */
    int exitCode() {
        return exitCode;
    }

    /** Counts by diagnosis code. */
    Map<String, Integer> byCode() {
        return Map.copyOf(byCode);
    }

    /** The summary text, lines ending in '\n'. */
    String render(Duration took) {
        StringBuilder s = new StringBuilder();
        s.append("Summary: ").append(count).append(count == 1 ? " target" : " targets")
                .append(" in ").append(String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0)).append(':');
        List<String> verdicts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            verdicts.add(byVerdict.getOrDefault(v, 0) + " " + v.name());
        }
        if (internalErrors > 0) {
            verdicts.add(internalErrors + (internalErrors == 1 ? " INTERNAL ERROR (a bug in rdp-probe)" : " INTERNAL ERRORS (a bug in rdp-probe)"));
        }
        s.append(' ').append(String.join(", ", verdicts)).append('\n');
        List<Map.Entry<String, Integer>> rows = new ArrayList<>(byCode.entrySet());
        rows.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey()) : b.getValue() - a.getValue());
        int width = rows.stream().mapToInt(e -> e.getKey().length()).max().orElse(0) + 2;
        for (Map.Entry<String, Integer> e : rows) {
            s.append("  ").append(HumanReport.pad(e.getKey(), width)).append(String.format(Locale.ROOT, "%7d", e.getValue())).append('\n');
        }
        return s.toString();
    }
}
