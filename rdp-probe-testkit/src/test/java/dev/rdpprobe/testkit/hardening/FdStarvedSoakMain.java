package dev.rdpprobe.testkit.hardening;

import dev.rdpprobe.core.target.Target;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Run by {@link SoakTest} in a JVM started under a low {@code ulimit -n} ({@link LowFileLimitJvm}): probes the
 * soak's mix ({@link SoakRound}, {@link SoakProbers}) against servers the parent runs, with more probes in flight
 * than the limit has descriptors for, under an {@link EventLoopWatchdog}, and prints what happened for the parent
 * to check:
 * <pre>
 * FDS &lt;open descriptors once warm&gt;
 * OUTCOME &lt;index&gt; &lt;kind&gt; &lt;judgement&gt; &lt;verdict&gt;/&lt;diagnosis&gt; [&lt;phases and findings, for a mismatch&gt;]
 * MISMATCH &lt;line&gt;                        (also for each lost outcome)
 * WATCHDOG &lt;violations&gt; &lt;summary&gt;
 * VIOLATION &lt;line&gt;
 * DONE outcomes=&lt;n&gt; lost=&lt;n&gt; duplicated=&lt;n&gt; took=&lt;ms&gt; budget=&lt;ms&gt;
 * </pre>
 * The batch has its own deadline, the budget: the child exits with status 0 when every probe was started and
 * completed within it, 3 when not. One probe of each kind runs first, all at once, while descriptors are still
 * free, so that every class the probes use is loaded, as in a long-running process.
 *
 * <p>Arguments: probes inFlight budgetMillis seed, then {@code KIND=host:port} for every {@link SoakKind}.
 * Lines are printed after the batch, from the main thread: the outcomes arrive on event loops, which must not
 * write to a file.
 */
public final class FdStarvedSoakMain {

    static final int OVER_BUDGET = 3;

    private FdStarvedSoakMain() {
    }

    public static void main(String[] args) throws Exception {
        int probes = Integer.parseInt(args[0]);
        int inFlight = Integer.parseInt(args[1]);
        Duration budget = Duration.ofMillis(Long.parseLong(args[2]));
        long seed = Long.parseLong(args[3]);
        Map<SoakKind, Target> targets = new EnumMap<>(SoakKind.class);
        for (int i = 4; i < args.length; i++) {
            String[] kindAndAddress = args[i].split("=", 2);
            int colon = kindAndAddress[1].lastIndexOf(':');
            targets.put(SoakKind.valueOf(kindAndAddress[0]),
                    Target.of(kindAndAddress[1].substring(0, colon), Integer.parseInt(kindAndAddress[1].substring(colon + 1))));
        }
        PrintStream out = System.out;
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        SoakRound.Result result;
        List<String> violations;
        String summary;
        try (SoakProbers probers = new SoakProbers()) {
            warmUp(probers, targets);
            out.println("FDS " + openFds());
            try (EventLoopWatchdog watchdog = new EventLoopWatchdog("rdp-probe-")) {
                result = SoakRound.run(probers, targets, probes, seed, inFlight, budget, (index, kind, o, judgement) ->
                        lines.add("OUTCOME " + index + " " + kind + " " + judgement + " " + o.verdict() + "/" + o.diagnosis().code()
                                + (judgement == SoakKind.Judgement.MISMATCH ? " " + o.phases() + " " + o.findings() : "")));
                violations = watchdog.violations();
                summary = watchdog.summary();
            }
        }
        lines.forEach(out::println);
        result.mismatches().forEach(m -> out.println("MISMATCH " + m));
        out.println("WATCHDOG " + violations.size() + " " + summary);
        violations.forEach(v -> out.println("VIOLATION " + v));
        out.println("DONE outcomes=" + result.outcomes() + " lost=" + result.lost() + " duplicated=" + result.duplicated()
                + " took=" + result.took().toMillis() + " budget=" + budget.toMillis());
        out.flush();
        if (!result.withinBudget()) {
            System.exit(OVER_BUDGET);
        }
    }

    private static void warmUp(SoakProbers probers, Map<SoakKind, Target> targets) {
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (SoakKind kind : SoakKind.values()) {
            all.add(probers.get(kind.prober).probe(targets.get(kind)));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).orTimeout(60, TimeUnit.SECONDS).join();
    }

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
