package dev.rdpprobe.exporter;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Finding;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.json.OutcomeJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code /probe?…&debug=true} answers instead of the metrics, as blackbox_exporter does: how the probe was run
 * (module, deadline and where it came from), the probe's log (each event as it happened), each phase with its status, time and failure, the findings and the
 * diagnosis, the metrics that would have been returned, the outcome in the JSON contract, and the module's
 * configuration. Text from the server is shown with its control characters replaced.
 */
final class DebugReport {

    private DebugReport() {
    }

    /**
     * The report of one probe.
     *
     * @param outcome the outcome
     * @param log the probe's log lines
     * @param module the module it ran with
     * @param deadline the deadline it ran under
     * @param how how the deadline was reached, e.g. "the module's timeout"
     */
    static byte[] of(ConnectionOutcome outcome, List<String> log, ModuleConfig module, Duration deadline, String how) {
        StringBuilder out = new StringBuilder(8192);
        out.append("Probe of ").append(outcome.target()).append(" with module \"").append(module.name()).append("\", deadline ")
                .append(ConfigDurations.text(deadline)).append(" (").append(how).append(")\n\n");
        out.append("Logs for the probe:\n");
        log.forEach(line -> out.append("  ").append(printable(line)).append('\n'));
        out.append("\nPhases:\n");
        for (PhaseResult p : outcome.phases()) {
            out.append(String.format(Locale.ROOT, "  %-17s %-11s %10s  %s%n", p.phase(), p.status(),
                    p.elapsed().isZero() ? "" : String.format(Locale.ROOT, "%.1f ms", p.elapsed().toNanos() / 1e6),
                    printable(p.failure().map(f -> f.kind() + ": " + f.message()).orElse(p.note().orElse("")))));
        }
        out.append("\nFindings:\n");
        if (outcome.findings().isEmpty()) {
            out.append("  none\n");
        }
        for (Finding f : outcome.findings()) {
            out.append("  ").append(f.severity()).append(' ').append(f.code()).append("  ").append(printable(f.message())).append('\n');
        }
        if (outcome.diagnosis() != null) {
            out.append("\nDiagnosis: ").append(outcome.diagnosis().code()).append('\n')
                    .append("  ").append(printable(outcome.diagnosis().summary())).append('\n');
            outcome.diagnosis().windowsError().ifPresent(w -> out.append("  The Windows client likely shows: ").append(w.display()).append('\n'));
        }
        out.append("\nMetrics that would have been returned:\n")
                .append(new String(Exposition.of(ProbeMetrics.of(outcome), null).body(), StandardCharsets.UTF_8));
        out.append("\nOutcome (the JSON contract):\n").append(OutcomeJson.toJson(outcome)).append('\n');
        out.append("\nModule configuration:\n");
        for (Map.Entry<String, String> e : module.settings().entrySet()) {
            out.append("  ").append(e.getKey()).append(": ").append(printable(e.getValue())).append('\n');
        }
        if (module.settings().isEmpty()) {
            out.append("  (every default)\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The text with every control character (line breaks included) shown as U+FFFD. */
    private static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? 0xFFFD : c));
        return b.toString();
    }
}
