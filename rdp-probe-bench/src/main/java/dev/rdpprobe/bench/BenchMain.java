package dev.rdpprobe.bench;

import dev.rdpprobe.bench.report.BenchArgs;
import dev.rdpprobe.bench.report.LoadAverage;
import dev.rdpprobe.bench.fleet.FleetComparisonMain;
import dev.rdpprobe.bench.loopback.LoopbackMain;
import dev.rdpprobe.bench.memory.MemoryAtScaleMain;
import dev.rdpprobe.bench.report.ResultTable;
import dev.rdpprobe.bench.report.Row;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole benchmark suite and prints one table — benchmark, result, baseline, ratio, target, met —
 * then writes it with the machine's description to a Markdown file. {@code bin/bench} builds the jar and
 * calls this.
 *
 * <ol>
 *   <li>JMH, with {@code -prof gc}: the codecs, the handshake core (a recorded transcript replayed through
 *       the sans-I/O state machine), and an in-memory TLS handshake per engine.</li>
 *   <li>Whole probes over loopback against {@code FakeRdpServer}, each pair (probe, bare-Netty baseline) in a
 *       fresh JVM, interleaved in rounds ({@link LoopbackMain}).</li>
 *   <li>Memory at scale in a JVM with -Xmx512m ({@link MemoryAtScaleMain}).</li>
 *   <li>The command from a cold start beside nmap on a loopback fleet ({@link FleetComparisonMain}).</li>
 * </ol>
 *
 * <pre>
 * java -jar benchmarks.jar [--smoke] [--out FILE]
 * </pre>
 *
 * Exits 1 only if a benchmark crashed (an exception, a child JVM that failed); a missed target is a result,
 * not an error.
 */
public final class BenchMain {

    /** How long everything runs. */
    private record Mode(String name, int jmhWarmups, TimeValue jmhWarmup, int jmhIterations, TimeValue jmhIteration,
            String concurrencies, long loopWarmupMs, long loopRampMs, long loopWindowMs, int loopRounds, int memoryProbes) {
    }

    private static final Mode SHORT = new Mode("short", 3, TimeValue.seconds(1), 5, TimeValue.seconds(1),
            "1,64,512", 4000, 400, 2000, 2, 10_000);
    private static final Mode SMOKE = new Mode("smoke", 1, TimeValue.milliseconds(100), 1, TimeValue.milliseconds(200),
            "1,16,64", 400, 100, 250, 1, 500);

    private static final String[] PAIRS = {"x224", "bouncycastle", "jdk"};
    private static final double RATE_TARGET = 0.8;
    private static final double ALLOC_FACTOR = 1.2;
    private static final long ALLOC_SLACK = 8 * 1024;
    private static final double CORE_NANOS_TARGET = 2000;
    private static final double CORE_BYTES_TARGET = 4096;
    private static final int MEMORY_TARGET = 10_000;

    private final Mode mode;
    private final ResultTable table = new ResultTable();
    private final List<String> notes = new ArrayList<>();
    private boolean crashed;

    private BenchMain(Mode mode) {
        this.mode = mode;
    }

    /**
     * @param args {@code [--smoke] [--out FILE]}
     */
    public static void main(String[] args) throws Exception {
        BenchArgs parsed = BenchArgs.parse("BenchMain", args);
        boolean smoke = parsed.smoke();
        Path out = parsed.out();
        BenchMain bench = new BenchMain(smoke ? SMOKE : SHORT);
        System.exit(bench.run(out));
    }

    private int run(Path out) throws IOException, InterruptedException {
        String loadBefore = LoadAverage.now();
        long started = System.nanoTime();
        runJmh();
        Map<String, Map<Integer, double[]>> loop = new LinkedHashMap<>();
        for (String pair : PAIRS) {
            loop.put(pair, runLoopback(pair));
        }
        addLoopbackRows(loop);
        runMemory();
        String fleet = runFleet();
        String loadAfter = LoadAverage.now();
        String markdown = render(loadBefore, loadAfter, (System.nanoTime() - started) / 1e9) + "\n" + fleet;
        System.out.println();
        System.out.println(table.toMarkdown());
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, markdown, StandardCharsets.UTF_8);
        System.out.println("written to " + out + (crashed ? "; SOME BENCHMARKS CRASHED (see above)" : ""));
        return crashed ? 1 : 0;
    }

    // ------------------------------------------------------------------ JMH

    private void runJmh() {
        progress("JMH: codecs, handshake core, per-probe steps, TLS engines (-prof gc)");
        Path log = jarDirectory().resolve("jmh-" + mode.name() + ".log");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(dev.rdpprobe.bench.codec.CodecBenchmarks.class.getName())
                .include(dev.rdpprobe.bench.codec.McsConnectBenchmarks.class.getName())
                .include(dev.rdpprobe.bench.core.HandshakeCoreBenchmark.class.getName())
                .include(dev.rdpprobe.bench.tls.TlsEngineHandshakeBenchmark.class.getName())
                .include(dev.rdpprobe.bench.outcome.ProbeOverheadBenchmarks.class.getName())
                .forks(1)
                .warmupIterations(mode.jmhWarmups())
                .warmupTime(mode.jmhWarmup())
                .measurementIterations(mode.jmhIterations())
                .measurementTime(mode.jmhIteration())
                .jvmArgsAppend("-Xms1g", "-Xmx1g", "-Dio.netty.leakDetection.level=disabled")
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .output(log.toString());
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (RunnerException e) {
            crashed = true;
            System.err.println("JMH failed: " + e.getMessage() + " (log: " + log + ")");
            table.add(Row.info("JMH benchmarks", "CRASHED: " + e.getMessage()));
            return;
        }
        Map<String, RunResult> byName = new LinkedHashMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            String engine = r.getParams().getParam("engine");
            byName.put(engine == null ? method : method + ":" + engine, r);
        }
        codecRow(byName, "encodeConnectionRequest", "codec: encode X.224 Connection Request (cookie + RDP_NEG_REQ, 46 B)");
        codecRow(byName, "decodeConfirmNegRsp", "codec: decode Connection Confirm, RDP_NEG_RSP (vector B1)");
        codecRow(byName, "decodeConfirmNegFailure", "codec: decode Connection Confirm, RDP_NEG_FAILURE (vector B4)");
        codecRow(byName, "encodeTsRequestNegotiate", "codec: encode TSRequest(NTLM NEGOTIATE) with clientNonce");
        codecRow(byName, "decodeTsRequestChallenge", "codec: decode TSRequest(NTLM CHALLENGE) + AV pairs (vector D1)");
        codecRow(byName, "encodeRdpeudpSyn", "codec: encode RDPEUDP SYN (SYNEX v2, padded to 1232 B)");
        codecRow(byName, "decodeRdpeudpSynAck", "codec: decode RDPEUDP SYN+ACK (vector F2, 1232 B)");
        codecRow(byName, "encodeConnectInitial", "codec: encode MCS Connect Initial (GCC + client blocks, 388 B)");
        codecRow(byName, "decodeConnectResponse", "codec: decode MCS Connect Response (MS-RDPBCGR 4.1.4, 338 B)");
        RunResult core = byName.get("replayHealthyNlaProbe");
        if (core != null) {
            double ns = core.getPrimaryResult().getScore();
            double bytes = allocation(core);
            table.add(new Row("handshake core: transcript CR→CC→TLS→CHALLENGE→outcome (no listener), time per probe", nanos(ns), "—", "—",
                    "≤ 2 µs", met(ns <= CORE_NANOS_TARGET)));
            table.add(new Row("handshake core: allocation per probe", bytes(bytes), "—", "—", "≤ 4 KB (4 096 B)",
                    met(bytes <= CORE_BYTES_TARGET)));
        }
        RunResult heard = byName.get("replayHealthyNlaProbeWithListener");
        if (heard != null) {
            table.add(new Row("handshake core with a ProbeListener (reports made): time · allocation per probe",
                    nanos(heard.getPrimaryResult().getScore()) + " · " + bytes(allocation(heard)), "—", "—", "—", "—"));
        }
        codecRow(byName, "inspectCertificate", "per-probe step: TLS certificate inspection (report + PKIX trust), self-signed RSA-2048");
        codecRow(byName, "inspectCertificateOneAnchor", "per-probe step: the same inspection against a 1-anchor trust store");
        codecRow(byName, "assembleOutcomeX224Only", "per-probe step: findings + outcome + diagnosis, X.224-only probe");
        codecRow(byName, "assembleOutcomeHealthyNla", "per-probe step: findings + outcome + diagnosis, healthy NLA probe");
        for (String engine : new String[] {"bouncycastle", "jdk"}) {
            RunResult r = byName.get("handshake:" + engine);
            if (r != null) {
                table.add(Row.info("TLS engine " + engine + ": in-memory handshake, both ends, per handshake (JMH)",
                        micros(r.getPrimaryResult().getScore()) + " · " + bytes(allocation(r))));
            }
        }
    }

    private void codecRow(Map<String, RunResult> byName, String method, String label) {
        RunResult r = byName.get(method);
        if (r != null) {
            table.add(Row.info(label, nanos(r.getPrimaryResult().getScore()) + " · " + bytes(allocation(r))));
        }
    }

    private static double allocation(RunResult r) {
        @SuppressWarnings("rawtypes")
        Result alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
        return alloc == null ? Double.NaN : alloc.getScore();
    }

    // ------------------------------------------------------------------ loopback

    /** Per concurrency: {probeOps, probeFailures, probeSeconds, probeCpu, probeAlloc, baseOps, baseFailures, baseSeconds, baseCpu, baseAlloc}. */
    private Map<Integer, double[]> runLoopback(String pair) throws IOException, InterruptedException {
        progress("loopback: " + pair + " (probe vs baseline, in flight " + mode.concurrencies() + ")");
        Map<Integer, double[]> byConcurrency = new LinkedHashMap<>();
        Map<String, String> negotiated = new LinkedHashMap<>();
        List<String> lines = child(List.of("-Xms1g", "-Xmx1g", "-Dio.netty.leakDetection.level=disabled",
                        "-Dbench.smoke=" + (mode == SMOKE)),
                LoopbackMain.class.getName(), pair, mode.concurrencies(), Long.toString(mode.loopWarmupMs()),
                Long.toString(mode.loopRampMs()), Long.toString(mode.loopWindowMs()), Integer.toString(mode.loopRounds()));
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f[0].equals("RESULT") && f.length >= 10) {
                int c = Integer.parseInt(f[3]);
                double[] v = byConcurrency.computeIfAbsent(c, k -> new double[10]);
                int base = f[2].equals("probe") ? 0 : 5;
                v[base] = Double.parseDouble(f[4]);
                v[base + 1] = Double.parseDouble(f[5]);
                v[base + 2] = Double.parseDouble(f[6]);
                v[base + 3] = Double.parseDouble(f[7]);
                v[base + 4] = Double.parseDouble(f[8]);
                negotiated.put(f[2], f[9]);
            }
        }
        if (!negotiated.isEmpty()) {
            notes.add("Loopback pair " + pair + ": the probe negotiated " + negotiated.get("probe") + "; the baseline "
                    + negotiated.get("baseline") + ".");
        }
        return byConcurrency;
    }

    private void addLoopbackRows(Map<String, Map<Integer, double[]>> loop) {
        for (Map.Entry<String, Map<Integer, double[]>> e : loop.entrySet()) {
            String pair = e.getKey();
            boolean x224 = pair.equals("x224");
            for (Map.Entry<Integer, double[]> c : e.getValue().entrySet()) {
                double[] v = c.getValue();
                double probeRate = v[2] > 0 ? v[0] / v[2] : 0;
                double baseRate = v[7] > 0 ? v[5] / v[7] : 0;
                double ratio = baseRate > 0 ? probeRate / baseRate : Double.NaN;
                String label = x224
                        ? "whole probe X.224 only vs bare TCP 19 B ⇄ 19 B, " + c.getKey() + " in flight"
                        : "whole probe through CredSSP vs bare TLS handshake, " + pair + ", " + c.getKey() + " in flight";
                String failures = v[1] > 0 || v[6] > 0 ? " · FAILED ops: " + (long) v[1] + " probe, " + (long) v[6] + " baseline" : "";
                table.add(new Row(label,
                        perSecond(probeRate) + " · " + cpu(v[3], v[0]) + " · " + bytes(v[0] == 0 ? Double.NaN : v[4] / v[0]) + failures,
                        perSecond(baseRate) + " · " + cpu(v[8], v[5]) + " · " + bytes(v[5] == 0 ? Double.NaN : v[9] / v[5]),
                        ratio(ratio), "≥ 0.8×", met(ratio >= RATE_TARGET && v[1] == 0)));
                if (!x224) {
                    double probeAlloc = v[0] == 0 ? Double.NaN : v[4] / v[0];
                    double baseAlloc = v[5] == 0 ? Double.NaN : v[9] / v[5];
                    double limit = ALLOC_FACTOR * baseAlloc + ALLOC_SLACK;
                    table.add(new Row("client allocation per TLS probe, " + pair + ", " + c.getKey() + " in flight",
                            bytes(probeAlloc), bytes(baseAlloc) + " (handshake)", ratio(probeAlloc / baseAlloc),
                            "≤ 1.2× + 8 KB (" + bytes(limit) + ")", met(probeAlloc <= limit)));
                }
            }
        }
        for (Map.Entry<String, Map<Integer, double[]>> e : loop.entrySet()) {
            if (e.getKey().equals("x224")) {
                continue;
            }
            double[] v = e.getValue().get(64);
            if (v == null) {
                v = e.getValue().values().stream().reduce((a, b) -> b).orElse(null);
            }
            if (v != null && v[5] > 0) {
                table.add(Row.info("TLS engine " + e.getKey() + ": client side of one handshake over loopback (b', 64 in flight)",
                        cpu(v[8], v[5]) + " · " + bytes(v[9] / v[5])));
            }
        }
    }

    // ------------------------------------------------------------------ memory

    private void runMemory() throws IOException, InterruptedException {
        progress("memory: " + mode.memoryProbes() + " probes in flight against a stalling server, -Xmx512m");
        List<String> lines = child(List.of("-Xmx512m", "-Dio.netty.leakDetection.level=disabled"),
                MemoryAtScaleMain.class.getName(), Integer.toString(mode.memoryProbes()));
        for (String line : lines) {
            String[] f = line.split("\t");
            if (!f[0].equals("MEMORY") || f.length < 11) {
                continue;
            }
            int n = Integer.parseInt(f[1]);
            long inFlight = Long.parseLong(f[2]);
            long heapBefore = Long.parseLong(f[4]);
            long heapAfter = Long.parseLong(f[5]);
            long maxHeap = Long.parseLong(f[6]);
            long directBefore = Long.parseLong(f[7]);
            long directAfter = Long.parseLong(f[8]);
            String failure = f[10];
            double perProbe = inFlight == 0 ? Double.NaN : (double) (heapAfter - heapBefore) / inFlight;
            String result = String.format(Locale.ROOT, "%,d in flight · %s heap each (%s in all, %s used of %s) · Netty direct %s → %s",
                    inFlight, bytes(perProbe), bytes(heapAfter - heapBefore), bytes(heapAfter), bytes(maxHeap),
                    bytes(directBefore), bytes(directAfter)) + (failure.equals("-") ? "" : " · " + failure);
            boolean ok = inFlight >= MEMORY_TARGET && failure.equals("-") && heapAfter < maxHeap;
            table.add(new Row(String.format(Locale.ROOT, "memory: %,d probes in flight against a stalling server, -Xmx512m", n),
                    result, "—", "—", "10 000 in flight within 512 MB", met(ok)));
        }
    }

    // ------------------------------------------------------------------ fleet

    /** The fleet comparison's section ({@link FleetComparisonMain}); in smoke mode one host, once. */
    private String runFleet() {
        progress("fleet comparison: the command from a cold start beside nmap" + (mode == SMOKE ? " (1 host, once)" : ""));
        try {
            return FleetComparisonMain.section(mode == SMOKE);
        } catch (IOException | RuntimeException e) {
            crashed = true;
            System.err.println("the fleet comparison failed: " + e);
            table.add(Row.info("fleet comparison", "CRASHED: " + e.getMessage()));
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            crashed = true;
            return "";
        }
    }

    // ------------------------------------------------------------------ children

    private List<String> child(List<String> jvmArgs, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("RESULT") || line.startsWith("MEMORY")) {
                    lines.add(line);
                } else if (!line.startsWith("ROUND")) {
                    System.err.println("  " + line);
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0) {
            crashed = true;
            System.err.println(mainClass + " exited with " + exit);
            table.add(Row.info(mainClass.substring(mainClass.lastIndexOf('.') + 1) + " " + String.join(" ", args),
                    "CRASHED (exit " + exit + ")"));
        }
        return lines;
    }

    // ------------------------------------------------------------------ report

    private String render(String loadBefore, String loadAfter, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append("# rdp-probe benchmark results (").append(mode.name()).append(" mode)\n\n");
        if (mode == SMOKE) {
            md.append("**Smoke run: tiny iterations, only proves that every benchmark runs. The numbers mean nothing"
                    + " and no target is judged.**\n\n");
        }
        md.append("Produced by `bin/bench").append(mode == SMOKE ? " --smoke" : "").append("` on ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(String.format(Locale.ROOT, " in %.0f s.%n%n", seconds));
        md.append("| machine | |\n|---|---|\n");
        md.append("| cores (nproc) | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
        md.append("| CPU | ").append(cpuModel()).append(" |\n");
        md.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" (").append(System.getProperty("java.vm.vendor"))
                .append(") |\n");
        md.append("| OS | ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(" |\n");
        md.append("| load average (1, 5, 15 min) before → after | ").append(loadBefore).append(" → ").append(loadAfter)
                .append(" |\n\n");
        md.append(table.toMarkdown()).append('\n');
        md.append("Result and baseline cells of the loopback rows: operations per second · client CPU per operation · "
                + "client allocation per operation. The ratio is the probe's rate over the baseline's rate (the allocation"
                + " rows: allocation over allocation).\n\n");
        for (String note : notes) {
            md.append("- ").append(note).append('\n');
        }
        return md.toString();
    }

    private String met(boolean yes) {
        return mode == SMOKE ? "n/a (smoke)" : yes ? "yes" : "no";
    }

    private static String nanos(double ns) {
        return ns >= 1000 ? String.format(Locale.ROOT, "%.2f µs", ns / 1000) : String.format(Locale.ROOT, "%.1f ns", ns);
    }

    private static String micros(double us) {
        return us >= 1000 ? String.format(Locale.ROOT, "%.2f ms", us / 1000) : String.format(Locale.ROOT, "%.0f µs", us);
    }

    private static String cpu(double cpuNanos, double ops) {
        if (ops == 0) {
            return "— CPU";
        }
        double us = cpuNanos / 1000 / ops;
        return (us >= 1000 ? String.format(Locale.ROOT, "%.2f ms", us / 1000) : String.format(Locale.ROOT, "%.0f µs", us)) + " CPU";
    }

    private static String bytes(double b) {
        if (Double.isNaN(b)) {
            return "—";
        }
        if (Math.abs(b) < 0.5) {
            return "0 B";
        }
        if (Math.abs(b) < 10 * 1024) {
            return String.format(Locale.ROOT, "%,.0f B", b);
        }
        if (Math.abs(b) < 10 * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", b / 1024);
        }
        return String.format(Locale.ROOT, "%.1f MB", b / 1024 / 1024);
    }

    private static String perSecond(double rate) {
        return String.format(Locale.ROOT, "%,.0f/s", rate);
    }

    private static String ratio(double r) {
        return Double.isNaN(r) || Double.isInfinite(r) ? "—" : String.format(Locale.ROOT, "%.2f", r);
    }

    private static void progress(String what) {
        System.err.println("== " + what);
    }

    private static Path jarDirectory() {
        Path jar = Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]).toAbsolutePath();
        return Files.isDirectory(jar) ? jar : jar.getParent();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

}
