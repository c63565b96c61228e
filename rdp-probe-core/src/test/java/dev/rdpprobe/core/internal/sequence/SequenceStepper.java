package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.TlsFacts;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ConnectionSequence} for transcript tests: each event returns its main action (the last one that is
 * neither a report, a timer nor the start of UDP; {@code null} when there is none), and every action is kept in
 * {@link #all()} for the tests of reports and timers.
 */
public final class SequenceStepper {

    private final ConnectionSequence sequence;
    private final List<Action<SequenceResult>> all = new ArrayList<>();

    public SequenceStepper(SequencePlan plan, long startNanos) {
        this.sequence = new ConnectionSequence(plan, startNanos);
    }

    /** Every action returned so far, in order. */
    public List<Action<SequenceResult>> all() {
        return all;
    }

    /** The reports among {@link #all()}. */
    public List<ProbeEvent> reports() {
        return all.stream().filter(a -> a instanceof Action.Report).map(a -> ((Action.Report<SequenceResult>) a).event()).toList();
    }

    /** The main action of {@code actions}, after keeping them all. */
    public Action<SequenceResult> main(List<Action<SequenceResult>> actions) {
        all.addAll(actions);
        Action<SequenceResult> main = null;
        for (Action<SequenceResult> a : actions) {
            if (!(a instanceof Action.Report) && !(a instanceof Action.ArmTimer) && !(a instanceof Action.StartUdp)) {
                main = a;
            }
        }
        return main;
    }

    public Action<SequenceResult> start(long now) { return main(sequence.start(now)); }
    public Action<SequenceResult> resolved(List<InetAddress> addresses, long now) { return main(sequence.resolved(addresses, now)); }
    public Action<SequenceResult> resolveFailed(String reason, long now) { return main(sequence.resolveFailed(reason, now)); }
    public Action<SequenceResult> connected(long now) { return main(sequence.connected(now)); }
    public Action<SequenceResult> connected(InetSocketAddress local, InetSocketAddress peer, long now) { return main(sequence.connected(local, peer, now)); }
    public Action<SequenceResult> connectFailed(Failure failure, long now) { return main(sequence.connectFailed(failure, now)); }
    public void bytesReceived(int count, long now) { sequence.bytesReceived(count, now); }
    public void framedBytesReceived(int count, long now) { sequence.framedBytesReceived(count, now); }
    public void tlsRecordInProgress(int bytes, long now) { sequence.tlsRecordInProgress(bytes, now); }
    public Action<SequenceResult> received(ByteBuf pdu, long now) { return main(sequence.received(pdu, now)); }
    public Action<SequenceResult> unframeable(byte[] first, MalformedPduException e, long now) { return main(sequence.unframeable(first, e, now)); }
    public Action<SequenceResult> tlsHandshakeCompleted(long now) { return main(sequence.tlsHandshakeCompleted(now)); }
    public void tlsLocalWork(boolean pending) { sequence.tlsLocalWork(pending); }
    public Action<SequenceResult> tlsEstablished(TlsFacts tls, long now) { return main(sequence.tlsEstablished(tls, now)); }
    public Action<SequenceResult> tlsFailed(Failure failure, long now) { return main(sequence.tlsFailed(failure, now)); }
    public Action<SequenceResult> closed(long now) { return main(sequence.closed(now)); }
    public void serverCertificate(byte[] der) { sequence.serverCertificate(der); }
    public void credentialRandom(byte[] random) { sequence.credentialRandom(random); }
    public Action<SequenceResult> reset(long now) { return main(sequence.reset(now)); }
    public Action<SequenceResult> localError(String detail, long now) { return main(sequence.localError(detail, now)); }
    public Action<SequenceResult> failLocally(Failure failure, long now) { return main(sequence.failLocally(failure, now)); }
    public Action<SequenceResult> timeout(long now) { return main(sequence.timeout(now)); }
    public Action<SequenceResult> timeout(long now, Duration lag) { return main(sequence.timeout(now, lag)); }
    public void clientNonce(byte[] nonce) { sequence.clientNonce(nonce); }
    public void withoutReports() { sequence.withoutReports(); }
    public Framing framing() { return sequence.framing(); }
    public int maxPduLength() { return sequence.maxPduLength(); }
    public boolean isDone() { return sequence.isDone(); }
    public Phase currentPhase() { return sequence.currentPhase(); }
    public long deadlineNanos() { return sequence.deadlineNanos(); }
    public long phaseStartNanos() { return sequence.phaseStartNanos(); }
}
