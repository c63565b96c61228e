package dev.rdpprobe.bench.report;

import java.nio.file.Path;

/**
 * The command line every benchmark main takes, {@code [--smoke] [--out FILE]}: whether this is the
 * smoke run, and the results file (by default {@code rdp-probe-bench/results/smoke.md} or
 * {@code latest.md}).
 *
 * @param smoke whether this is the smoke run (proves that the benchmarks run; judges nothing)
 * @param out the results file
 */
public record BenchArgs(boolean smoke, Path out) {

    /** Parses {@code args}; a usage error prints the usage of {@code program} and exits with 2. */
    public static BenchArgs parse(String program, String[] args) {
        boolean smoke = false;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--out" -> {
                    if (i + 1 == args.length) {
                        usage(program);
                    }
                    out = Path.of(args[++i]);
                }
                default -> usage(program);
            }
        }
        return new BenchArgs(smoke, out != null ? out : Path.of("rdp-probe-bench", "results", smoke ? "smoke.md" : "latest.md"));
    }

    private static void usage(String program) {
        System.err.println("usage: " + program + " [--smoke] [--out FILE]");
        System.exit(2);
    }
}
