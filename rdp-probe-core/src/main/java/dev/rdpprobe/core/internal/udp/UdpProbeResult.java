package dev.rdpprobe.core.internal.udp;

import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.UdpFacts;
import java.time.Duration;
import java.util.Objects;

/**
 * How the UDP_TRANSPORT phase ended.
 *
 * @param phase the phase result: OK (a valid SYN+ACK), FAILED ({@link Failure.UdpPortClosed},
 *     {@link Failure.UdpInvalidAnswer}, {@link Failure.Unreachable}, {@link Failure.LocalError},
 *     {@link Failure.OutOfFileDescriptors}, {@link Failure.Internal}) or TIMED_OUT
 *     ({@link Failure.UdpNoAnswer})
 * @param facts what was learned, or {@code null} if no SYN was sent; when no valid answer came, {@code answered}
 *     is false and only {@code attempts} is set
 */
public record UdpProbeResult(PhaseResult phase, UdpFacts facts) {

    /** Checks that the phase result is for UDP_TRANSPORT. */
    public UdpProbeResult {
        Objects.requireNonNull(phase, "phase");
        if (phase.phase() != Phase.UDP_TRANSPORT) {
            throw new IllegalArgumentException("a UDP probe result is for UDP_TRANSPORT, not " + phase.phase());
        }
    }

    /** Whether a valid SYN+ACK came back. */
    public boolean answered() {
        return facts != null && facts.answered();
    }

    /**
     * A phase result for the UDP_TRANSPORT phase: TIMED_OUT if the failure is a timeout, else FAILED.
     *
     * @param startOffset when the phase started, from the probe's start
     * @param elapsed how long it ran
     * @param failure why it ended
     * @return the phase result
     */
    static PhaseResult problem(Duration startOffset, Duration elapsed, Failure failure) {
        return PhaseResult.failed(Phase.UDP_TRANSPORT, startOffset, elapsed, failure);
    }

    /** A result for a phase that ended before any SYN was sent. */
    static UdpProbeResult withoutSyn(Failure failure, long probeStartNanos, long phaseStartNanos, long nowNanos) {
        return new UdpProbeResult(problem(between(probeStartNanos, phaseStartNanos), between(phaseStartNanos, nowNanos),
                failure), null);
    }

    /** {@code to - from} as a duration, never negative. */
    static Duration between(long fromNanos, long toNanos) {
        return Duration.ofNanos(Math.max(0, toNanos - fromNanos));
    }
}
