package dev.rdpprobe.bench.loopback;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one pair — a whole-probe workload and its bare-Netty baseline — in this JVM, at each concurrency,
 * interleaving the two in rounds (probe, baseline, then baseline, probe, …) so that load from elsewhere on
 * the machine falls on both alike. Prints one {@code RESULT} line per workload and concurrency (the sums
 * over the rounds) and one {@code ROUND} line per round, tab-separated, for {@link dev.rdpprobe.bench.BenchMain}.
 *
 * <pre>
 * java -cp benchmarks.jar dev.rdpprobe.bench.loopback.LoopbackMain x224|bouncycastle|jdk 1,64,512 warmupMs rampMs windowMs rounds
 * </pre>
 *
 * With {@code -Dbench.smoke=true} the windows are just the given times (no full turnover of the in-flight
 * operations), for a smoke run.
 */
public final class LoopbackMain {

    private LoopbackMain() {
    }

    /**
     * @param args pair, concurrencies, warm-up ms, ramp ms, window ms, rounds
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: LoopbackMain x224|bouncycastle|jdk 1,64,512 warmupMs rampMs windowMs rounds");
            System.exit(2);
        }
        String pair = args[0];
        List<Integer> concurrencies = new ArrayList<>();
        for (String c : args[1].split(",")) {
            concurrencies.add(Integer.parseInt(c.trim()));
        }
        long warmup = Long.parseLong(args[2]);
        long ramp = Long.parseLong(args[3]);
        long window = Long.parseLong(args[4]);
        int rounds = Integer.parseInt(args[5]);
        boolean turnover = !Boolean.getBoolean("bench.smoke");
        try (Workload probe = pair.equals("x224") ? ProbeWorkload.x224Only() : ProbeWorkload.throughCredSsp(pair);
                Workload baseline = pair.equals("x224") ? new BareTcpWorkload() : new BareTlsWorkload(pair)) {
            // warm-up: JIT and connection churn for both, discarded
            int warmConcurrency = Math.min(64, concurrencies.get(concurrencies.size() - 1));
            ClosedLoop.run(probe, warmConcurrency, warmup / 2, warmup / 2, false);
            ClosedLoop.run(baseline, warmConcurrency, warmup / 2, warmup / 2, false);
            for (int concurrency : concurrencies) {
                Measurement p = Measurement.empty();
                Measurement b = Measurement.empty();
                for (int r = 0; r < rounds; r++) {
                    Measurement pr;
                    Measurement br;
                    if (r % 2 == 0) {
                        pr = ClosedLoop.run(probe, concurrency, ramp, window, turnover);
                        br = ClosedLoop.run(baseline, concurrency, ramp, window, turnover);
                    } else {
                        br = ClosedLoop.run(baseline, concurrency, ramp, window, turnover);
                        pr = ClosedLoop.run(probe, concurrency, ramp, window, turnover);
                    }
                    System.out.printf(Locale.ROOT, "ROUND\t%s\t%d\t%d\t%.1f\t%.1f%n", pair, concurrency, r, pr.rate(), br.rate());
                    System.err.printf(Locale.ROOT, "  %-12s %4d in flight, round %d: probe %8.0f/s  baseline %8.0f/s%n",
                            pair, concurrency, r + 1, pr.rate(), br.rate());
                    p = p.plus(pr);
                    b = b.plus(br);
                }
                print(pair, "probe", concurrency, p);
                print(pair, "baseline", concurrency, b);
            }
        }
        System.out.flush();
        System.exit(0);
    }

    private static void print(String pair, String variant, int concurrency, Measurement m) {
        System.out.printf(Locale.ROOT, "RESULT\t%s\t%s\t%d\t%d\t%d\t%.3f\t%d\t%d\t%s%n", pair, variant, concurrency,
                m.operations(), m.failures(), m.seconds(), m.clientCpuNanos(), m.clientAllocatedBytes(),
                m.negotiated() == null ? "-" : m.negotiated().replace('\t', ' ').replace('\n', ' '));
    }
}
