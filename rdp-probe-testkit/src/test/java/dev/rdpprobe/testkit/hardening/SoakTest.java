package dev.rdpprobe.testkit.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.Target;
import dev.rdpprobe.core.UdpMode;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.Verdict;
import dev.rdpprobe.core.pdu.x224.NegotiationFailureCode;
import dev.rdpprobe.core.pdu.x224.SecurityProtocols;
import dev.rdpprobe.testkit.CredSspStep;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.TlsStep;
import dev.rdpprobe.testkit.udp.FakeUdpResponder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Many probes of mixed outcomes against fake servers, with Netty's leak detector at PARANOID, then checks
 * that nothing leaked and nothing was left behind:
 * <ul>
 * <li>zero leak reports ({@link LeakReports}: a listener on every ByteBuf plus a recording detector factory);</li>
 * <li>open file descriptors ({@code /proc/self/fd}) back to the baseline once the probers and servers are closed;</li>
 * <li>every thread started during the run ended (the baseline's threads are all that is left);</li>
 * <li>no event loop of the prober blocked or stuck ({@link EventLoopWatchdog});</li>
 * <li>every outcome is the one its server's behaviour calls for.</li>
 * </ul>
 * The baseline is taken after a warm-up round (with its own probers and servers, closed), so that classes,
 * lazy singletons and JIT threads do not count as leaks.
 *
 * <p>The default build runs {@link #shortSoak()} ({@value #SHORT_PROBES} probes). The full soak of
 * {@value #FULL_PROBES} probes is tagged {@code soak} and runs only when asked for:
 * <pre>
 * ./mvnw -B -pl rdp-probe-testkit -am test -Dgroups=soak -Dsurefire.failIfNoSpecifiedTests=false -Dtest=SoakTest
 * </pre>
 * (the level can also be given as {@code -DargLine=-Dio.netty.leakDetection.level=paranoid}; the test sets
 * PARANOID itself either way). Figures go to {@code target/soak-report.txt}.
 */
class SoakTest {

    static final int SHORT_PROBES = 2_000;
    static final int FULL_PROBES = 20_000;
    static final int IN_FLIGHT = 32;

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
    void shortSoak() throws Exception {
        soak(SHORT_PROBES);
    }

    @Test
    @Tag("soak")
    @EnabledIfSystemProperty(named = "groups", matches = "(.*,)?\\s*soak\\s*(,.*)?",
            disabledReason = "the full soak runs with -Dgroups=soak")
    void fullSoak() throws Exception {
        soak(Integer.getInteger("soak.probes", FULL_PROBES));
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

    // ------------------------------------------------------------ the mix

    /** What a server does, which prober probes it, and what the outcome must say. */
    enum Kind {
        HEALTHY_NLA(3, Probers.NORMAL, o -> o.verdict() == Verdict.OK && status(o, Phase.CREDSSP) == PhaseStatus.OK),
        TLS_ONLY(2, Probers.NORMAL, o -> o.verdict() == Verdict.OK && status(o, Phase.TLS_HANDSHAKE) == PhaseStatus.OK
                && status(o, Phase.CREDSSP) == PhaseStatus.SKIPPED),
        REFUSED(2, Probers.NORMAL, o -> failure(o, Phase.TCP_CONNECT) instanceof Failure.Refused),
        NLA_REQUIRED(2, Probers.NORMAL, o -> failure(o, Phase.X224_NEGOTIATION) instanceof Failure.NegotiationFailed f
                && f.code() == NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER),
        SILENT(2, Probers.QUICK, o -> status(o, Phase.X224_NEGOTIATION) == PhaseStatus.TIMED_OUT),
        GARBAGE(2, Probers.NORMAL, o -> failure(o, Phase.X224_NEGOTIATION) instanceof Failure.NotRdp),
        RESET(1, Probers.NORMAL, o -> failure(o, Phase.X224_NEGOTIATION) instanceof Failure.Reset),
        TLS_ALERT(1, Probers.NORMAL, o -> failure(o, Phase.TLS_HANDSHAKE) instanceof Failure.TlsAlert),
        CREDSSP_ERROR(1, Probers.NORMAL, o -> failure(o, Phase.CREDSSP) instanceof Failure.CredSspError),
        CREDSSP_CLOSED(1, Probers.NORMAL, o -> failure(o, Phase.CREDSSP) instanceof Failure.ClosedByPeer),
        UDP_ANSWERED(2, Probers.UDP, o -> o.verdict() == Verdict.OK && status(o, Phase.UDP_TRANSPORT) == PhaseStatus.OK),
        UDP_SILENT(1, Probers.UDP, o -> o.verdict() == Verdict.OK && failure(o, Phase.UDP_TRANSPORT) instanceof Failure.UdpNoAnswer);

        final int weight;
        final Probers prober;
        final Predicate<ConnectionOutcome> expected;

        Kind(int weight, Probers prober, Predicate<ConnectionOutcome> expected) {
            this.weight = weight;
            this.prober = prober;
            this.expected = expected;
        }
    }

    enum Probers { NORMAL, QUICK, UDP }

    static PhaseStatus status(ConnectionOutcome o, Phase p) {
        return o.phase(p).status();
    }

    static Failure failure(ConnectionOutcome o, Phase p) {
        return o.phase(p).failure();
    }

    /** The servers and probers of one round; closing it closes them all. */
    static final class Rig implements AutoCloseable {
        final Map<Kind, Target> targets = new EnumMap<>(Kind.class);
        final Map<Probers, RdpProber> probers = new EnumMap<>(Probers.class);
        final List<FakeRdpServer> servers = new ArrayList<>();

        Rig() {
            server(Kind.HEALTHY_NLA, Scenario.healthy());
            server(Kind.TLS_ONLY, Scenario.healthyTlsOnly());
            targets.put(Kind.REFUSED, closedPort());
            server(Kind.NLA_REQUIRED, Scenario.refusing(NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER));
            server(Kind.SILENT, Scenario.silentAfterConnectionRequest());
            server(Kind.GARBAGE, Scenario.replyingWith("SSH-2.0-OpenSSH_9.6\r\n"));
            server(Kind.RESET, Scenario.resettingOnConnectionRequest());
            server(Kind.TLS_ALERT, Scenario.healthy().withTls(new TlsStep.Alert(40)));
            server(Kind.CREDSSP_ERROR, Scenario.healthy().withCredSsp(CredSspStep.error(0xC000006DL)));
            server(Kind.CREDSSP_CLOSED, Scenario.healthy().withCredSsp(new CredSspStep.Close()));
            FakeRdpServer udp = FakeRdpServer.start(Scenario.selecting(SecurityProtocols.RDP)).withUdp(FakeUdpResponder.builder().answering());
            servers.add(udp);
            targets.put(Kind.UDP_ANSWERED, udp.target());
            FakeRdpServer silentUdp = FakeRdpServer.start(Scenario.selecting(SecurityProtocols.RDP)).withUdp(FakeUdpResponder.builder().silent());
            servers.add(silentUdp);
            targets.put(Kind.UDP_SILENT, silentUdp.target());

            probers.put(Probers.NORMAL, RdpProber.builder().udp(false).phaseTimeout(Duration.ofSeconds(5)).deadline(Duration.ofSeconds(15)).build());
            probers.put(Probers.QUICK, RdpProber.builder().udp(false).phaseTimeout(Duration.ofMillis(150)).deadline(Duration.ofSeconds(5)).build());
            probers.put(Probers.UDP, RdpProber.builder().udpMode(UdpMode.BESIDE).udpAttempts(2).udpInitialRetransmit(Duration.ofMillis(50))
                    .phaseTimeout(Duration.ofSeconds(5)).deadline(Duration.ofSeconds(15)).build());
        }

        private void server(Kind kind, Scenario scenario) {
            FakeRdpServer server = FakeRdpServer.start(scenario);
            servers.add(server);
            targets.put(kind, server.target());
        }

        private static Target closedPort() {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return Target.of("127.0.0.1", s.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            probers.values().forEach(RdpProber::close);
            servers.forEach(FakeRdpServer::close);
        }
    }

    /** What one round did. */
    record Round(int probes, Duration took, Map<Kind, Integer> counts, List<String> mismatches) {
        double perSecond() {
            return probes / Math.max(1e-9, took.toNanos() / 1e9);
        }
    }

    static Round round(int probes, long seed) throws Exception {
        List<Kind> bag = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (int i = 0; i < k.weight; i++) {
                bag.add(k);
            }
        }
        Random random = new Random(seed);
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
        AtomicLong done = new AtomicLong();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        long start = System.nanoTime();
        try (Rig rig = new Rig()) {
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int i = 0; i < probes; i++) {
                Kind kind = bag.get(random.nextInt(bag.size()));
                counts.merge(kind, 1, Integer::sum);
                if (!slots.tryAcquire(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("no probe finished within 60 s; " + done.get() + " done");
                }
                all.add(rig.probers.get(kind.prober).probe(rig.targets.get(kind))
                        .whenComplete((o, e) -> {
                            slots.release();
                            done.incrementAndGet();
                            if (e != null) {
                                mismatches.add(kind + ": exception " + e);
                            } else if (!kind.expected.test(o)) {
                                mismatches.add(kind + ": " + o.phases());
                            }
                        }));
                all.removeIf(CompletableFuture::isDone);
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
        }
        return new Round(probes, Duration.ofNanos(System.nanoTime() - start), counts, List.copyOf(mismatches));
    }

    // ------------------------------------------------------------ the soak

    void soak(int probes) throws Exception {
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        // warm-up: load classes, start lazy singletons, then settle
        Round warm = round(Math.min(200, probes), 1);
        assertThat(warm.mismatches()).as("warm-up outcomes").isEmpty();
        flushLeakDetector();
        LeakReports.clear();

        Set<Thread> baselineThreads = liveThreads();
        long baselineFds = openFds();

        Round run;
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

        String report = String.format(Locale.ROOT,
                "soak: %d probes in %.1f s = %.0f probes/s, %d in flight%n"
                        + "mix: %s%n"
                        + "outcome mismatches: %d%n"
                        + "leak reports (PARANOID): %d%n"
                        + "file descriptors: baseline %d, after close %d%n"
                        + "threads: baseline %d, after close %d (lingering: %s)%n"
                        + "event-loop watchdog: %s; violations: %d%n",
                run.probes(), run.took().toNanos() / 1e9, run.perSecond(), IN_FLIGHT, run.counts(), run.mismatches().size(),
                leaks.size(), baselineFds, fdsAfter, baselineThreads.size(), liveThreads().size(), lingering, watch, blocked.size());
        System.out.print(report);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("soak-report-" + probes + ".txt"), report, StandardCharsets.UTF_8);
        }

        assertThat(run.mismatches()).as("outcomes that are not what the server's behaviour calls for").isEmpty();
        assertThat(leaks).as("Netty leak reports").isEmpty();
        assertThat(blocked).as("event loops blocked or stuck").isEmpty();
        assertThat(lingering).as("threads started by the run that are still alive").isEmpty();
        assertThat(fdsAfter).as("open file descriptors after close (baseline %d)", baselineFds).isLessThanOrEqualTo(baselineFds);
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
