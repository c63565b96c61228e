package dev.rdpprobe.bench.fleet;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library, warm, on the same fleet: one {@link RdpProber} with the CLI's probe settings (UDP off,
 * CredSSP on, the default TLS engine) probing every host of the fleet over and over with
 * {@code probeAll}; after a warm-up, each round's hosts per second. A round counts only if every probe
 * came back {@link Verdict#OK}.
 */
final class WarmFleetRate {

    private WarmFleetRate() {
    }

    /**
     * @param fleet the hosts
     * @param passes how many times each round goes over the fleet
     * @param concurrency probes in flight
     * @return one rate (hosts per second) per round that had no failed probe
     */
    static Samples measure(List<Target> fleet, int warmUpRounds, int rounds, int passes, int concurrency) {
        List<Target> round = new ArrayList<>();
        for (int i = 0; i < passes; i++) {
            round.addAll(fleet);
        }
        Samples rates = new Samples();
        try (RdpProber prober = RdpProber.builder().udp(false).build()) {
            for (int r = 0; r < warmUpRounds + rounds; r++) {
                AtomicInteger notOk = new AtomicInteger();
                long start = System.nanoTime();
                prober.probeAll(round, concurrency, (ConnectionOutcome o) -> {
                    if (o.verdict() != Verdict.OK) {
                        notOk.incrementAndGet();
                    }
                }).join();
                double seconds = (System.nanoTime() - start) / 1e9;
                if (r >= warmUpRounds && notOk.get() == 0) {
                    rates.add(round.size() / seconds);
                }
            }
        }
        return rates;
    }
}
