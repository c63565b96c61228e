package dev.rdpprobe.core.internal.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.Hex;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.target.Target;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The TCP sequence under the machines' one contract: its single timer asked for with ArmTimer (only when the
 * deadline moves, again after an early call), the UDP probe started by an explicit action, and each phase's start,
 * end and facts reported as they happen, not at the finish.
 */
class MachineContractTest {

    static final long T0 = 1_000_000_000L;
    static final long MS = 1_000_000L;
    static final String CC_HYBRID = "03 00 00 13 0e d0 00 00 12 34 00 02 1f 08 00 02 00 00 00";
    static final TlsFacts TLS = TlsFacts.handshake(TlsVersion.TLS_1_3, "TLS_AES_128_GCM_SHA256", "test", List.of(), null, null);

    static SequencePlan plan(String host, boolean tcp, boolean udp) {
        Duration limit = Duration.ofSeconds(2);
        return new SequencePlan(Target.of(host, 3389), new PhaseLimits(limit, limit, limit, limit, limit, Duration.ofSeconds(10)),
                "rdpprobe", SecurityProtocolSet.DEFAULT_REQUEST, TlsVersion.all(), true, Phase.CREDSSP, tcp, udp,
                Clock.systemUTC());
    }

    static List<Long> timers(List<Action<SequenceResult>> actions) {
        return actions.stream().filter(a -> a instanceof Action.ArmTimer).map(a -> ((Action.ArmTimer<SequenceResult>) a).atNanos())
                .toList();
    }

    static List<ProbeEvent> reports(List<Action<SequenceResult>> actions) {
        return actions.stream().filter(a -> a instanceof Action.Report).map(a -> ((Action.Report<SequenceResult>) a).event()).toList();
    }

    @Test
    void theTimerIsAskedForWhenTheDeadlineMovesAndOnlyThen() {
        ConnectionSequence s = new ConnectionSequence(plan("127.0.0.1", true, false), T0);
        assertThat(timers(s.start(T0))).containsExactly(T0 + 2000 * MS);
        s.bytesReceived(5, T0 + MS);
        assertThat(timers(s.closed(T0 + 2 * MS))).as("the finish cancels the timer; no new one").isEmpty();

        ConnectionSequence t = new ConnectionSequence(plan("127.0.0.1", true, false), T0);
        t.start(T0);
        List<Action<SequenceResult>> sent = t.connected(T0 + 3 * MS);
        assertThat(timers(sent)).containsExactly(T0 + 3 * MS + 2000 * MS);
        assertThat(sent.get(sent.size() - 1)).isInstanceOf(Action.Send.class);

        ConnectionSequence resolving = new ConnectionSequence(plan("rdp.example", true, false), T0);
        assertThat(timers(resolving.start(T0))).containsExactly(T0 + 2000 * MS);
        assertThat(resolving.closed(T0 + MS)).as("an event that changes nothing asks for nothing").isEmpty();
    }

    @Test
    void anEarlyTimerCallAsksForTheSameTimerAgain() {
        ConnectionSequence s = new ConnectionSequence(plan("127.0.0.1", true, false), T0);
        s.start(T0);
        assertThat(s.onTimer(T0 + 1000 * MS, Duration.ZERO)).containsExactly(new Action.ArmTimer<>(T0 + 2000 * MS));
        List<Action<SequenceResult>> due = s.onTimer(T0 + 2000 * MS, Duration.ZERO);
        assertThat(due.get(due.size() - 1)).isInstanceOf(Action.Finish.class);
        assertThat(s.isFinished()).isTrue();
        assertThat(s.onTimer(T0 + 3000 * MS, Duration.ZERO)).isEmpty();
    }

    @Test
    void udpIsStartedByAnActionOnceAnAddressIsKnown() {
        ConnectionSequence literal = new ConnectionSequence(plan("127.0.0.1", true, true), T0);
        List<Action<SequenceResult>> first = literal.start(T0);
        InetSocketAddress where = new InetSocketAddress(InetAddress.getLoopbackAddress(), 3389);
        assertThat(first).contains(new Action.StartUdp<>(where));
        assertThat(first.indexOf(new Action.StartUdp<>(where))).isLessThan(first.indexOf(new Action.Connect<>(where)));

        ConnectionSequence name = new ConnectionSequence(plan("rdp.example", true, true), T0);
        assertThat(name.start(T0)).noneMatch(a -> a instanceof Action.StartUdp);
        assertThat(name.resolved(List.of(InetAddress.getLoopbackAddress()), T0 + MS)).contains(new Action.StartUdp<>(where));

        ConnectionSequence udpOnly = new ConnectionSequence(plan("127.0.0.1", false, true), T0);
        List<Action<SequenceResult>> only = udpOnly.start(T0);
        assertThat(only).contains(new Action.StartUdp<>(where));
        assertThat(only.get(only.size() - 1)).isInstanceOf(Action.Finish.class);

        ConnectionSequence noUdp = new ConnectionSequence(plan("127.0.0.1", true, false), T0);
        assertThat(noUdp.start(T0)).noneMatch(a -> a instanceof Action.StartUdp);
    }

    @Test
    void eachPhaseIsReportedWhenItEndsNotAtTheFinish() {
        ConnectionSequence s = new ConnectionSequence(plan("127.0.0.1", true, false), T0);
        List<ProbeEvent> start = reports(s.start(T0));
        assertThat(start).hasSize(3);
        assertThat(((ProbeEvent.PhaseStarted) start.get(0)).phase()).isEqualTo(Phase.RESOLVE);
        assertThat(((ProbeEvent.PhaseEnded) start.get(1)).result().status()).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(((ProbeEvent.PhaseStarted) start.get(2)).phase()).isEqualTo(Phase.TCP_CONNECT);

        List<ProbeEvent> connected = reports(s.connected(T0 + MS));
        assertThat(((ProbeEvent.PhaseEnded) connected.get(0)).result().phase()).isEqualTo(Phase.TCP_CONNECT);
        assertThat(((ProbeEvent.PhaseStarted) connected.get(1)).phase()).isEqualTo(Phase.X224_NEGOTIATION);

        List<ProbeEvent> confirmed = reports(s.received(Hex.buf(CC_HYBRID), T0 + 2 * MS));
        assertThat(confirmed.get(0)).isInstanceOf(ProbeEvent.Negotiated.class);
        assertThat(((ProbeEvent.Negotiated) confirmed.get(0)).facts().selected()).contains(SecurityProtocol.HYBRID);
        assertThat(((ProbeEvent.PhaseEnded) confirmed.get(1)).result().phase()).isEqualTo(Phase.X224_NEGOTIATION);

        List<ProbeEvent> tls = reports(s.tlsEstablished(TLS, T0 + 3 * MS));
        assertThat(tls.get(0)).isEqualTo(new ProbeEvent.TlsEstablished(TLS));
        assertThat(((ProbeEvent.PhaseStarted) tls.get(2)).phase()).isEqualTo(Phase.CREDSSP);

        List<Action<SequenceResult>> failed = s.received(Hex.buf("30 0d a0 03 02 01 06 a4 06 02 04 c0 00 00 6d"), T0 + 4 * MS);
        List<ProbeEvent> credssp = reports(failed);
        assertThat(credssp.get(0)).isInstanceOf(ProbeEvent.CredSspAnswered.class);
        ProbeEvent.PhaseEnded ended = (ProbeEvent.PhaseEnded) credssp.get(1);
        assertThat(ended.result().phase()).isEqualTo(Phase.CREDSSP);
        assertThat(ended.result().status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(failed.get(failed.size() - 1)).as("the reports come before the finish").isInstanceOf(Action.Finish.class);
    }

    @Test
    void everyPhaseEndIsReportedOnceAlsoForPhasesNeverReached() {
        ConnectionSequence s = new ConnectionSequence(plan("127.0.0.1", true, false), T0);
        s.start(T0);
        List<ProbeEvent> refused = reports(s.connectFailed(new dev.rdpprobe.core.outcome.Failure.Refused(), T0 + MS));
        assertThat(refused).map(e -> ((ProbeEvent.PhaseEnded) e).result().phase())
                .containsExactly(Phase.TCP_CONNECT, Phase.X224_NEGOTIATION, Phase.TLS_HANDSHAKE, Phase.CREDSSP, Phase.CREDSSP_AUTH,
                        Phase.MCS_CONNECT);
        assertThat(refused.subList(1, 6)).allMatch(e -> ((ProbeEvent.PhaseEnded) e).result().status() == PhaseStatus.NOT_REACHED);
    }
}
