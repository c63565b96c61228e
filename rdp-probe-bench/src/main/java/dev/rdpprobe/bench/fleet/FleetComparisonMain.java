package dev.rdpprobe.bench.fleet;

import dev.rdpprobe.bench.report.BenchArgs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bin/bench --fleet}: runs the {@link FleetComparison} (100 hosts, 5 repetitions; with
 * {@code --smoke} one host on an ephemeral port, once, judging nothing), prints its section and puts it
 * into the results file in place of the previous one (between {@link #BEGIN} and {@link #END}), leaving
 * the rest of the file as the last full run wrote it.
 *
 * <pre>
 * java -cp benchmarks.jar dev.rdpprobe.bench.fleet.FleetComparisonMain [--smoke] [--out FILE]
 * </pre>
 */
public final class FleetComparisonMain {

    /** Where the fleet section starts in the results file. */
    public static final String BEGIN = "<!-- fleet comparison: begin (bin/bench --fleet rewrites this section) -->";
    /** Where it ends. */
    public static final String END = "<!-- fleet comparison: end -->";

    private FleetComparisonMain() {
    }

    /**
     * @param args {@code [--smoke] [--out FILE]}
     */
    public static void main(String[] args) throws Exception {
        BenchArgs parsed = BenchArgs.parse("FleetComparisonMain", args);
        boolean smoke = parsed.smoke();
        Path out = parsed.out();
        String section = section(smoke);
        System.out.println();
        System.out.println(section);
        writeSection(out, section);
        System.out.println("written to " + out);
        System.exit(0);
    }

    /** Runs the comparison and answers its section, between the markers. */
    public static String section(boolean smoke) throws IOException, InterruptedException {
        FleetComparison comparison = new FleetComparison(smoke ? FleetComparison.SMOKE : FleetComparison.FULL, !smoke, Path.of(""));
        return BEGIN + "\n" + comparison.run() + END + "\n";
    }

    /** Replaces the section in {@code file} (or appends it; or creates the file). */
    static void writeSection(Path file, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String updated;
        if (begin >= 0 && end > begin) {
            updated = text.substring(0, begin) + section + text.substring(end + END.length()).replaceFirst("^\n", "");
        } else {
            updated = text + (text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n") + section;
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }
}
