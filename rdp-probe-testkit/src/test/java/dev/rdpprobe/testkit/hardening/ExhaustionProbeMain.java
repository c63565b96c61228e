package dev.rdpprobe.testkit.hardening;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link FileDescriptorExhaustionTest} in a JVM started under a low {@code ulimit -n}: probes one target
 * {@code count} times with {@code concurrency} probes in flight (more sockets than the limit allows) and prints
 * one line per outcome, {@code OUTCOME <diagnosis> <TCP_CONNECT failure kind> <UDP failure kind>}, then
 * {@code DONE <outcomes>}. One probe runs first, before the limit bites, so that every class and jar the
 * probes use is loaded, as in a long-running process.
 *
 * <p>Arguments: host port count concurrency.
 */
public final class ExhaustionProbeMain {

    private ExhaustionProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        Target target = Target.of(args[0], Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        PrintStream out = System.out;
        int[] delivered = {0};
        try (RdpProber prober = RdpProber.builder().phaseTimeout(Duration.ofSeconds(5)).deadline(Duration.ofSeconds(10))
                .udpInitialRetransmit(Duration.ofMillis(100)).build()) {
            out.println("WARMUP " + line(prober.probe(target).get(30, TimeUnit.SECONDS)));
            List<Target> targets = Collections.nCopies(count, target);
            prober.probeAll(targets, concurrency, o -> {
                synchronized (out) {
                    delivered[0]++;
                    out.println("OUTCOME " + line(o));
                }
            }).get(120, TimeUnit.SECONDS);
        }
        synchronized (out) {
            out.println("DONE " + delivered[0]);
        }
        out.flush();
    }

    static String line(ConnectionOutcome o) {
        return o.diagnosis().code() + " " + kind(o.phase(Phase.TCP_CONNECT)) + " " + kind(o.phase(Phase.UDP_TRANSPORT));
    }

    private static String kind(PhaseResult p) {
        Failure f = p.failure().orElse(null);
        return f == null ? p.status().name() : f.kind();
    }
}
