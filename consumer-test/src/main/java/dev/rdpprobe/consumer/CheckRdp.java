package dev.rdpprobe.consumer;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.target.Target;
import java.time.Duration;

/**
 * A small modular application built on rdp-probe: probes each target given on the command line and
 * prints one line per target. Exits 0 when every target passed, 1 otherwise, 2 for a target it cannot
 * parse.
 */
public final class CheckRdp {

    private CheckRdp() {
    }

    /**
     * Probes each argument ({@code host[:port]}).
     *
     * @param args the targets
     */
    public static void main(String[] args) {
        int exit = 0;
        try (RdpProber prober = RdpProber.builder().udp(false).deadline(Duration.ofSeconds(10)).build()) {
            for (String arg : args) {
                Target target;
                try {
                    target = Target.parse(arg);
                } catch (IllegalArgumentException e) {
                    System.err.println(e.getMessage());
                    System.exit(2);
                    return;
                }
                ConnectionOutcome outcome = prober.probe(target).join();
                System.out.println(target + " " + outcome.verdict()
                        + outcome.failedPhase().map(p -> " at " + p).orElse("")
                        + " — " + outcome.diagnosis().summary());
                if (outcome.failedPhase().isPresent()) {
                    exit = 1;
                }
            }
        }
        System.exit(exit);
    }
}
