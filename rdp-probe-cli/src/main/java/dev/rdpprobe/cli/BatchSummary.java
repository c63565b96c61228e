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

    private final Map<String, Integer> byCode = new TreeMap<>();
    private final Map<Verdict, Integer> byVerdict = new EnumMap<>(Verdict.class);
    private int count;
    private int exitCode = ExitCodes.OK;

    /** Counts one outcome. */
    void add(ConnectionOutcome o) {
        count++;
        String code = o.diagnosis() == null ? NO_DIAGNOSIS : o.diagnosis().code().name();
        byCode.merge(code, 1, Integer::sum);
        byVerdict.merge(o.verdict(), 1, Integer::sum);
        exitCode = ExitCodes.worst(exitCode, ExitCodes.of(o));
    }

    /** Outcomes counted. */
    int count() {
        return count;
    }

    /** Outcomes whose exit code is not OK. */
    int problems() {
        return count - byVerdict.getOrDefault(Verdict.OK, 0);
    }

    /** The worst exit code of every outcome counted ({@link ExitCodes#OK} when none). */
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
