package dev.rdpprobe.bench.report;

import java.util.ArrayList;
import java.util.List;

/** The one results table, rendered as Markdown (which also reads well in a terminal). */
public final class ResultTable {

    private static final String[] HEADER = {"benchmark", "result", "baseline", "ratio", "target", "met"};

    private final String[] header;
    private final List<Row> rows = new ArrayList<>();

    /** A table with the usual columns: benchmark, result, baseline, ratio, target, met. */
    public ResultTable() {
        this(HEADER);
    }

    /** A table whose six columns (one per field of {@link Row}) have other names. */
    public ResultTable(String... header) {
        if (header.length != HEADER.length) {
            throw new IllegalArgumentException("a results table has " + HEADER.length + " columns, not " + header.length);
        }
        this.header = header.clone();
    }

    /** Adds a row. */
    public void add(Row row) {
        rows.add(row);
    }

    /** The rows so far. */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The table as Markdown with aligned columns. */
    public String toMarkdown() {
        List<String[]> cells = new ArrayList<>();
        cells.add(header);
        for (Row r : rows) {
            cells.add(new String[] {r.benchmark(), r.result(), r.baseline(), r.ratio(), r.target(), r.met()});
        }
        int[] width = new int[header.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < cells.size(); n++) {
            appendLine(out, cells.get(n), width);
            if (n == 0) {
                String[] rule = new String[header.length];
                for (int i = 0; i < rule.length; i++) {
                    rule[i] = "-".repeat(width[i]);
                }
                appendLine(out, rule, width);
            }
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, String[] line, int[] width) {
        out.append('|');
        for (int i = 0; i < line.length; i++) {
            out.append(' ').append(line[i]).append(" ".repeat(width[i] - line[i].length())).append(" |");
        }
        out.append('\n');
    }
}
