package dev.rdpprobe.testkit.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many probes of mixed outcomes against fake servers ({@link SoakKind}: healthy, refusing, silent, failing in
 * each phase, UDP; slow-crypto hosts whose certificate or intermediate has a 16384-bit RSA key; hosts that send
 * part of an answer in X.224, TLS or CredSSP and then stall), interleaved on shared probers, with Netty's leak
 * detector at PARANOID, then checks that nothing leaked, nothing was lost and nothing was left behind:
 * <ul>
 * <li>every probe has exactly one outcome, and it is the one its server's behaviour calls for; no probe of a
 *     healthy TCP path timed out, whatever ran beside it;</li>
 * <li>zero leak reports ({@link LeakReports}: a listener on every ByteBuf plus a recording detector factory);</li>
 * <li>open file descriptors ({@code /proc/self/fd}) back to the baseline once the probers and servers are closed;</li>
 * <li>every thread started during the run ended (the baseline's threads are all that is left);</li>
 * <li>no event loop of the prober blocked or stuck ({@link EventLoopWatchdog});</li>
 * <li>the fd-starved run ({@link FdStarvedSoakRun}): a fifth as many probes of the same mix (at least
 *     {@value #FD_STARVED_PROBES}), {@value #FD_STARVED_IN_FLIGHT} in flight, in a child JVM under
 *     {@code ulimit -n} {@value #FD_STARVED_LIMIT}: every probe has exactly one outcome, those that got no
 *     socket say OUT_OF_FILE_DESCRIPTORS, the others the expected outcome; the child ends by itself within its
 *     own budget, its watchdog saw no blocked loop, and it logged nothing.</li>
 * </ul>
 * The baseline is taken after a warm-up round (with its own probers and servers, closed), so that classes,
 * lazy singletons and JIT threads do not count as leaks.
 *
 * <p>The default build runs {@link #shortSoak} ({@value #SHORT_PROBES} probes). The full soak of
 * {@value #FULL_PROBES} probes is tagged {@code soak} and runs only when asked for:
 * <pre>
 * ./mvnw -B -pl rdp-probe-testkit -am test -Dgroups=soak -Dsurefire.failIfNoSpecifiedTests=false -Dtest=SoakTest
 * </pre>
 * (the level can also be given as {@code -DargLine=-Dio.netty.leakDetection.level=paranoid}; the test sets
 * PARANOID itself either way). Figures go to {@code target/soak-report-<probes>.txt}.
 */
class SoakTest {

    static final int SHORT_PROBES = 2_000;
    static final int FULL_PROBES = 20_000;
    static final int IN_FLIGHT = 32;
    /** The fd-starved run: at least this many probes (a fifth of the soak's), this many in flight, under this {@code ulimit -n}. */
    static final int FD_STARVED_PROBES = 400;
    static final int FD_STARVED_IN_FLIGHT = 100;
    static final int FD_STARVED_LIMIT = 128;

    private static ResourceLeakDetector.Level levelBefore;

    @BeforeAll
    static void paranoid() {
        LeakReports.install();
        levelBefore = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterAll
    static void restore() {
        ResourceLeakDetector.setLevel(levelBefore);
    }

    @Test
    void shortSoak(@TempDir Path scratch) throws Exception {
        soak(SHORT_PROBES, scratch);
    }

    @Test
    @Tag("soak")
    @EnabledIfSystemProperty(named = "groups", matches = "(.*,)?\\s*soak\\s*(,.*)?",
            disabledReason = "the full soak runs with -Dgroups=soak")
    void fullSoak(@TempDir Path scratch) throws Exception {
        soak(Integer.getInteger("soak.probes", FULL_PROBES), scratch);
    }

    /** The leak check can fail: a buffer dropped without release is reported. */
    @Test
    void theLeakCheckSeesALeak() {
        LeakReports.clear();
        leakOneBuffer();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (LeakReports.reports().isEmpty() && System.nanoTime() < end) {
            flushLeakDetector();
        }
        assertThat(LeakReports.reports()).as("the report of a deliberately leaked buffer").isNotEmpty();
        assertThat(LeakReports.reports().get(0)).contains("deliberately leaked");
        LeakReports.clear();
    }

    /** What the channels allocate from (the default allocator: tracked by the leak detector, unlike unpooled heap buffers). */
    private static void leakOneBuffer() {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(32).writeInt(42);
        leaked.touch("deliberately leaked");
        assertThat(leaked.refCnt()).isEqualTo(1);
    }

    /** The watchdog can fail: a thread named like an event loop that waits, or spins, is reported. */
    @Test
    void theWatchdogSeesABlockedOrBusyLoop() throws Exception {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        try (EventLoopWatchdog watchdog = new EventLoopWatchdog("rdp-probe-selftest")) {
            Thread waiting = new Thread(() -> {
                try {
                    never.await(300, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "rdp-probe-selftest-waits");
            Thread spinning = new Thread(SoakTest::spin, "rdp-probe-selftest-spins");
            waiting.start();
            spinning.start();
            waiting.join();
            spinning.join();
            assertThat(watchdog.violations()).anyMatch(v -> v.startsWith("rdp-probe-selftest-waits blocked"))
                    .anyMatch(v -> v.startsWith("rdp-probe-selftest-spins busy"));
        }
    }

    private static void spin() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EventLoopWatchdog.BUSY_LIMIT_MS + 300);
        long x = 0;
        while (System.nanoTime() < end) {
            x += x * 31 + 7;
        }
        assertThat(x).isNotNull();
    }

    /** The harness can fail: every kind's expectation but the healthy one's rejects a healthy outcome. */
    @Test
    void everyOtherKindsExpectationRejectsAHealthyOutcome() {
        try (SoakHosts hosts = new SoakHosts(); SoakProbers probers = new SoakProbers()) {
            ConnectionOutcome healthy = probers.get(SoakKind.HEALTHY_NLA.prober).probe(hosts.targets().get(SoakKind.HEALTHY_NLA)).join();
            assertThat(SoakKind.HEALTHY_NLA.judge(healthy)).as("%s", healthy.phases()).isEqualTo(SoakKind.Judgement.EXPECTED);
            for (SoakKind kind : SoakKind.values()) {
                if (kind != SoakKind.HEALTHY_NLA) {
                    assertThat(kind.judge(healthy)).as("%s judging a healthy outcome", kind).isEqualTo(SoakKind.Judgement.MISMATCH);
                }
            }
        }
    }

    // ------------------------------------------------------------ the soak

    /** The in-process batch: one round of the mix on fresh servers and probers. */
    static SoakRound.Result round(int probes, long seed) throws InterruptedException {
        try (SoakHosts hosts = new SoakHosts(); SoakProbers probers = new SoakProbers()) {
            return SoakRound.run(probers, hosts.targets(), probes, seed, IN_FLIGHT, budget(probes), (index, kind, o, judgement) -> { });
        }
    }

    /** A guard against a hung batch, far beyond what a batch takes: it measures nothing. */
    static Duration budget(int probes) {
        return Duration.ofSeconds(60 + probes / 50);
    }

    void soak(int probes, Path scratch) throws Exception {
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        // warm-up: load classes, start lazy singletons, then settle
        SoakRound.Result warm = round(Math.min(200, probes), 1);
        assertThat(warm.mismatches()).as("warm-up outcomes").isEmpty();
        flushLeakDetector();
        LeakReports.clear();

        Set<Thread> baselineThreads = liveThreads();
        long baselineFds = openFds();

        SoakRound.Result run;
        List<String> blocked;
        String watch;
        try (EventLoopWatchdog watchdog = new EventLoopWatchdog("rdp-probe-")) {
            run = round(probes, 42);
            blocked = watchdog.violations();
            watch = watchdog.summary();
        }
        flushLeakDetector();
        List<String> leaks = LeakReports.reports();

        List<String> lingering = awaitThreadsEnd(baselineThreads, Duration.ofSeconds(15));
        long fdsAfter = openFds();
        int threadsAfter = liveThreads().size();

        // the fd-starved run, after the in-process figures: starting the child starts a thread here (the process reaper)
        int starvedProbes = Math.max(FD_STARVED_PROBES, probes / 5);
        FdStarvedSoakRun.Report starved = FdStarvedSoakRun.run(scratch, starvedProbes, FD_STARVED_IN_FLIGHT, FD_STARVED_LIMIT,
                budget(starvedProbes), Duration.ofSeconds(60), 7);

        StringBuilder byKind = new StringBuilder();
        run.diagnoses().forEach((kind, codes) -> byKind.append("  ").append(kind).append(' ').append(codes).append(System.lineSeparator()));
        long healthyTimedOut = run.diagnoses().entrySet().stream().filter(e -> HEALTHY_TCP.contains(e.getKey()))
                .flatMap(e -> e.getValue().entrySet().stream()).filter(c -> c.getKey().startsWith("TIMED_OUT/"))
                .mapToLong(Map.Entry::getValue).sum();
        String report = String.format(Locale.ROOT,
                "soak: %d probes in %.1f s = %.0f probes/s, %d in flight%n"
                        + "mix (probes drawn per kind): %s%n"
                        + "outcomes by kind (verdict/diagnosis):%n%s"
                        + "outcomes: %d, lost: %d, duplicated: %d, mismatches: %d, probes of healthy TCP paths that timed out: %d%n"
                        + "leak reports (PARANOID): %d%n"
                        + "file descriptors: baseline %d, after close %d%n"
                        + "threads: baseline %d, after close %d (lingering: %s)%n"
                        + "event-loop watchdog: %s; violations: %d%n"
                        + "%s",
                run.probes(), run.took().toNanos() / 1e9, run.perSecond(), IN_FLIGHT, run.drawn(), byKind, run.outcomes(), run.lost(),
                run.duplicated(), run.mismatches().size(), healthyTimedOut, leaks.size(), baselineFds, fdsAfter, baselineThreads.size(),
                threadsAfter, lingering, watch, blocked.size(), starved.summary());
        System.out.print(report);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("soak-report-" + probes + ".txt"), report, StandardCharsets.UTF_8);
        }

        assertThat(run.lost()).as("probes without an outcome").isZero();
        assertThat(run.mismatches()).as("outcomes that are not what the server's behaviour calls for").isEmpty();
        assertThat(run.withinBudget()).as("the batch finished").isTrue();
        assertThat(healthyTimedOut).as("probes of healthy TCP paths that timed out").isZero();
        assertThat(leaks).as("Netty leak reports").isEmpty();
        assertThat(blocked).as("event loops blocked or stuck").isEmpty();
        assertThat(lingering).as("threads started by the run that are still alive").isEmpty();
        assertThat(fdsAfter).as("open file descriptors after close (baseline %d)", baselineFds).isLessThanOrEqualTo(baselineFds);
        assertFdStarvedRun(starved);
    }

    /** The kinds whose TCP path is healthy: none of their probes may time out, whatever runs beside them. */
    static final Set<SoakKind> HEALTHY_TCP = Set.of(SoakKind.HEALTHY_NLA, SoakKind.TLS_ONLY, SoakKind.UDP_ANSWERED, SoakKind.UDP_SILENT,
            SoakKind.SLOW_CRYPTO_INTERMEDIATE);

    static void assertFdStarvedRun(FdStarvedSoakRun.Report r) {
        String errors = r.child().errors();
        assertThat(r.child().finished()).as("the child ended; stderr:%n%s", errors).isTrue();
        assertThat(r.child().exitValue()).as("the child's exit (%d: over its own budget); stderr:%n%s", FdStarvedSoakMain.OVER_BUDGET, errors)
                .isZero();
        assertThat(r.done()).as("the child's last line").startsWith("DONE outcomes=" + r.probes() + " lost=0 duplicated=0 ");
        assertThat(r.outcomes()).as("outcome lines").isEqualTo(r.probes());
        assertThat(r.distinctIndexes()).as("probes with an outcome, each exactly once").isEqualTo(r.probes());
        assertThat(r.mismatches()).as("outcomes in the fd-starved run that are neither expected nor out of descriptors").isEmpty();
        assertThat(r.judged(SoakKind.Judgement.OUT_OF_FILE_DESCRIPTORS)).as("probes that got no socket (the limit was reached)").isPositive();
        assertThat(r.judged(SoakKind.Judgement.EXPECTED)).as("probes that got their sockets and the expected outcome").isPositive();
        assertThat(r.watchdog()).as("the child's watchdog ran").isNotNull();
        assertThat(r.watchdogViolations()).as("the child's event loops blocked or stuck").isEmpty();
        assertThat(errors).as("the child logged no stack trace and no warning").doesNotContain("Exception", "WARN", "\tat ");
    }

    /**
     * Makes the leak detector look at what the GC has collected: leaks are reported when a buffer that was never
     * released is collected and a later allocation polls the detector's queue.
     */
    static void flushLeakDetector() {
        for (int i = 0; i < 5; i++) {
            System.gc();
            System.runFinalization();
            for (int j = 0; j < 64; j++) {
                ByteBufAllocator.DEFAULT.buffer(64).release();
                PooledByteBufAllocator.DEFAULT.buffer(64).release();
                Unpooled.directBuffer(64).release();
            }
        }
    }

    static Set<Thread> liveThreads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    /** Joins every thread not in the baseline (up to the timeout in total); the names of those still alive. */
    static List<String> awaitThreadsEnd(Set<Thread> baseline, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        for (Thread t : liveThreads()) {
            if (!baseline.contains(t)) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            }
        }
        return liveThreads().stream().filter(t -> !baseline.contains(t)).map(Thread::getName).sorted().toList();
    }

    static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
