package dev.rdpprobe.bench.fleet;

import dev.rdpprobe.bench.report.LoadAverage;
import dev.rdpprobe.bench.report.ResultTable;
import dev.rdpprobe.bench.report.Row;
import dev.rdpprobe.core.target.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command from a cold start, side by side with nmap, on a loopback fleet of healthy NLA fake hosts
 * ({@link FleetProcess}): both tools are asked for the NTLM identity of every host — nmap 7.93's
 * {@code rdp-ntlm-info} ({@code nmap -n -Pn -p 3389 --script rdp-ntlm-info 127.0.0.1-N}) and
 * {@code bin/rdp-probe --json --no-udp --targets FILE} — every run a new process, nmap and rdp-probe in
 * turn in each repetition (the blocks of commands compared with each other back to back, the blocks in
 * a new order each repetition), and each ratio taken within one repetition (so that a machine whose
 * speed drifts moves both sides alike). Beside it: {@code --version}, {@code --help}, {@code explain}; each
 * start-up step alone (JVM settings and the class-data archive, run as plain {@code java … -jar}); the
 * same command on every other JDK (21+) installed under /usr/lib/jvm; and the library, warm, on the same
 * fleet. Every run's output is checked to hold the facts asked for; a run that lacks them is reported.
 */
final class FleetComparison {

    /** How big, how often. */
    record Plan(int hosts, int repetitions, int port, boolean steps, boolean otherJdks, int warmRounds, int warmPasses) {
    }

    static final Plan FULL = new Plan(100, 5, 3389, true, true, 3, 10);
    static final Plan SMOKE = new Plan(1, 1, 0, false, false, 1, 20);

    private static final double HOSTS_TARGET = 1.0;
    private static final double ONE_HOST_TARGET = 1.5;
    private static final double QUICK_TARGET = 0.25;
    private static final double WARM_TARGET = 20;
    private static final long LIMIT_SECONDS = 120;
    private static final int WARM_CONCURRENCY = 64;

    private final Plan plan;
    private final boolean judge;
    private final Path root;
    private final Path scratch;
    private final ResultTable table = new ResultTable();
    private final ResultTable stepsTable;
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Samples> seconds = new LinkedHashMap<>();
    private final Map<String, Samples> ratios = new LinkedHashMap<>();
    private final Map<String, Integer> factless = new LinkedHashMap<>();

    FleetComparison(Plan plan, boolean judge, Path root) throws IOException {
        this.plan = plan;
        this.judge = judge;
        this.root = root.toAbsolutePath();
        this.scratch = Files.createTempDirectory("rdp-probe-fleet");
        this.stepsTable = new ResultTable("JVM line", "1 host", plan.hosts() + " hosts",
                "time ÷ first line's (1 / " + plan.hosts() + ")", "target", "met");
    }

    /** Runs everything and answers the Markdown section (a heading, the machine's state, two tables, notes). */
    String run() throws IOException, InterruptedException {
        String loadBefore = LoadAverage.now();
        long started = System.nanoTime();
        Path launcher = root.resolve("bin/rdp-probe");
        Path jar = newestCliJar();
        String nmapVersion = nmapVersion();
        String javaVersion = defaultJavaVersion();
        List<Path> jdks = plan.otherJdks() ? otherJdks() : List.of();
        String java = "java";
        try (FleetProcess fleet = FleetProcess.start(plan.hosts(), plan.port())) {
            progress("fleet: " + plan.hosts() + " fake NLA hosts up (pid " + fleet.pid() + "); the library warms them up");
            Samples warm = WarmFleetRate.measure(fleet.targets(), 2, plan.warmRounds(), plan.warmPasses(), WARM_CONCURRENCY);
            Path all = targetsFile("hosts-" + plan.hosts(), fleet.targets());
            Path one = targetsFile("hosts-1", fleet.targets().subList(0, 1));
            String nmapRange = nmapRange(fleet.targets());
            int nmapPort = fleet.targets().get(0).port();

            Map<String, Map<String, String>> jdkEnv = new LinkedHashMap<>();
            jdkEnv.put("default", cacheEnv("default", null));
            for (Path jdk : jdks) {
                jdkEnv.put(jdk.getFileName().toString(), cacheEnv(jdk.getFileName().toString(), jdk));
            }
            for (Map.Entry<String, Map<String, String>> e : jdkEnv.entrySet()) {
                firstRuns(e.getKey(), launcher, one, e.getValue());
            }
            Path stepsArchive = plan.steps() ? stepsArchive(java, jar) : null;

            // Blocks of commands that are compared with each other run back to back; the blocks run in a
            // new order in each repetition, so that a machine whose load drifts does not favour one line.
            List<List<ColdCommand>> blocks = new ArrayList<>();
            List<ColdCommand> fleetBlock = new ArrayList<>();
            List<ColdCommand> oneBlock = new ArrayList<>();
            List<ColdCommand> quickBlock = new ArrayList<>();
            if (nmapVersion != null) {
                fleetBlock.add(nmap("nmap N", nmapRange, nmapPort));
                oneBlock.add(nmap("nmap 1", fleet.targets().get(0).host(), nmapPort));
            }
            fleetBlock.add(launch("ours N", launcher, jdkEnv.get("default"), "--json", "--no-udp", "--targets", all.toString()));
            oneBlock.add(launch("ours 1", launcher, jdkEnv.get("default"), "--json", "--no-udp", "--targets", one.toString()));
            quickBlock.add(launch("ours --version", launcher, jdkEnv.get("default"), "--version"));
            quickBlock.add(launch("ours --help", launcher, jdkEnv.get("default"), "--help"));
            quickBlock.add(launch("ours explain", launcher, jdkEnv.get("default"), "explain", "0x904", "0x7"));
            for (String jdk : jdkEnv.keySet()) {
                if (!jdk.equals("default")) {
                    fleetBlock.add(launch(jdk + " N", launcher, jdkEnv.get(jdk), "--json", "--no-udp", "--targets", all.toString()));
                    oneBlock.add(launch(jdk + " 1", launcher, jdkEnv.get(jdk), "--json", "--no-udp", "--targets", one.toString()));
                    quickBlock.add(launch(jdk + " --version", launcher, jdkEnv.get(jdk), "--version"));
                }
            }
            blocks.add(fleetBlock);
            blocks.add(oneBlock);
            blocks.add(quickBlock);
            if (stepsArchive != null) {
                for (Map.Entry<String, List<String>> step : steps(stepsArchive).entrySet()) {
                    blocks.add(List.of(
                            direct("step " + step.getKey() + " N", java, step.getValue(), jar, "--json", "--no-udp", "--targets", all.toString()),
                            direct("step " + step.getKey() + " 1", java, step.getValue(), jar, "--json", "--no-udp", "--targets", one.toString())));
                }
            }

            for (int rep = 1; rep <= plan.repetitions(); rep++) {
                List<List<ColdCommand>> order = new ArrayList<>(blocks);
                Collections.shuffle(order, new Random(rep));
                List<ColdCommand> round = order.stream().flatMap(List::stream).collect(Collectors.toList());
                progress("cold runs: repetition " + rep + " of " + plan.repetitions() + " (" + round.size() + " commands)");
                Map<String, Double> thisRep = new LinkedHashMap<>();
                for (ColdCommand c : round) {
                    ColdCommand.Run r = c.run(scratch, LIMIT_SECONDS);
                    checkFacts(c, r);
                    seconds.computeIfAbsent(c.label(), k -> new Samples()).add(r.seconds());
                    thisRep.put(c.label(), r.seconds());
                }
                pairRatios(thisRep);
            }
            addRows(warm, nmapVersion, jdkEnv.keySet());
        } finally {
            deleteTree(scratch);
        }
        String loadAfter = LoadAverage.now();
        return render(loadBefore, loadAfter, (System.nanoTime() - started) / 1e9, nmapVersion, javaVersion, jdks);
    }

    // ------------------------------------------------------------------ commands

    private ColdCommand nmap(String label, String hosts, int port) {
        List<String> cmd = new ArrayList<>(List.of("nmap", "-n", "-Pn", "-p", Integer.toString(port), "--script"));
        // On a port other than 3389 the script's port rule would skip it; '+' runs it regardless.
        cmd.add(port == 3389 ? "rdp-ntlm-info" : "+rdp-ntlm-info");
        cmd.add(hosts);
        return new ColdCommand(label, cmd, Map.of());
    }

    private static ColdCommand launch(String label, Path launcher, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        return new ColdCommand(label, cmd, env);
    }

    private static ColdCommand direct(String label, String java, List<String> jvm, Path jar, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvm);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of(args));
        return new ColdCommand(label, cmd, Map.of());
    }

    /** Each start-up step alone, from the previous launcher's JVM line to the current one. */
    private static Map<String, List<String>> steps(Path archive) {
        List<String> archiveFlags = List.of("-Xlog:cds*=off", "-XX:SharedArchiveFile=" + archive);
        List<String> noWarmUp = List.of("-Drdpprobe.warmUp=false");
        List<String> small = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-Dio.netty.jfr.enabled=false");
        List<String> launcher = concat(small, List.of("-Dorg.bouncycastle.rsa.max_mr_tests=0"));
        Map<String, List<String>> steps = new LinkedHashMap<>();
        steps.put("S0", concat(List.of("-XX:+UseSerialGC"), noWarmUp));
        steps.put("S1", concat(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), noWarmUp));
        steps.put("S2", concat(concat(List.of("-XX:+UseSerialGC"), archiveFlags), noWarmUp));
        steps.put("S3", concat(concat(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), archiveFlags), noWarmUp));
        steps.put("S4", concat(concat(small, archiveFlags), noWarmUp));
        steps.put("S5", concat(concat(launcher, archiveFlags), noWarmUp));
        steps.put("S6", concat(launcher, archiveFlags));
        return steps;
    }

    private static final Map<String, String> STEP_NAMES = Map.of(
            "S0", "previous launcher: `java -XX:+UseSerialGC -jar` (no warm-up)",
            "S1", "+ C1 only (`-XX:TieredStopAtLevel=1`)",
            "S2", "+ class-data archive only (`-XX:SharedArchiveFile`, dynamic CDS from the training run)",
            "S3", "+ C1 only + class-data archive",
            "S4", "+ C1 + archive + `-XX:-UsePerfData -Dio.netty.jfr.enabled=false`",
            "S5", "+ `-Dorg.bouncycastle.rsa.max_mr_tests=0` (the launcher's JVM line)",
            "S6", "+ the CLI's parallel warm-up (`StartupWarmUp`, off in the lines above): what `bin/rdp-probe` runs");

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toList());
    }

    /** The environment of the launcher for one JDK: a cache directory of its own, that JDK first on the PATH. */
    private Map<String, String> cacheEnv(String name, Path jdk) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("XDG_CACHE_HOME", Files.createDirectories(scratch.resolve("cache-" + name)).toString());
        if (jdk != null) {
            env.put("PATH", jdk.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        }
        return env;
    }

    /**
     * The very first run with an empty cache (the launcher finds no archive, starts its maker in the
     * background and runs without), then waits for the maker, so that the repetitions measure the steady
     * state a user has from the second run on.
     */
    private void firstRuns(String jdk, Path launcher, Path one, Map<String, String> env) throws IOException, InterruptedException {
        ColdCommand first = launch(jdk + " first run", launcher, env, "--json", "--no-udp", "--targets", one.toString());
        ColdCommand.Run r = first.run(scratch, LIMIT_SECONDS);
        checkFacts(first, r);
        seconds.computeIfAbsent(first.label(), k -> new Samples()).add(r.seconds());
        Path cache = Path.of(env.get("XDG_CACHE_HOME"), "rdp-probe");
        long end = System.nanoTime() + 180_000_000_000L;
        long madeAt = System.nanoTime();
        while (System.nanoTime() < end && (!hasArchive(cache) || hasLock(cache))) {
            Thread.sleep(100);
        }
        double made = (System.nanoTime() - madeAt) / 1e9;
        if (!hasArchive(cache)) {
            notes.add("**" + jdk + ": the launcher made no class-data archive** within 180 s of its first run; the runs below ran without one.");
        } else {
            notes.add(String.format(Locale.ROOT, "%s: the launcher's background maker had the archive in place %.1f s after the first run ended.",
                    jdk, made));
        }
    }

    private static boolean hasArchive(Path cache) throws IOException {
        return list(cache).stream().anyMatch(p -> p.getFileName().toString().matches("rdp-probe-\\d+-\\d+-\\d+\\.(jsa|aot)"));
    }

    private static boolean hasLock(Path cache) throws IOException {
        return list(cache).stream().anyMatch(p -> p.getFileName().toString().endsWith(".lock"));
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.collect(Collectors.toList());
        }
    }

    /** A dynamic archive for the step table, made by the same training run the launcher uses. */
    private Path stepsArchive(String java, Path jar) throws IOException, InterruptedException {
        Path archive = scratch.resolve("steps.jsa");
        ColdCommand make = new ColdCommand("steps archive", List.of(java, "-XX:+UseSerialGC", "-Xlog:cds*=off",
                "-XX:ArchiveClassesAtExit=" + archive, "-cp", jar.toString(), "dev.rdpprobe.cli.StartupTraining"), Map.of());
        ColdCommand.Run r = make.run(scratch, LIMIT_SECONDS);
        if (r.exitCode() != 0 || !Files.isRegularFile(archive)) {
            notes.add("The step table's class-data archive could not be made (exit " + r.exitCode() + "): " + oneLine(r.stderr()));
        }
        return archive;
    }

    // ------------------------------------------------------------------ checks and ratios

    private void checkFacts(ColdCommand c, ColdCommand.Run r) {
        String label = c.label();
        int expected = label.endsWith(" N") ? plan.hosts() : label.endsWith(" 1") || label.endsWith("first run") ? 1 : -1;
        boolean ok;
        if (expected < 0) {
            ok = r.exitCode() == 0 && !r.stdout().isBlank();
        } else if (label.startsWith("nmap")) {
            ok = NtlmFacts.fromNmap(r.stdout()).size() == expected;
        } else {
            ok = r.exitCode() == 0 && NtlmFacts.fromJsonLines(r.stdout()).size() == expected;
        }
        if (!ok) {
            factless.merge(label, 1, Integer::sum);
            if (factless.get(label) == 1) {
                System.err.println("  " + label + ": exit " + r.exitCode() + ", the facts asked for are missing; stderr: "
                        + oneLine(r.stderr()) + "; stdout: " + oneLine(r.stdout()));
            }
        }
    }

    private void pairRatios(Map<String, Double> rep) {
        ratio(rep, "hosts/s N", rep.get("nmap N"), rep.get("ours N"));
        ratio(rep, "wall 1", rep.get("ours 1"), rep.get("nmap 1"));
        for (String label : new ArrayList<>(rep.keySet())) {
            if (label.startsWith("step ") && !label.startsWith("step S0")) {
                String size = label.substring(label.lastIndexOf(' ') + 1);
                ratio(rep, label, rep.get(label), rep.get("step S0 " + size));
            } else if (!label.startsWith("ours") && !label.startsWith("nmap") && !label.startsWith("step") && !label.endsWith("--version")) {
                String size = label.substring(label.lastIndexOf(' ') + 1);
                ratio(rep, label + " vs nmap", size.equals("N") ? rep.get("nmap N") : rep.get(label),
                        size.equals("N") ? rep.get(label) : rep.get("nmap 1"));
            }
        }
    }

    private void ratio(Map<String, Double> rep, String name, Double numerator, Double denominator) {
        if (numerator != null && denominator != null && denominator > 0) {
            ratios.computeIfAbsent(name, k -> new Samples()).add(numerator / denominator);
        }
    }

    // ------------------------------------------------------------------ report

    private void addRows(Samples warm, String nmapVersion, Iterable<String> jdks) {
        int n = plan.hosts();
        String nmapCol = nmapVersion == null ? "nmap not installed" : null;
        Samples oursN = seconds.get("ours N");
        Samples nmapN = seconds.get("nmap N");
        table.add(new Row(n + " host" + (n == 1 ? "" : "s") + ", cold, JDK " + Runtime.version().feature() + " — hosts per second",
                withRate(oursN, n), nmapCol != null ? nmapCol : withRate(nmapN, n), ratioCell("hosts/s N"), "≥ 1.0× nmap",
                met(ratios.get("hosts/s N"), r -> r >= HOSTS_TARGET, "ours N", "nmap N")));
        if (n != 1) {
            table.add(new Row("1 host, cold, JDK " + Runtime.version().feature() + " — wall time", cell("ours 1"),
                    nmapCol != null ? nmapCol : cell("nmap 1"), ratioCell("wall 1"), "≤ 1.5× nmap's time",
                    met(ratios.get("wall 1"), r -> r <= ONE_HOST_TARGET, "ours 1", "nmap 1")));
        }
        for (String quick : List.of("--version", "--help", "explain")) {
            String label = "ours " + quick;
            table.add(new Row("`rdp-probe " + (quick.equals("explain") ? "explain 0x904 0x7" : quick) + "`, cold", cell(label), "—", "—",
                    "< 0.25 s", met(seconds.get(label), s -> s < QUICK_TARGET, label)));
        }
        for (String jdk : jdks) {
            Samples first = seconds.get(jdk + " first run");
            table.add(Row.info("1 host, first run with an empty cache (no archive yet; its maker starts in the background), "
                    + (jdk.equals("default") ? "JDK " + Runtime.version().feature() : jdk), first == null ? "—" : first.seconds()));
        }
        for (String jdk : jdks) {
            if (jdk.equals("default")) {
                continue;
            }
            table.add(new Row(n + " hosts, cold, " + jdk + " — hosts per second", withRate(seconds.get(jdk + " N"), n),
                    nmapCol != null ? nmapCol : withRate(nmapN, n), ratioCell(jdk + " N vs nmap"), "≥ 1.0× nmap",
                    met(ratios.get(jdk + " N vs nmap"), r -> r >= HOSTS_TARGET, jdk + " N", "nmap N")));
            table.add(new Row("1 host, cold, " + jdk + " — wall time", cell(jdk + " 1"), nmapCol != null ? nmapCol : cell("nmap 1"),
                    ratioCell(jdk + " 1 vs nmap"), "≤ 1.5× nmap's time",
                    met(ratios.get(jdk + " 1 vs nmap"), r -> r <= ONE_HOST_TARGET, jdk + " 1", "nmap 1")));
            table.add(new Row("`rdp-probe --version`, cold, " + jdk, cell(jdk + " --version"), "—", "—", "< 0.25 s",
                    met(seconds.get(jdk + " --version"), s -> s < QUICK_TARGET, jdk + " --version")));
        }
        double nmapRate = nmapN == null || nmapN.isEmpty() ? Double.NaN : n / nmapN.median();
        String warmCell = warm.isEmpty() ? "no round without a failed probe"
                : String.format(Locale.ROOT, "%,.0f hosts/s (%,.0f–%,.0f)", warm.median(), warm.min(), warm.max());
        double warmRatio = warm.isEmpty() ? Double.NaN : warm.median() / nmapRate;
        table.add(new Row("library, warm, same fleet (" + WARM_CONCURRENCY + " in flight, " + plan.warmRounds() + (plan.warmRounds() == 1 ? " round of " : " rounds of ")
                + plan.warmPasses() * n + " probes)", warmCell,
                nmapCol != null ? nmapCol : String.format(Locale.ROOT, "%,.0f hosts/s (nmap, cold, median)", nmapRate),
                Double.isNaN(warmRatio) ? "—" : String.format(Locale.ROOT, "%.1f×", warmRatio), "≥ 20× nmap",
                judge && !Double.isNaN(warmRatio) ? (warmRatio >= WARM_TARGET ? "yes" : "no") : judge ? "—" : "n/a (smoke)"));

        if (plan.steps()) {
            for (String step : List.of("S0", "S1", "S2", "S3", "S4", "S5", "S6")) {
                String l1 = "step " + step + " 1";
                String ln = "step " + step + " N";
                stepsTable.add(new Row(STEP_NAMES.get(step), cell(l1), cell(ln),
                        step.equals("S0") ? "1.00 / 1.00" : ratioMedian(l1) + " / " + ratioMedian(ln), "—", "—"));
            }
            stepsTable.add(new Row("`bin/rdp-probe` itself (the line above plus bash, the staleness check and the archive lookup)",
                    cell("ours 1"), cell("ours N"), "—", "—", "—"));
        }
    }

    private interface Check {
        boolean ok(double value);
    }

    private String met(Samples s, Check check, String... labels) {
        if (!judge) {
            return "n/a (smoke)";
        }
        for (String label : labels) {
            if (factless.containsKey(label)) {
                return "no (" + label + ": facts missing in " + factless.get(label) + " runs)";
            }
        }
        if (s == null || s.isEmpty()) {
            return "—";
        }
        return check.ok(s.median()) ? "yes" : "no";
    }

    private String cell(String label) {
        Samples s = seconds.get(label);
        return s == null ? "—" : s.seconds();
    }

    private String withRate(Samples s, int hosts) {
        if (s == null || s.isEmpty()) {
            return "—";
        }
        return s.seconds() + String.format(Locale.ROOT, " = %,.0f hosts/s", hosts / s.median());
    }

    private String ratioCell(String name) {
        Samples s = ratios.get(name);
        return s == null ? "—" : s.ratio();
    }

    private String ratioMedian(String name) {
        Samples s = ratios.get(name);
        return s == null ? "—" : String.format(Locale.ROOT, "%.2f", s.median());
    }

    private String render(String loadBefore, String loadAfter, double took, String nmapVersion, String javaVersion, List<Path> jdks) {
        StringBuilder md = new StringBuilder();
        md.append("## Fleet comparison: the command from a cold start, side by side with nmap\n\n");
        md.append("Produced by `bin/bench --fleet").append(plan == SMOKE ? " (smoke)" : "").append("` on ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(String.format(Locale.ROOT, " in %.0f s: %d fake NLA host%s on %s, port %s, served by one JVM; "
                        + "%d repetition(s), each command a new process, nmap and rdp-probe in turn; cells are median (min–max).%n%n",
                        took, plan.hosts(), plan.hosts() == 1 ? "" : "s", plan.hosts() == 1 ? "127.0.0.1" : "127.0.0.1–127.0.0." + plan.hosts(),
                        plan.port() == 0 ? "ephemeral" : Integer.toString(plan.port()), plan.repetitions()));
        md.append("| machine | |\n|---|---|\n");
        md.append("| cores (nproc) | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
        md.append("| JDK (`java` on the PATH) | ").append(javaVersion).append(" |\n");
        for (Path jdk : jdks) {
            md.append("| other JDK | ").append(jdk).append(" |\n");
        }
        md.append("| nmap | ").append(nmapVersion == null ? "not installed (`apt-get install -y nmap`)" : nmapVersion).append(" |\n");
        md.append("| load average (1, 5, 15 min) before → after | ").append(loadBefore).append(" → ").append(loadAfter).append(" |\n\n");
        md.append("Result: rdp-probe; baseline: nmap. Ratios are taken within each repetition, then the median: hosts per"
                + " second (nmap's time ÷ ours) for the fleet, our time ÷ nmap's for one host.\n\n");
        md.append(table.toMarkdown()).append('\n');
        if (plan.steps()) {
            md.append("Each start-up step alone (JDK ").append(Runtime.version().feature())
                    .append(", `java … -jar rdp-probe-cli-*-all.jar --json --no-udp --targets FILE`; the ratio is the time over the"
                            + " first line's, within each repetition, then the median):\n\n");
            md.append(stepsTable.toMarkdown());
            md.append('\n');
        }
        for (String note : notes) {
            md.append("- ").append(note).append('\n');
        }
        if (factless.isEmpty()) {
            md.append("- Every run printed the facts asked for: the NTLM NetBIOS computer name and product version of every host"
                    + " (nmap's `rdp-ntlm-info` block, rdp-probe's `server.credssp.ntlm`).\n");
        } else {
            factless.forEach((label, count) -> md.append("- **").append(label).append(": ").append(count)
                    .append(" run(s) without the facts asked for** (see the bench's output).\n"));
        }
        return md.toString();
    }

    // ------------------------------------------------------------------ helpers

    private Path targetsFile(String name, List<Target> targets) throws IOException {
        Path file = scratch.resolve(name + ".txt");
        Files.write(file, targets.stream().map(Target::toString).collect(Collectors.toList()), StandardCharsets.UTF_8);
        return file;
    }

    /** 127.0.0.1-N as nmap writes a range, or the one address. */
    private static String nmapRange(List<Target> targets) {
        return targets.size() == 1 ? targets.get(0).host() : "127.0.0.1-" + targets.size();
    }

    private Path newestCliJar() throws IOException {
        Path dir = root.resolve("rdp-probe-cli/target");
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "rdp-probe-cli-*-all.jar")) {
                s.forEach(jars::add);
            }
        }
        return jars.stream().max(Comparator.comparing(p -> p.toFile().lastModified()))
                .orElseThrow(() -> new IOException("no rdp-probe-cli/target/rdp-probe-cli-*-all.jar; bin/bench builds it"));
    }

    private String nmapVersion() throws InterruptedException {
        try {
            ColdCommand.Run r = new ColdCommand("nmap --version", List.of("nmap", "--version"), Map.of()).run(scratch, 30);
            return r.exitCode() == 0 ? r.stdout().lines().findFirst().orElse("nmap").trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private String defaultJavaVersion() {
        try {
            ColdCommand.Run r = new ColdCommand("java -version", List.of("java", "-version"), Map.of()).run(scratch, 30);
            return r.stderr().lines().skip(2).findFirst().orElse("?").trim();
        } catch (IOException | InterruptedException | RuntimeException e) {
            return "unknown";
        }
    }

    /** One JDK per feature release 21+ under /usr/lib/jvm other than the default java's. */
    private List<Path> otherJdks() throws IOException, InterruptedException {
        int defaultMajor = majorOf(Path.of(new ColdCommand("which java", List.of("sh", "-c", "readlink -f \"$(command -v java)\""), Map.of())
                .run(scratch, 10).stdout().trim()).getParent().getParent());
        Map<Integer, Path> byMajor = new LinkedHashMap<>();
        for (Path dir : list(Path.of("/usr/lib/jvm")).stream().sorted().collect(Collectors.toList())) {
            if (Files.isSymbolicLink(dir) || !Files.isExecutable(dir.resolve("bin/java"))) {
                continue;
            }
            int major = majorOf(dir);
            if (major >= 21 && major != defaultMajor) {
                byMajor.putIfAbsent(major, dir);
            }
        }
        return new ArrayList<>(byMajor.values());
    }

    private static int majorOf(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a JDK we can read
        }
        return -1;
    }


    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }

    private static void progress(String what) {
        System.err.println("== " + what);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }
}
