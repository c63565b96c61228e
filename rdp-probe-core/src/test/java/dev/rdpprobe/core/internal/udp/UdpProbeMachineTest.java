package dev.rdpprobe.core.internal.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.UdpFacts;
import dev.rdpprobe.core.internal.pdu.rdpeudp.RdpUdpFlags;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynAckDatagram;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataExPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDatagram;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynAckBytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dev.rdpprobe.core.internal.sequence.Action;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The machine fed event sequences on a fake clock (plain longs standing for System.nanoTime). */
class UdpProbeMachineTest {

    static final int ISN = 0x1234ABCD;
    static final long MS = 1_000_000L;
    /** The probe started 40 ms before the UDP phase, at a nanoTime far from zero (and near the long wrap). */
    static final long PROBE_START = Long.MAX_VALUE - 2_000 * MS;
    static final long T0 = PROBE_START + 40 * MS;

    static UdpProbeMachine machine(UdpProbeConfig config, long deadlineAfterT0Ms) {
        return new UdpProbeMachine(config, ISN, PROBE_START, T0 + deadlineAfterT0Ms * MS);
    }

    static UdpProbeMachine machine() {
        return machine(UdpProbeConfig.DEFAULTS, 20_000);
    }

    /** The machine's I/O actions, without its reports (tested on their own). */
    static List<Action<UdpProbeResult>> io(List<Action<UdpProbeResult>> actions) {
        return actions.stream().filter(a -> !(a instanceof Action.Report)).toList();
    }

    static long at(long ms) {
        return T0 + ms * MS;
    }

    static ByteBuf synAck(int echo, SynDataExPayload ex) {
        return Unpooled.wrappedBuffer(SynAckBytes.of(SynAckDatagram.of(echo, 64, new SynDataPayload(0x0BADF00D, 1232, 1200), ex)));
    }

    static UdpProbeResult finished(List<Action<UdpProbeResult>> actions) {
        assertThat(actions).hasSize(1).first().isInstanceOf(Action.Finish.class);
        return ((Action.Finish<UdpProbeResult>) actions.get(0)).result();
    }

    static long armedAt(List<Action<UdpProbeResult>> actions) {
        assertThat(actions).hasSize(2);
        assertThat(actions.get(0)).isInstanceOf(Action.SendDatagram.class);
        return ((Action.ArmTimer<UdpProbeResult>) actions.get(1)).atNanos();
    }

    @Test
    void startSendsThePaddedSynAndArmsTheFirstWait() {
        UdpProbeMachine m = machine();
        List<Action<UdpProbeResult>> actions = io(m.start(T0));

        assertThat(actions).hasSize(2);
        byte[] syn = ((Action.SendDatagram<UdpProbeResult>) actions.get(0)).datagram();
        assertThat(syn).hasSize(1232).isEqualTo(m.synDatagram());
        SynDatagram decoded = SynDatagram.decode(Unpooled.wrappedBuffer(syn));
        assertThat(decoded.synData().initialSequenceNumber()).isEqualTo(ISN);
        assertThat(decoded.receiveWindow()).isEqualTo(64);
        assertThat(decoded.flags()).isEqualTo(RdpUdpFlags.SYN | RdpUdpFlags.SYNEX);
        assertThat(decoded.synDataEx()).isEqualTo(SynDataExPayload.offer(2));
        assertThat(actions.get(1)).isEqualTo(new Action.ArmTimer<>(at(500)));
    }

    @Test
    void f5SynWithoutVersionOffer() {
        UdpProbeMachine m = new UdpProbeMachine(UdpProbeConfig.DEFAULTS.withOfferedVersion(0), 0xCAFEBABE, 0, 1);
        byte[] expected = Arrays.copyOf(ByteBufUtil.decodeHexDump("ffffffff00400001cafebabe04d004d0"), 1232);
        assertThat(m.synDatagram()).isEqualTo(expected);
    }

    @Test
    void correlationIdGoesIntoTheSyn() {
        byte[] id = ByteBufUtil.decodeHexDump("d235ac43894142dab10edd6887f7f9fb");
        UdpProbeMachine m = new UdpProbeMachine(UdpProbeConfig.DEFAULTS.withCorrelationId(id), 1, 0, 1);
        SynDatagram syn = SynDatagram.decode(Unpooled.wrappedBuffer(m.synDatagram()));
        assertThat(syn.flags() & RdpUdpFlags.CORRELATION_ID).isNotZero();
        assertThat(syn.correlationId().id()).isEqualTo(id);
    }

    @Test
    void answeredOnTheFirstTry() {
        UdpProbeMachine m = machine();
        io(m.start(T0));
        UdpProbeResult result = finished(io(m.onDatagram(synAck(ISN, SynDataExPayload.offer(2)), at(30))));

        assertThat(result.phase().phase()).isEqualTo(Phase.UDP_TRANSPORT);
        assertThat(result.phase().status()).isEqualTo(PhaseStatus.OK);
        assertThat(result.phase().startOffset()).isEqualTo(Duration.ofMillis(40));
        assertThat(result.phase().elapsed()).isEqualTo(Duration.ofMillis(30));
        assertThat(result.answered()).isTrue();
        assertThat(result.facts()).isEqualTo(UdpFacts.of(true, 1, Duration.ofMillis(30), 2, 1232, 1200, 64));
        assertThat(m.isFinished()).isTrue();
        assertThat(m.result()).isEqualTo(result);
    }

    @Test
    void answeredAfterRetransmitsMeasuresFromTheLatestSyn() {
        UdpProbeMachine m = machine();
        List<byte[]> sent = new ArrayList<>();
        List<Action<UdpProbeResult>> actions = new ArrayList<>(io(m.start(T0)));
        actions.addAll(io(m.onTimer(at(500))));
        actions.addAll(io(m.onTimer(at(1500))));
        for (Action<UdpProbeResult> a : actions) {
            if (a instanceof Action.SendDatagram<UdpProbeResult> send) {
                sent.add(send.datagram());
            }
        }
        assertThat(sent).hasSize(3);
        assertThat(sent.get(1)).isEqualTo(sent.get(0));
        assertThat(sent.get(2)).isEqualTo(sent.get(0));

        UdpProbeResult result = finished(io(m.onDatagram(synAck(ISN, null), at(1620))));
        assertThat(result.phase().status()).isEqualTo(PhaseStatus.OK);
        assertThat(result.facts()).isEqualTo(new UdpFacts(true, 3, Optional.of(Duration.ofMillis(120)), Optional.of(3), Optional.empty(),
                Optional.of(1232), Optional.of(1200), Optional.of(64)));
        // The three SYNs are identical, so the facts say which one the round trip is measured from:
        // the third; the phase's elapsed time, from the first, bounds it from above.
        assertThat(result.facts().roundTripFromSyn()).contains(3);
        assertThat(result.phase().elapsed()).isEqualTo(Duration.ofMillis(1620));
    }

    @Test
    void theWaitDoublesAfterEachAttempt() {
        UdpProbeMachine m = machine(UdpProbeConfig.DEFAULTS.withAttempts(5), 60_000);
        List<Long> timers = new ArrayList<>();
        timers.add(armedAt(io(m.start(T0))));
        for (int i = 0; i < 4; i++) {
            timers.add(armedAt(io(m.onTimer(timers.get(i)))));
        }
        assertThat(timers).containsExactly(at(500), at(1500), at(3500), at(7500), at(15500));

        UdpProbeResult result = finished(io(m.onTimer(at(15500))));
        assertThat(result.phase().status()).isEqualTo(PhaseStatus.TIMED_OUT);
        assertThat(result.phase().failure()).contains(new Failure.UdpNoAnswer(5, Duration.ofMillis(15500)));
    }

    @Test
    void allTriesUnansweredTimesOut() {
        UdpProbeMachine m = machine();
        io(m.start(T0));
        io(m.onTimer(at(500)));
        io(m.onTimer(at(1500)));
        UdpProbeResult result = finished(io(m.onTimer(at(3500))));

        assertThat(result.phase().status()).isEqualTo(PhaseStatus.TIMED_OUT);
        assertThat(result.phase().failure()).contains(new Failure.UdpNoAnswer(3, Duration.ofMillis(3500)));
        assertThat(result.phase().failure().orElseThrow().message()).isEqualTo("no answer to 3 RDPEUDP SYN datagrams in 3500 ms");
        assertThat(result.facts()).isEqualTo(UdpFacts.unanswered(3));
        assertThat(result.answered()).isFalse();
    }

    @Test
    void icmpPortUnreachableMeansClosed() {
        UdpProbeMachine m = machine();
        io(m.start(T0));
        UdpProbeResult result = finished(io(m.onPortUnreachable(at(2))));

        assertThat(result.phase().status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(result.phase().failure()).contains(new Failure.UdpPortClosed());
        assertThat(result.phase().elapsed()).isEqualTo(Duration.ofMillis(2));
        assertThat(result.facts()).isEqualTo(UdpFacts.unanswered(1));
    }

    static Stream<Arguments> invalidAnswers() {
        byte[] noAck = SynAckBytes.of(SynAckDatagram.of(ISN, 64, SynDataPayload.withMaxMtu(1), null));
        noAck[7] = 0x01;
        byte[] badMtu = SynAckBytes.of(SynAckDatagram.of(ISN, 64, SynDataPayload.withMaxMtu(1), null));
        badMtu[12] = 0x00;
        byte[] wrongEcho = SynAckBytes.of(SynAckDatagram.of(ISN + 1, 64, SynDataPayload.withMaxMtu(1), null));
        return Stream.of(
                Arguments.of("wrong flags", noAck, "0x0001 (SYN) is not a SYN+ACK"),
                Arguments.of("wrong echo", wrongEcho, "snSourceAck 0x1234ABCE does not echo our initial sequence number 0x1234ABCD"),
                Arguments.of("too short", new byte[] {1, 2, 3}, "RDPUDP_FEC_HEADER at offset 0: needs 8 bytes"),
                Arguments.of("empty", new byte[0], "RDPUDP_FEC_HEADER"),
                Arguments.of("MTU out of range", badMtu, "uUpStreamMtu at offset 12: 208 is outside 1132..1232"),
                Arguments.of("text", "HTTP/1.1 400".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "is not a SYN+ACK"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidAnswers")
    void anInvalidAnswerIsReportedOnceTheScheduleRunsOut(String name, byte[] datagram, String what) {
        UdpProbeMachine m = machine();
        io(m.start(T0));
        assertThat(io(m.onDatagram(Unpooled.wrappedBuffer(datagram), at(10)))).isEmpty();
        assertThat(m.isFinished()).isFalse();
        // retransmission goes on: the stray datagram is not taken as an answer to our SYN
        assertThat(armedAt(io(m.onTimer(at(500))))).isEqualTo(at(1500));
        armedAt(io(m.onTimer(at(1500))));
        UdpProbeResult result = finished(io(m.onTimer(at(3500))));

        assertThat(result.phase().status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(result.phase().failure().orElseThrow()).isInstanceOfSatisfying(Failure.UdpInvalidAnswer.class, f -> {
            assertThat(f.what()).contains(what);
            assertThat(f.length()).isEqualTo(datagram.length);
        });
        assertThat(result.facts()).isEqualTo(UdpFacts.unanswered(3));
    }

    @Test
    void theFirstInvalidAnswerIsTheOneReported() {
        UdpProbeMachine m = machine(UdpProbeConfig.DEFAULTS.withAttempts(1), 20_000);
        io(m.start(T0));
        io(m.onDatagram(Unpooled.wrappedBuffer(new byte[5]), at(1)));
        io(m.onDatagram(Unpooled.wrappedBuffer(new byte[9]), at(2)));
        UdpProbeResult result = finished(io(m.onTimer(at(500))));
        assertThat(((Failure.UdpInvalidAnswer) result.phase().failure().orElseThrow()).length()).isEqualTo(5);
    }

    @Test
    void aValidAnswerAfterAnInvalidOneWins() {
        UdpProbeMachine m = machine();
        io(m.start(T0));
        assertThat(io(m.onDatagram(synAck(ISN - 1, null), at(5)))).isEmpty();
        UdpProbeResult result = finished(io(m.onDatagram(synAck(ISN, null), at(8))));
        assertThat(result.phase().status()).isEqualTo(PhaseStatus.OK);
        assertThat(result.facts().roundTrip()).contains(Duration.ofMillis(8));
    }

    @Test
    void theDeadlineCapsTheScheduleAndEndsThePhase() {
        UdpProbeMachine m = machine(UdpProbeConfig.DEFAULTS, 1200);
        assertThat(armedAt(io(m.start(T0)))).isEqualTo(at(500));
        assertThat(armedAt(io(m.onTimer(at(500))))).isEqualTo(at(1200));
        UdpProbeResult result = finished(io(m.onTimer(at(1200))));

        assertThat(result.phase().status()).isEqualTo(PhaseStatus.TIMED_OUT);
        assertThat(result.phase().failure()).contains(new Failure.UdpNoAnswer(2, Duration.ofMillis(1200)));
    }

    @Test
    void theDeadlineWithAnInvalidAnswerReportsTheAnswer() {
        UdpProbeMachine m = machine(UdpProbeConfig.DEFAULTS, 300);
        assertThat(armedAt(io(m.start(T0)))).isEqualTo(at(300));
        io(m.onDatagram(Unpooled.wrappedBuffer(new byte[4]), at(1)));
        UdpProbeResult result = finished(io(m.onTimer(at(300))));
        assertThat(result.phase().failure().orElseThrow()).isInstanceOf(Failure.UdpInvalidAnswer.class);
    }

    @Test
    void startingAfterTheDeadlineSendsNothing() {
        UdpProbeMachine m = machine(UdpProbeConfig.DEFAULTS, 0);
        UdpProbeResult result = finished(io(m.start(T0)));
        assertThat(result.phase().status()).isEqualTo(PhaseStatus.TIMED_OUT);
        assertThat(result.phase().failure()).contains(new Failure.UdpNoAnswer(0, Duration.ZERO));
        assertThat(result.facts()).isNull();
    }

    @Test
    void anEarlyTimerReArmsTheSameInstant() {
        UdpProbeMachine m = machine();
        io(m.start(T0));
        assertThat(io(m.onTimer(at(499)))).containsExactly(new Action.ArmTimer<>(at(500)));
        assertThat(armedAt(io(m.onTimer(at(500))))).isEqualTo(at(1500));
    }

    @Test
    void aTransportFailureEndsThePhaseWithIt() {
        UdpProbeMachine m = machine();
        io(m.start(T0));
        UdpProbeResult result = finished(io(m.onTransportFailure(new Failure.Unreachable("Network is unreachable"), at(1))));
        assertThat(result.phase().status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(result.phase().failure()).contains(new Failure.Unreachable("Network is unreachable"));
    }

    @Test
    void eventsAfterTheFinishAreIgnored() {
        UdpProbeMachine m = machine();
        io(m.start(T0));
        UdpProbeResult result = finished(io(m.onPortUnreachable(at(1))));
        assertThat(io(m.onDatagram(synAck(ISN, null), at(2)))).isEmpty();
        assertThat(io(m.onTimer(at(500)))).isEmpty();
        assertThat(io(m.onPortUnreachable(at(3)))).isEmpty();
        assertThat(io(m.onTransportFailure(new Failure.LocalError("x"), at(4)))).isEmpty();
        assertThat(m.result()).isEqualTo(result);
    }

    @Test
    void eventsBeforeStartAreTheCallersMistake() {
        UdpProbeMachine m = machine();
        assertThatThrownBy(() -> io(m.onTimer(T0))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> io(m.onDatagram(Unpooled.EMPTY_BUFFER, T0))).isInstanceOf(IllegalStateException.class);
        io(m.start(T0));
        assertThatThrownBy(() -> io(m.start(T0))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theDatagramIsNotConsumed() {
        UdpProbeMachine m = machine();
        io(m.start(T0));
        ByteBuf datagram = synAck(ISN, null);
        io(m.onDatagram(datagram, at(1)));
        assertThat(datagram.readerIndex()).isZero();
        assertThat(datagram.refCnt()).isEqualTo(1);
    }

    @Test
    void windowsCaptureF3CountsAsAnAnswerToIsnZero() {
        UdpProbeMachine m = new UdpProbeMachine(UdpProbeConfig.DEFAULTS, 0, PROBE_START, T0 + 20_000 * MS);
        io(m.start(T0));
        byte[] reply = Arrays.copyOf(ByteBufUtil.decodeHexDump("00000000004000 05fb6d06e804d004d0".replace(" ", "")), 1232);
        UdpProbeResult result = finished(io(m.onDatagram(Unpooled.wrappedBuffer(reply), at(25))));
        assertThat(result.facts()).isEqualTo(UdpFacts.of(true, 1, Duration.ofMillis(25), null, 1232, 1232, 64));
    }

    @Test
    void hugeRetransmitsSaturateInsteadOfOverflowing() {
        UdpProbeMachine m = machine(new UdpProbeConfig(10, Duration.ofMinutes(1), 1, null), 3_000_000);
        assertThat(m.waitAfterAttempt(10)).isEqualTo(Duration.ofMinutes(512).toNanos());
        assertThat(armedAt(io(m.start(T0)))).isEqualTo(at(60_000));
    }
}
