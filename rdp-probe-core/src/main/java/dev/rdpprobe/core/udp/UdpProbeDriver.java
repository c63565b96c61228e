package dev.rdpprobe.core.udp;

import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/** PLACEHOLDER until the UDP branch merges. */
public final class UdpProbeDriver {
    private UdpProbeDriver() {
    }

    public static CompletableFuture<UdpProbeResult> run(EventLoopGroup group, InetSocketAddress remote, UdpProbeConfig config,
            long probeStartNanos, long deadlineNanos) {
        return CompletableFuture.completedFuture(new UdpProbeResult(PhaseResult.skipped(Phase.UDP_TRANSPORT, "placeholder"), null));
    }
}
