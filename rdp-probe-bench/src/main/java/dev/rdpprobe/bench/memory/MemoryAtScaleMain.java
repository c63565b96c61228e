package dev.rdpprobe.bench.memory;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Memory at scale: {@code n} probes held in flight at once against a server that reads each Connection
 * Request and never answers (so every probe sits in X224_NEGOTIATION with its socket, timers and state),
 * in a JVM started with the heap limit under test (-Xmx512m). Heap used after full GCs, before and with the
 * probes in flight, gives the heap per in-flight probe; Netty's direct memory is reported beside it. The
 * server runs in a child JVM ({@link StallServerMain}) so the two ends' sockets do not share one
 * file-descriptor limit. Prints one tab-separated {@code MEMORY} line.
 *
 * <pre>
 * java -Xmx512m -cp benchmarks.jar dev.rdpprobe.bench.memory.MemoryAtScaleMain 10000
 * </pre>
 */
public final class MemoryAtScaleMain {

    private static final int WARM_UP = 300;
    private static final int BATCH = 1000;

    private MemoryAtScaleMain() {
    }

    /**
     * @param args the number of probes to hold in flight
     */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(java, "-Xmx1g", "-Dio.netty.leakDetection.level=disabled",
                "-cp", System.getProperty("java.class.path"), StallServerMain.class.getName(), Integer.toString(WARM_UP))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader fromServer = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter toServer = new PrintWriter(server.getOutputStream(), true, StandardCharsets.UTF_8);
        String first = fromServer.readLine();
        if (first == null || !first.startsWith("PORT ")) {
            throw new IllegalStateException("the stall server did not start: " + first);
        }
        Target target = Target.of("127.0.0.1", Integer.parseInt(first.substring(5).trim()));
        RdpProber prober = RdpProber.builder()
                .udp(false)
                .connectTimeout(Duration.ofMinutes(2))
                .phaseTimeout(Duration.ofMinutes(10))
                .deadline(Duration.ofMinutes(15))
                .threads(2)
                .build();
        try {
            // warm-up: the prober's classes, pools and JIT, on connections the server answers
            List<CompletableFuture<ConnectionOutcome>> warm = new ArrayList<>();
            for (int i = 0; i < WARM_UP; i++) {
                warm.add(prober.probe(target));
            }
            for (CompletableFuture<ConnectionOutcome> f : warm) {
                ConnectionOutcome o = f.get(60, TimeUnit.SECONDS);
                if (o.phase(Phase.X224_NEGOTIATION).status() != PhaseStatus.OK) {
                    throw new IllegalStateException("warm-up probe failed: " + o.failure());
                }
            }
            warm.clear();
            long heapBefore = heapUsedAfterGc();
            long directBefore = directUsed();

            List<CompletableFuture<ConnectionOutcome>> inFlight = new ArrayList<>(n);
            long started = System.nanoTime();
            String failure = null;
            long arrived = 0;
            try {
                for (int i = 0; i < n; i++) {
                    inFlight.add(prober.probe(target));
                    if ((i + 1) % BATCH == 0) {
                        // pace the connection storm: let the server's accept queue drain
                        arrived = awaitCount(fromServer, toServer, WARM_UP + i + 1 - BATCH / 2, Duration.ofSeconds(60));
                    }
                }
                arrived = awaitCount(fromServer, toServer, WARM_UP + n, Duration.ofSeconds(120)) - WARM_UP;
            } catch (OutOfMemoryError e) {
                failure = "OutOfMemoryError after " + inFlight.size() + " probes";
            } catch (IllegalStateException e) {
                failure = e.getMessage();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long done = inFlight.stream().filter(CompletableFuture::isDone).count();
            long heapAfter = heapUsedAfterGc();
            long directAfter = directUsed();
            long maxHeap = Runtime.getRuntime().maxMemory();
            long inFlightNow = inFlight.size() - done;
            System.out.printf(Locale.ROOT, "MEMORY\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.1f\t%s%n", n, inFlightNow, arrived,
                    heapBefore, heapAfter, maxHeap, directBefore, directAfter, seconds, failure == null ? "-" : failure);
            System.out.flush();
            inFlight.clear();
        } finally {
            toServer.println("quit");
            server.waitFor(10, TimeUnit.SECONDS);
            server.destroyForcibly();
            prober.close();
        }
        System.exit(0);
    }

    private static long awaitCount(BufferedReader from, PrintWriter to, long atLeast, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        long count = 0;
        while (System.nanoTime() < end) {
            to.println("count");
            String line = from.readLine();
            if (line == null || !line.startsWith("COUNT ")) {
                throw new IllegalStateException("the stall server stopped answering: " + line);
            }
            count = Long.parseLong(line.substring(6).trim());
            if (count >= atLeast) {
                return count;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("only " + count + " of " + atLeast + " Connection Requests reached the server within "
                + timeout.toSeconds() + " s");
    }

    private static long heapUsedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long directUsed() {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        if (alloc instanceof ByteBufAllocatorMetricProvider provider) {
            return provider.metric().usedDirectMemory();
        }
        return PlatformDependent.usedDirectMemory();
    }
}
