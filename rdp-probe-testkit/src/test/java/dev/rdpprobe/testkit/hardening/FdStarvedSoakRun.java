package dev.rdpprobe.testkit.hardening;

import dev.rdpprobe.core.target.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The soak's fd-starved run: the parent starts the mix's servers ({@link SoakHosts}) and runs
 * {@link FdStarvedSoakMain} against them in a child JVM under a low {@code ulimit -n}, then reads back what the
 * child printed. Only the child is starved; the servers have all the descriptors they need.
 */
final class FdStarvedSoakRun {

    /**
     * What the child reported.
     *
     * @param probes probes asked for
     * @param openFileLimit the child's {@code ulimit -n}
     * @param inFlight probes in flight in the child
     * @param budget the child's own deadline for the batch
     * @param child how the child ended and what it printed
     * @param warmFds the child's open descriptors once warm, before the batch (-1 if it did not say)
     * @param outcomes the OUTCOME lines, one per outcome
     * @param distinctIndexes the distinct probe indexes among them
     * @param diagnoses per kind, the verdicts and diagnosis codes of its outcomes ({@code verdict/code}), counted
     * @param judgements per judgement, the outcomes, counted
     * @param mismatches the child's MISMATCH lines (outcomes not as expected, lost outcomes)
     * @param watchdogViolations the child's VIOLATION lines
     * @param watchdog the child's WATCHDOG line (null if missing)
     * @param done the child's DONE line (null if missing)
     */
    record Report(int probes, int openFileLimit, int inFlight, Duration budget, LowFileLimitJvm.Result child, long warmFds,
            int outcomes, int distinctIndexes, Map<SoakKind, Map<String, Integer>> diagnoses, Map<String, Integer> judgements,
            List<String> mismatches, List<String> watchdogViolations, String watchdog, String done) {

        int judged(SoakKind.Judgement judgement) {
            return judgements.getOrDefault(judgement.name(), 0);
        }

        /** Outcomes missing: probes without any OUTCOME line. */
        int lost() {
            return probes - distinctIndexes;
        }

        /** The report's lines for this run. */
        String summary() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "fd-starved run: %d probes of the same mix in a child JVM under ulimit -n %d, %d in flight,"
                    + " %d descriptors open once warm; child %s%n", probes, openFileLimit, inFlight, warmFds,
                    child.finished() ? "exit " + child.exitValue() : "did not finish (killed)"));
            sb.append("fd-starved run: ").append(done == null ? "no DONE line" : done).append(" (budget is the child's own deadline)")
                    .append(System.lineSeparator());
            sb.append(String.format(Locale.ROOT, "fd-starved run: outcomes %d, lost %d, duplicated %d, judgements %s, mismatches %d%n",
                    outcomes, lost(), outcomes - distinctIndexes, judgements, mismatches.size()));
            diagnoses.forEach((kind, codes) -> sb.append("fd-starved run:   ").append(kind).append(' ').append(codes)
                    .append(System.lineSeparator()));
            sb.append("fd-starved run: child's event-loop watchdog: ").append(watchdog == null ? "no WATCHDOG line" : watchdog)
                    .append(System.lineSeparator());
            return sb.toString();
        }
    }

    private FdStarvedSoakRun() {
    }

    /**
     * Runs the batch. The parent waits for the child at most the budget plus {@code startUp} (JVM start, warm-up)
     * plus a margin: only so that a hung child cannot hang the build.
     */
    static Report run(Path dir, int probes, int inFlight, int openFileLimit, Duration budget, Duration startUp, long seed)
            throws IOException, InterruptedException {
        try (SoakHosts hosts = new SoakHosts()) {
            List<String> args = new ArrayList<>(List.of(Integer.toString(probes), Integer.toString(inFlight),
                    Long.toString(budget.toMillis()), Long.toString(seed)));
            for (Map.Entry<SoakKind, Target> e : hosts.targets().entrySet()) {
                args.add(e.getKey() + "=" + e.getValue().host() + ":" + e.getValue().port());
            }
            LowFileLimitJvm.Result child = LowFileLimitJvm.run(dir, openFileLimit, budget.plus(startUp).plusSeconds(30),
                    FdStarvedSoakMain.class, args);
            return read(probes, openFileLimit, inFlight, budget, child);
        }
    }

    private static Report read(int probes, int openFileLimit, int inFlight, Duration budget, LowFileLimitJvm.Result child) {
        List<String> outcomes = child.linesStartingWith("OUTCOME ");
        Set<String> indexes = new HashSet<>();
        Map<SoakKind, Map<String, Integer>> diagnoses = new EnumMap<>(SoakKind.class);
        Map<String, Integer> judgements = new TreeMap<>();
        for (String line : outcomes) {
            String[] f = line.split(" ", 6); // OUTCOME index kind judgement verdict/diagnosis [details]
            indexes.add(f[1]);
            diagnoses.computeIfAbsent(SoakKind.valueOf(f[2]), k -> new TreeMap<>()).merge(f[4], 1, Integer::sum);
            judgements.merge(f[3], 1, Integer::sum);
        }
        List<String> fds = child.linesStartingWith("FDS ");
        return new Report(probes, openFileLimit, inFlight, budget, child,
                fds.isEmpty() ? -1 : Long.parseLong(fds.get(0).substring(4).trim()), outcomes.size(), indexes.size(), diagnoses,
                judgements, child.linesStartingWith("MISMATCH "), child.linesStartingWith("VIOLATION "),
                first(child.linesStartingWith("WATCHDOG ")), first(child.linesStartingWith("DONE ")));
    }

    private static String first(List<String> lines) {
        return lines.isEmpty() ? null : lines.get(0);
    }
}
