package dev.rdpprobe.cli;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one line a monitoring plugin prints: {@code RDP STATE - text | perfdata}. The text is escaped
 * ({@link TerminalText}: no control, format or separator character, so never a line break), a {@code |}
 * in it is written {@code \x7c} (a monitoring core would take what follows it for perfdata), and it is cut
 * to {@value #MAX_TEXT} code points.
 */
final class PluginOutput {

    /** The service name in front of every status line. */
    static final String SERVICE = "RDP";

    /** The most code points of the text between the state and the perfdata. */
    static final int MAX_TEXT = 600;

    private PluginOutput() {
    }

    /** The status line of a verdict: its reasons, worst first, then the diagnosis summary; then the perfdata. */
    static String line(CheckVerdict verdict) {
        String text = verdict.reasons().isEmpty()
                ? verdict.summary()
                : String.join("; ", verdict.reasons()) + ": " + verdict.summary();
        return line(verdict.state(), text, verdict.perfData());
    }

    /** A status line with no perfdata, e.g. for a usage error: {@code RDP UNKNOWN - reason}. */
    static String line(PluginState state, String text) {
        return line(state, text, List.of());
    }

    private static String line(PluginState state, String text, List<PerfDatum> perfData) {
        String safe = TerminalText.cut(TerminalText.prose(text.strip()).replace("|", "\\x7c"), MAX_TEXT);
        String line = SERVICE + " " + state + " - " + safe;
        return perfData.isEmpty() ? line : line + " | " + perfData.stream().map(PerfDatum::toString).collect(Collectors.joining(" "));
    }
}
