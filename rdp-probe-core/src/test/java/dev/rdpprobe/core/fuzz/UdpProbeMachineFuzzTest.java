package dev.rdpprobe.core.fuzz;

import static dev.rdpprobe.core.fuzz.Decoding.check;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynAckDatagram;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataExPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataPayload;
import dev.rdpprobe.core.internal.sequence.Action;
import dev.rdpprobe.core.internal.udp.UdpProbeConfig;
import dev.rdpprobe.core.internal.udp.UdpProbeMachine;
import dev.rdpprobe.core.internal.udp.UdpProbeResult;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynAckBytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The sans-I/O UDP probe machine fed arbitrary event sequences: datagrams (a valid SYN+ACK to our SYN, one
 * echoing another number, a mutated one, or raw bytes), timer firings (early, on time, late), ICMP port
 * unreachable, transport failures. Its contract: every event after {@code start}; the harness fires the timer
 * the machine armed. Properties: nothing throws; every SYN sent is the machine's SYN, at most {@code attempts}
 * of them; no timer is armed past the deadline; exactly one Finish, consistent with what happened; nothing
 * after it; a run always ends by the deadline once the timer is honoured; datagrams are neither consumed nor
 * released.
 */
class UdpProbeMachineFuzzTest {

    @FuzzTest
    void arbitraryEvents(FuzzedDataProvider data) {
        UdpProbeConfig config = new UdpProbeConfig(data.consumeInt(1, 10), Duration.ofMillis(data.consumeInt(1, 5000)),
                data.consumeInt(0, 2), null);
        long start = data.consumeLong(-(1L << 50), 1L << 50);
        long deadline = start + data.consumeLong(-1_000_000L, 30_000_000_000L);
        UdpProbeMachine machine = new UdpProbeMachine(config, data.consumeInt(), start, deadline);
        byte[] syn = machine.synDatagram();
        Run run = new Run(machine, config, syn, deadline);

        long now = start + data.consumeLong(0, 1_000_000_000L);
        run.apply(machine.start(now), now);
        for (int i = 0; i < 40 && data.remainingBytes() > 0 && !machine.isFinished(); i++) {
            now += data.consumeLong(0, 3_000_000_000L);
            switch (data.consumeInt(0, 5)) {
                case 0, 1 -> {
                    ByteBuf datagram = Unpooled.wrappedBuffer(datagram(data, machine.initialSequenceNumber()));
                    int readable = datagram.readableBytes();
                    run.apply(machine.onDatagram(datagram, now), now);
                    check(datagram.readableBytes() == readable && datagram.refCnt() == 1, "the datagram was consumed or released");
                }
                case 2 -> {
                    long at = data.consumeBoolean() ? Math.max(now, run.timerAt) : now; // on time (or late), or early
                    now = Math.max(now, at);
                    run.apply(machine.onTimer(now), now);
                }
                case 3 -> run.apply(machine.onPortUnreachable(now), now);
                case 4 -> run.apply(machine.onTransportFailure(new Failure.LocalError("fuzz"), now), now);
                default -> {
                    try {
                        machine.start(now);
                        throw new AssertionError("a second start was accepted");
                    } catch (IllegalStateException expected) {
                        // the one exception the contract allows
                    }
                }
            }
        }
        // a driver honours the timer: the run must end, and by the deadline
        for (int i = 0; i < 32 && !machine.isFinished(); i++) {
            check(run.timerAt != Long.MIN_VALUE, "waiting with no timer armed");
            now = Math.max(now, run.timerAt);
            run.apply(machine.onTimer(now), now);
        }
        check(machine.isFinished(), "the timer schedule never finished the phase");
        check(run.finishes == 1, run.finishes + " Finish actions");
        check(machine.onTimer(now).isEmpty() && machine.onPortUnreachable(now).isEmpty()
                && machine.onDatagram(Unpooled.wrappedBuffer(new byte[1]), now).isEmpty(), "events after the end did something");
    }

    private static final class Run {
        final UdpProbeMachine machine;
        final UdpProbeConfig config;
        final byte[] syn;
        final long deadline;
        long timerAt = Long.MIN_VALUE;
        int sent;
        int finishes;

        Run(UdpProbeMachine machine, UdpProbeConfig config, byte[] syn, long deadline) {
            this.machine = machine;
            this.config = config;
            this.syn = syn;
            this.deadline = deadline;
        }

        void apply(List<Action<UdpProbeResult>> actions, long now) {
            for (Action<UdpProbeResult> action : actions) {
                check(finishes == 0, "an action after Finish: " + action);
                if (action instanceof Action.SendDatagram<UdpProbeResult> send) {
                    sent++;
                    check(Arrays.equals(send.datagram(), syn), "sent something other than our SYN");
                    check(sent <= config.attempts(), sent + " SYNs for " + config.attempts() + " attempts");
                } else if (action instanceof Action.ArmTimer<UdpProbeResult> arm) {
                    check(arm.atNanos() - deadline <= 0, "a timer armed past the deadline");
                    timerAt = arm.atNanos();
                } else if (action instanceof Action.Finish<UdpProbeResult> finish) {
                    finishes++;
                    var phase = finish.result().phase();
                    check(phase.phase() == Phase.UDP_TRANSPORT, "result for " + phase.phase());
                    check(phase.status() == PhaseStatus.OK || phase.status().isProblem(), "status " + phase.status());
                    check((phase.status() == PhaseStatus.OK) == finish.result().answered(), "answered disagrees with the status");
                    check(machine.isFinished() && machine.result() == finish.result(), "machine state disagrees with Finish");
                }
            }
        }
    }

    /** A valid SYN+ACK for our ISN, one for another ISN, a byte-mutated one, or raw bytes. */
    private static byte[] datagram(FuzzedDataProvider data, int ourIsn) {
        int kind = data.consumeInt(0, 3);
        if (kind == 3) {
            return data.consumeBytes(data.consumeInt(0, 1300));
        }
        int isn = kind == 1 ? data.consumeInt() : ourIsn;
        SynDataExPayload ex = data.consumeBoolean() ? null
                : new SynDataExPayload(data.consumeInt(0, 0xFFFF), data.consumeInt(0, 0xFFFF), null);
        byte[] bytes = SynAckBytes.of(SynAckDatagram.of(isn, data.consumeInt(0, 0xFFFF),
                new SynDataPayload(data.consumeInt(), data.consumeInt(SynDataPayload.MIN_MTU, SynDataPayload.MAX_MTU),
                        data.consumeInt(SynDataPayload.MIN_MTU, SynDataPayload.MAX_MTU)), ex));
        if (kind == 2) {
            bytes[data.consumeInt(0, 23)] = data.consumeByte();
            if (data.consumeBoolean()) {
                bytes = Arrays.copyOf(bytes, data.consumeInt(0, bytes.length));
            }
        }
        return bytes;
    }
}
