package dev.rdpprobe.bench.exporter;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Verdict;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.exporter.ExporterConfig;
import dev.rdpprobe.exporter.RdpExporter;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The exporter's benchmark (README, "Benchmarks"): probes per second through {@code GET /probe} against a healthy
 * fake server (NLA, TLS 1.3, CredSSP to the CHALLENGE, UDP off), at 1 and 64 scrapes at once ({@link Scrapers}: a
 * blocking keep-alive HTTP/1.1 client per scrape, as light as a client gets, since it shares the CPUs), as a ratio
 * of the library's own rate ({@link RdpProber#probe} with the same options) in the same JVM, in alternating rounds;
 * then the heap per probe in flight: N scrapes of a server that never answers the Connection Request, held in flight,
 * against N library probes of the same server.
 *
 * <pre>{@code java -cp rdp-probe-bench/target/benchmarks.jar dev.rdpprobe.bench.exporter.ExporterBenchMain [--smoke]}</pre>
 */
public final class ExporterBenchMain {

    private static final String CONFIG = "concurrency: 4096\nmax_wait: 0s\nmodules:\n  rdp:\n    timeout: 60s\n    phase_timeout: 30s\n";

    private final boolean smoke;
    private final Duration round;
    private final int rounds;

    private ExporterBenchMain(boolean smoke) {
        this.smoke = smoke;
        this.round = smoke ? Duration.ofMillis(500) : Duration.ofSeconds(4);
        this.rounds = smoke ? 1 : 3;
    }

    /**
     * Runs the benchmark and prints its table (Markdown).
     *
     * @param args {@code [--smoke]}: one short round, a few probes in flight; proves it runs, judges nothing
     */
    public static void main(String[] args) throws Exception {
        boolean smoke = args.length > 0 && args[0].equals("--smoke");
        new ExporterBenchMain(smoke).run();
        System.exit(0);
    }

    private void run() throws Exception {
        ExporterConfig config = ExporterConfig.parse(CONFIG, "bench");
        System.out.println("| scrapes at once | library probes/s | exporter probes/s | ratio |");
        System.out.println("|---|---|---|---|");
        try (FakeRdpServer healthy = FakeRdpServer.start(Scenario.healthy());
             RdpProber prober = RdpProber.builder().options(config.moduleOptions("rdp").orElseThrow()).build();
             RdpExporter exporter = RdpExporter.builder(config).listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).start()) {
            Target target = healthy.target();
            URI uri = URI.create("http://127.0.0.1:" + exporter.address().getPort() + "/probe?module=rdp&target=" + target);
            Supplier<CompletableFuture<Boolean>> library = () -> prober.probe(target).thenApply(o -> o.verdict() == Verdict.OK);
            String path = uri.getRawPath() + "?" + uri.getRawQuery();
            // warm-up: both paths and the JIT
            closedLoop(library, 8, round);
            Scrapers.closedLoop(exporter.address(), path, 8, round);
            for (int concurrency : new int[] {1, 64}) {
                double lib = 0;
                double exp = 0;
                for (int i = 0; i < rounds; i++) {
                    lib += closedLoop(library, concurrency, round);
                    exp += Scrapers.closedLoop(exporter.address(), path, concurrency, round);
                }
                lib /= rounds;
                exp /= rounds;
                System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.2f× |%n", concurrency, lib, exp, exp / lib);
            }
        }
        memory(config);
    }

    /** Probes per second of {@code concurrency} chains of {@code probe} for {@code duration}; every probe must succeed. */
    private static double closedLoop(Supplier<CompletableFuture<Boolean>> probe, int concurrency, Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<CompletableFuture<Void>> chains = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            CompletableFuture<Void> chain = new CompletableFuture<>();
            next(probe, end, done, failed, chain);
            chains.add(chain);
        }
        CompletableFuture.allOf(chains.toArray(new CompletableFuture[0])).get(duration.toSeconds() + 120, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " probes did not succeed");
        }
        return done.get() / seconds;
    }

    private static void next(Supplier<CompletableFuture<Boolean>> probe, long end, AtomicLong done, AtomicLong failed, CompletableFuture<Void> chain) {
        if (System.nanoTime() >= end) {
            chain.complete(null);
            return;
        }
        probe.get().whenComplete((ok, e) -> {
            if (Boolean.TRUE.equals(ok)) {
                done.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            next(probe, end, done, failed, chain);
        });
    }

    /** Heap per probe in flight: library probes, then scrapes (raw sockets as clients), of a server that never answers. */
    private void memory(ExporterConfig config) throws Exception {
        int n = smoke ? 20 : 1000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (FakeRdpServer silent = FakeRdpServer.start(Scenario.silentAfterConnectionRequest())) {
            long libraryBytes;
            try (RdpProber prober = RdpProber.builder().options(config.moduleOptions("rdp").orElseThrow()).build()) {
                prober.probe(silent.target()).cancel(true); // warm
                long before = heapAfterGc(memory);
                List<CompletableFuture<ConnectionOutcome>> probes = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    probes.add(prober.probe(silent.target()));
                }
                silent.awaitConnections(n, Duration.ofSeconds(60));
                libraryBytes = (heapAfterGc(memory) - before) / n;
                probes.forEach(p -> p.cancel(true));
            }
            long exporterBytes;
            long socketBytes;
            try (java.net.ServerSocket nobody = new java.net.ServerSocket(0, n + 10, InetAddress.getLoopbackAddress())) {
                // what the client side of the measurement costs: n sockets whose peer is only the kernel's backlog
                long before = heapAfterGc(memory);
                List<Socket> clients = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    clients.add(new Socket(InetAddress.getLoopbackAddress(), nobody.getLocalPort()));
                }
                socketBytes = (heapAfterGc(memory) - before) / n;
                for (Socket s : clients) {
                    s.close();
                }
            }
            try (RdpExporter exporter = RdpExporter.builder(config).listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).start()) {
                int port = exporter.address().getPort();
                long before = heapAfterGc(memory);
                List<Socket> idle = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    idle.add(new Socket(InetAddress.getLoopbackAddress(), port));
                }
                byte[] request = ("GET /probe?module=rdp&target=" + silent.target() + " HTTP/1.1\r\nHost: bench\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                for (Socket s : idle) {
                    OutputStream out = s.getOutputStream();
                    out.write(request);
                    out.flush();
                }
                silent.awaitConnections(2 * n, Duration.ofSeconds(60));
                exporterBytes = (heapAfterGc(memory) - before) / n - socketBytes;
                for (Socket s : idle) {
                    s.close();
                }
            }
            System.out.println();
            System.out.println("| in flight (a server that never answers) | heap per probe |");
            System.out.println("|---|---|");
            System.out.printf(Locale.ROOT, "| %d library probes | %.1f KB |%n", n, libraryBytes / 1024.0);
            System.out.printf(Locale.ROOT, "| %d scrapes of /probe: the probe, its HTTP connection and request (the client's sockets, %.1f KB each, subtracted) | %.1f KB |%n", n,
                    socketBytes / 1024.0, exporterBytes / 1024.0);
        }
    }

    private static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
