package dev.rdpprobe.testkit.hardening;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.UdpMode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The probers of the soak, one per {@link Use}, started together; closing this closes them all. Each
 * {@link SoakKind} names the one that probes it. The kinds that time out are probed with short limits on the
 * phase they stall in and normal limits elsewhere, so that a handshake slowed by the load never passes for the
 * server's stall.
 */
final class SoakProbers implements AutoCloseable {

    /**
     * The limit of a phase in which a soak server stalls on purpose: long enough that the server's part of the
     * answer is in before it expires even when the loaded machine runs the server's thread late, as in
     * StalledAnswerTest.
     */
    static final Duration STALL_LIMIT = Duration.ofMillis(500);
    /** The limit of every other phase. */
    static final Duration PHASE_LIMIT = Duration.ofSeconds(5);
    static final Duration DEADLINE = Duration.ofSeconds(15);

    /** What each prober is for. */
    enum Use {
        /** TCP path only, normal limits: healthy servers, the ones that fail at once, the slow-crypto ones. */
        NORMAL(() -> RdpProber.builder().udp(false).phaseTimeout(PHASE_LIMIT).deadline(DEADLINE)),
        /** Every phase after TCP limited to 150 ms: a server that never answers. */
        QUICK(() -> RdpProber.builder().udp(false).phaseTimeout(Duration.ofMillis(150)).deadline(Duration.ofSeconds(5))),
        /** UDP beside TCP, two SYNs 50 ms apart. */
        UDP(() -> RdpProber.builder().udpMode(UdpMode.BESIDE).udpAttempts(2).udpInitialRetransmit(Duration.ofMillis(50))
                .phaseTimeout(PHASE_LIMIT).deadline(DEADLINE)),
        /** {@link #STALL_LIMIT} on the Connection Confirm. */
        X224_STALL(() -> RdpProber.builder().udp(false).phaseTimeout(PHASE_LIMIT).x224Timeout(STALL_LIMIT).deadline(DEADLINE)),
        /** {@link #STALL_LIMIT} on the TLS handshake. */
        TLS_STALL(() -> RdpProber.builder().udp(false).phaseTimeout(PHASE_LIMIT).tlsTimeout(STALL_LIMIT).deadline(DEADLINE)),
        /** {@link #STALL_LIMIT} on the server's first TSRequest. */
        CREDSSP_STALL(() -> RdpProber.builder().udp(false).phaseTimeout(PHASE_LIMIT).credsspTimeout(STALL_LIMIT).deadline(DEADLINE));

        private final Supplier<RdpProber.Builder> builder;

        Use(Supplier<RdpProber.Builder> builder) {
            this.builder = builder;
        }
    }

    private final Map<Use, RdpProber> probers = new EnumMap<>(Use.class);

    /** Starts one prober per use. */
    SoakProbers() {
        try {
            for (Use use : Use.values()) {
                probers.put(use, use.builder.get().build());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    RdpProber get(Use use) {
        return probers.get(use);
    }

    @Override
    public void close() {
        probers.values().forEach(RdpProber::close);
    }
}
