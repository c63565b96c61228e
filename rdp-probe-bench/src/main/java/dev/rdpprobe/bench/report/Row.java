package dev.rdpprobe.bench.report;

/**
 * One line of the results table.
 *
 * @param benchmark what was measured
 * @param result the measured value
 * @param baseline the baseline measured in the same run, or "—"
 * @param ratio result over baseline, or "—"
 * @param target the target, or "—"
 * @param met "yes", "no", or "—" where there is no target
 */
public record Row(String benchmark, String result, String baseline, String ratio, String target, String met) {

    /** A row without baseline or target. */
    public static Row info(String benchmark, String result) {
        return new Row(benchmark, result, "—", "—", "—", "—");
    }
}
