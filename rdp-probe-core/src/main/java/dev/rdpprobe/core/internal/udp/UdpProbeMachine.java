package dev.rdpprobe.core.internal.udp;

import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.UdpFacts;
import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.rdpeudp.CorrelationIdPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynAckDatagram;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataExPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDatagram;
import dev.rdpprobe.core.internal.sequence.Action;
import dev.rdpprobe.core.internal.sequence.ProbeEvent;
import dev.rdpprobe.core.internal.sequence.ProbeMachine;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The UDP_TRANSPORT phase without I/O: fed events (start, datagram received, ICMP port unreachable,
 * timer fired, transport error) with the current {@link System#nanoTime()}, it answers with
 * {@link Action actions} under the machines' one contract ({@link ProbeMachine}): send a datagram, arm the timer,
 * report, finish. It reports the phase's start and a valid answer's facts; the phase's end is the driver's to
 * report, from the result it delivers (which may also come from the driver itself: a socket that could not be
 * opened, a probe that lost track of itself). Not thread-safe: feed it from one thread (the channel's event loop).
 *
 * <p><b>Schedule.</b> The same SYN is sent up to {@code attempts} times; after attempt <i>k</i> the
 * machine waits {@code initialRetransmit × 2^(k−1)} (500, 1000, 2000 ms by default), like the spec's
 * persistent handshake retransmits with a growing interval. No timer is ever armed past the deadline;
 * reaching the deadline ends the phase.
 *
 * <p><b>Outcomes.</b> A valid SYN+ACK (SYN and ACK flags, snSourceAck equal to our initial sequence
 * number, MTUs in range) ends the phase OK, with the round trip measured from the most recent SYN, whose
 * number the facts record ({@link UdpFacts#roundTripFromSyn()}): the SYNs are identical, so after a
 * retransmission the answer cannot be matched to one of them. An ICMP
 * port unreachable ends it FAILED with {@link Failure.UdpPortClosed}. Silence until the last wait (or the
 * deadline) ends it TIMED_OUT with {@link Failure.UdpNoAnswer}.
 *
 * <p><b>Invalid answers: keep listening.</b> A datagram that is not a valid SYN+ACK to our SYN does not end
 * the phase: the machine remembers the first such datagram and keeps retransmitting and listening, so a
 * valid SYN+ACK that follows still counts. Only if the schedule (or the deadline) runs out without a valid
 * one does the phase end FAILED with {@link Failure.UdpInvalidAnswer} describing that first datagram —
 * an invalid answer says more than silence does. Over a connected socket only the server's own address and
 * port can reach us, so strays are rare; the price of this choice is that a server that only ever answers
 * garbage is reported after the whole schedule rather than at once.
 */
public final class UdpProbeMachine implements ProbeMachine<UdpProbeResult> {

    /** The uReceiveWindowSize our SYN announces (IronRDP's value; Windows answered 64 too). */
    public static final int RECEIVE_WINDOW = 64;

    private enum State { NEW, WAITING, FINISHED }

    private final UdpProbeConfig config;
    private final int initialSequenceNumber;
    private final long probeStartNanos;
    private final long deadlineNanos;
    private final byte[] syn;

    private State state = State.NEW;
    private int attemptsSent;
    private long phaseStartNanos;
    private long lastSynNanos;
    private long timerAtNanos;
    private Failure.UdpInvalidAnswer firstInvalidAnswer;
    private UdpProbeResult result;

    /**
     * @param config attempts, schedule, version offer, correlation id
     * @param initialSequenceNumber our random snInitialSequenceNumber (the driver draws it)
     * @param probeStartNanos when the whole probe started (phase offsets are relative to it)
     * @param deadlineNanos when the whole probe must be over
     */
    public UdpProbeMachine(UdpProbeConfig config, int initialSequenceNumber, long probeStartNanos, long deadlineNanos) {
        this.config = Objects.requireNonNull(config, "config");
        this.initialSequenceNumber = initialSequenceNumber;
        this.probeStartNanos = probeStartNanos;
        this.deadlineNanos = deadlineNanos;
        byte[] correlationId = config.correlationIdOrNull();
        this.syn = SynDatagram.of(
                RECEIVE_WINDOW,
                SynDataPayload.withMaxMtu(initialSequenceNumber),
                correlationId == null ? null : CorrelationIdPayload.of(correlationId),
                config.offeredVersion() == 0 ? null : SynDataExPayload.offer(config.offeredVersion()))
                .toBytes();
    }

    /** Our snInitialSequenceNumber, which a valid SYN+ACK echoes. */
    public int initialSequenceNumber() {
        return initialSequenceNumber;
    }

    /** The SYN datagram this machine sends (a copy). */
    public byte[] synDatagram() {
        return syn.clone();
    }

    /** Whether the phase is over. */
    @Override
    public boolean isFinished() {
        return state == State.FINISHED;
    }

    /** How the phase ended, or {@code null} while it runs. */
    public UdpProbeResult result() {
        return result;
    }

    /**
     * Starts the phase: sends the first SYN and arms the timer (or finishes at once if the deadline has passed).
     *
     * @param nowNanos the current nanoTime
     * @return the actions
     * @throws IllegalStateException if already started
     */
    @Override
    public List<Action<UdpProbeResult>> start(long nowNanos) {
        if (state != State.NEW) {
            throw new IllegalStateException("the UDP probe was already started");
        }
        phaseStartNanos = nowNanos;
        state = State.WAITING;
        List<Action<UdpProbeResult>> actions = new ArrayList<>();
        actions.add(new Action.Report<>(new ProbeEvent.PhaseStarted(Phase.UDP_TRANSPORT)));
        if (nowNanos - deadlineNanos >= 0) {
            actions.add(finish(nowNanos, new Failure.UdpNoAnswer(0, Duration.ZERO)));
        } else {
            actions.addAll(sendSyn(nowNanos));
        }
        return actions;
    }

    /**
     * A datagram arrived from the server.
     *
     * @param datagram its bytes, from the reader index to the writer index; not consumed or released
     * @param nowNanos the current nanoTime
     * @return the actions: a finish if it was a valid SYN+ACK, else nothing (the first invalid one is remembered)
     */
    public List<Action<UdpProbeResult>> onDatagram(ByteBuf datagram, long nowNanos) {
        requireStarted();
        if (state == State.FINISHED) {
            return List.of();
        }
        int length = datagram.readableBytes();
        SynAckDatagram answer;
        try {
            answer = SynAckDatagram.decode(datagram.duplicate());
        } catch (MalformedPduException e) {
            return rememberInvalid(e.field() + " at offset " + e.offset() + ": " + e.detail(), length);
        }
        if (answer.acknowledgedSequenceNumber() != initialSequenceNumber) {
            return rememberInvalid(String.format(Locale.ROOT,
                    "snSourceAck 0x%08X does not echo our initial sequence number 0x%08X",
                    answer.acknowledgedSequenceNumber(), initialSequenceNumber), length);
        }
        Duration roundTrip = UdpProbeResult.between(lastSynNanos, nowNanos);
        UdpFacts facts = new UdpFacts(true, attemptsSent, Optional.of(roundTrip), Optional.of(attemptsSent),
                Optional.ofNullable(answer.chosenVersion()), Optional.of(answer.synData().upstreamMtu()),
                Optional.of(answer.synData().downstreamMtu()), Optional.of(answer.receiveWindow()));
        PhaseResult phase = PhaseResult.ok(Phase.UDP_TRANSPORT,
                UdpProbeResult.between(probeStartNanos, phaseStartNanos), UdpProbeResult.between(phaseStartNanos, nowNanos));
        return List.of(new Action.Report<>(new ProbeEvent.UdpAnswered(facts)), finishWith(new UdpProbeResult(phase, facts)));
    }

    /**
     * An ICMP port unreachable came back (on a connected socket: a {@link java.net.PortUnreachableException}).
     *
     * @param nowNanos the current nanoTime
     * @return a finish with {@link Failure.UdpPortClosed}, or nothing if already finished
     */
    public List<Action<UdpProbeResult>> onPortUnreachable(long nowNanos) {
        requireStarted();
        if (state == State.FINISHED) {
            return List.of();
        }
        return List.of(finish(nowNanos, new Failure.UdpPortClosed()));
    }

    /**
     * The armed timer fired: retransmit, or finish if every attempt has been waited out or the deadline is reached.
     * A call before the armed instant re-arms the same instant.
     *
     * @param nowNanos the current nanoTime
     * @return the actions
     */
    public List<Action<UdpProbeResult>> onTimer(long nowNanos) {
        return onTimer(nowNanos, Duration.ZERO);
    }

    /** The armed timer fired ({@link #onTimer(long)}); the loop's lag is not part of a UDP result. */
    @Override
    public List<Action<UdpProbeResult>> onTimer(long nowNanos, Duration localLag) {
        requireStarted();
        if (state == State.FINISHED) {
            return List.of();
        }
        if (nowNanos - timerAtNanos < 0) {
            return List.of(new Action.ArmTimer<>(timerAtNanos));
        }
        if (nowNanos - deadlineNanos >= 0 || attemptsSent >= config.attempts()) {
            return List.of(finishUnanswered(nowNanos));
        }
        return sendSyn(nowNanos);
    }

    /**
     * The transport failed in a way that is neither an answer nor ICMP port unreachable (for example no route,
     * or the channel could not be used). Ends the phase with that failure.
     *
     * @param failure what went wrong
     * @param nowNanos the current nanoTime
     * @return a finish, or nothing if already finished
     */
    public List<Action<UdpProbeResult>> onTransportFailure(Failure failure, long nowNanos) {
        Objects.requireNonNull(failure, "failure");
        requireStarted();
        if (state == State.FINISHED) {
            return List.of();
        }
        return List.of(finish(nowNanos, failure));
    }

    private List<Action<UdpProbeResult>> sendSyn(long nowNanos) {
        attemptsSent++;
        lastSynNanos = nowNanos;
        long wait = waitAfterAttempt(attemptsSent);
        long at = nowNanos + wait;
        if (wait == Long.MAX_VALUE || at - deadlineNanos > 0) {
            at = deadlineNanos;
        }
        timerAtNanos = at;
        return List.of(new Action.SendDatagram<>(syn), new Action.ArmTimer<>(at));
    }

    /** initialRetransmit × 2^(attempt−1) in nanoseconds, saturating at Long.MAX_VALUE. */
    long waitAfterAttempt(int attempt) {
        long wait = config.initialRetransmit().toNanos();
        for (int i = 1; i < attempt; i++) {
            if (wait > Long.MAX_VALUE / 2) {
                return Long.MAX_VALUE;
            }
            wait *= 2;
        }
        return wait;
    }

    private List<Action<UdpProbeResult>> rememberInvalid(String what, int length) {
        if (firstInvalidAnswer == null) {
            firstInvalidAnswer = new Failure.UdpInvalidAnswer(what, length);
        }
        return List.of();
    }

    private Action<UdpProbeResult> finishUnanswered(long nowNanos) {
        if (firstInvalidAnswer != null) {
            return finish(nowNanos, firstInvalidAnswer);
        }
        return finish(nowNanos, new Failure.UdpNoAnswer(attemptsSent, UdpProbeResult.between(phaseStartNanos, nowNanos)));
    }

    private Action<UdpProbeResult> finish(long nowNanos, Failure failure) {
        UdpFacts facts = attemptsSent == 0 ? null : UdpFacts.unanswered(attemptsSent);
        PhaseResult phase = UdpProbeResult.problem(UdpProbeResult.between(probeStartNanos, phaseStartNanos),
                UdpProbeResult.between(phaseStartNanos, nowNanos), failure);
        return finishWith(new UdpProbeResult(phase, facts));
    }

    private Action<UdpProbeResult> finishWith(UdpProbeResult value) {
        state = State.FINISHED;
        result = value;
        return new Action.Finish<>(value);
    }

    private void requireStarted() {
        if (state == State.NEW) {
            throw new IllegalStateException("the UDP probe has not been started");
        }
    }
}
