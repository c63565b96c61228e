package dev.rdpprobe.core.netty;

import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.Target;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import java.util.concurrent.CompletableFuture;

/** Placeholder while the transport is written (skeleton commit only). */
public final class ProbeEngine {
    public ProbeEngine(ProbeOptions options, int threads) {
    }

    public CompletableFuture<ConnectionOutcome> probe(Target target) {
        return CompletableFuture.failedFuture(new IllegalStateException("transport not written yet"));
    }

    public void close() {
    }
}
