package dev.rdpprobe.core;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.UdpFacts;
import dev.rdpprobe.core.target.Target;

/**
 * Hears a probe as it goes, in the style of OkHttp's {@code EventListener}: when it starts, when each phase
 * starts and ends, when facts arrive, and when it ends. Every method does nothing by default; override the ones
 * you need. Give one listener to every probe with {@link RdpProber.Builder#listener}, or make one per probe with
 * {@link RdpProber.Builder#listenerFactory}.
 *
 * <p><b>When.</b> Each event is delivered as soon as the probe knows it, so a failure of the TCP path is heard
 * at once, though the probe's outcome also waits for the UDP probe beside it. {@link #probeStarted} comes first;
 * then, for each phase that runs, {@link #phaseStarted} and later {@link #phaseEnded}; {@code phaseEnded} comes
 * exactly once for every phase of the outcome, also for one that was SKIPPED or NOT_REACHED (without a start).
 * The TCP-path phases come in order; the UDP phase runs beside them, so its events interleave with theirs. Last
 * comes either {@link #probeEnded} with the outcome, just before the probe's future completes with it (so what
 * depends on the future finds every event delivered), or {@link #probeCancelled} when the caller cancelled that
 * future (or closed the prober): one of the two, never both, and nothing after it. (A cancellation in the very
 * moment the probe ends may find the outcome already heard.) The enumerations' extra connections are not
 * reported (their findings are in the outcome).
 *
 * <p><b>Threads.</b> {@link #probeStarted} comes on the thread that called {@code probe}; the others on the
 * prober's threads (an event loop, mostly), or on the thread that cancelled: keep each call quick, and hand work
 * off. The events of one probe never overlap, but two probes' events may, on different threads.
 *
 * <p><b>Failures.</b> A listener that throws does not break the probe: the exception is swallowed, the event is
 * lost for this listener only, and the prober counts it ({@link RdpProber#listenerFailures()}).
 */
public interface ProbeListener {

    /** A listener that does nothing. */
    ProbeListener NONE = new ProbeListener() {
    };

    /**
     * The probe of {@code target} started.
     *
     * @param target the target
     */
    default void probeStarted(Target target) {
    }

    /**
     * A phase started.
     *
     * @param target the target
     * @param phase the phase
     */
    default void phaseStarted(Target target, Phase phase) {
    }

    /**
     * A phase's result is known (once per phase of the outcome).
     *
     * @param target the target
     * @param result the phase's result, the same as in the outcome
     */
    default void phaseEnded(Target target, PhaseResult result) {
    }

    /**
     * The server answered the X.224 negotiation: the protocol it selected, or why it refused.
     *
     * @param target the target
     * @param negotiation what it answered
     */
    default void negotiated(Target target, NegotiationFacts negotiation) {
    }

    /**
     * The TLS handshake completed; the facts hold the version, the cipher suite and the inspected chain.
     *
     * @param target the target
     * @param tls what was learned
     */
    default void tlsEstablished(Target target, TlsFacts tls) {
    }

    /**
     * The server's first CredSSP message was read (its NTLM CHALLENGE, or an error).
     *
     * @param target the target
     * @param credssp what was learned
     */
    default void credSspAnswered(Target target, CredSspFacts credssp) {
    }

    /**
     * The server answered the RDPEUDP SYN.
     *
     * @param target the target
     * @param udp what was learned
     */
    default void udpAnswered(Target target, UdpFacts udp) {
    }

    /**
     * The probe ended; its future completes with {@code outcome} right after this call.
     *
     * @param target the target
     * @param outcome the outcome
     */
    default void probeEnded(Target target, ConnectionOutcome outcome) {
    }

    /**
     * The caller cancelled the probe's future: its connection and UDP socket are being closed, and it completes
     * with nothing.
     *
     * @param target the target
     */
    default void probeCancelled(Target target) {
    }

    /** Makes the listener of each probe. */
    @FunctionalInterface
    interface Factory {

        /**
         * The listener for one probe.
         *
         * @param target the probe's target
         * @return its listener ({@code null} for none)
         */
        ProbeListener create(Target target);
    }
}
