package dev.rdpprobe.core;

import dev.rdpprobe.core.internal.sequence.ProbeEvent;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.target.Target;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One probe's channel to its {@link ProbeListener}: keeps the listener's promises (each phase's end once, nothing
 * after the probe's end or cancellation, one event at a time) and shields the probe from it (whatever the listener
 * throws is swallowed and counted in {@code failures}). Any thread.
 */
final class ProbeEvents implements Consumer<ProbeEvent> {

    private final ProbeListener listener;
    private final Target target;
    private final AtomicLong failures;
    /** No listener ({@link ProbeListener#NONE}): there is nothing to deliver, so nothing is made for delivery. */
    private final boolean unheard;
    private final Set<Phase> ended;
    private boolean over;

    ProbeEvents(ProbeListener listener, Target target, AtomicLong failures) {
        this.listener = listener == null ? ProbeListener.NONE : listener;
        this.target = target;
        this.failures = failures;
        this.unheard = this.listener == ProbeListener.NONE;
        this.ended = unheard ? null : EnumSet.noneOf(Phase.class);
    }

    /** Whether this probe has no listener (then every event is dropped where it arrives). */
    boolean unheard() {
        return unheard;
    }

    /** The events of a probe whose listener could not even be made: none, the failure counted. */
    static ProbeEvents of(ProbeListener.Factory factory, Target target, AtomicLong failures) {
        ProbeListener listener;
        try {
            listener = factory.create(target);
        } catch (Throwable t) {
            failures.incrementAndGet();
            listener = ProbeListener.NONE;
        }
        return new ProbeEvents(listener, target, failures);
    }

    synchronized void probeStarted() {
        if (unheard) {
            return;
        }
        deliver(() -> listener.probeStarted(target));
    }

    /** A machine's report. */
    @Override
    public synchronized void accept(ProbeEvent event) {
        if (unheard) {
            return;
        }
        if (event instanceof ProbeEvent.PhaseStarted s) {
            deliver(() -> listener.phaseStarted(target, s.phase()));
        } else if (event instanceof ProbeEvent.PhaseEnded e) {
            phaseEnded(e.result());
        } else if (event instanceof ProbeEvent.Negotiated n) {
            deliver(() -> listener.negotiated(target, n.facts()));
        } else if (event instanceof ProbeEvent.TlsEstablished t) {
            deliver(() -> listener.tlsEstablished(target, t.facts()));
        } else if (event instanceof ProbeEvent.CredSspAnswered c) {
            deliver(() -> listener.credSspAnswered(target, c.facts()));
        } else if (event instanceof ProbeEvent.UdpAnswered u) {
            deliver(() -> listener.udpAnswered(target, u.facts()));
        }
    }

    /** A phase's result, unless that phase's end was already reported. */
    synchronized void phaseEnded(PhaseResult result) {
        if (!unheard && !over && ended.add(result.phase())) {
            deliver(() -> listener.phaseEnded(target, result));
        }
    }

    /** The last event: every phase's end not yet reported, then the outcome. */
    synchronized void probeEnded(ConnectionOutcome outcome) {
        if (over || unheard) {
            over = true;
            return;
        }
        outcome.phases().forEach(this::phaseEnded);
        deliver(() -> listener.probeEnded(target, outcome));
        over = true;
    }

    /** The last event of a cancelled probe. */
    synchronized void probeCancelled() {
        if (over || unheard) {
            over = true;
            return;
        }
        deliver(() -> listener.probeCancelled(target));
        over = true;
    }

    private void deliver(Runnable call) {
        if (over) {
            return;
        }
        try {
            call.run();
        } catch (Throwable t) {
            failures.incrementAndGet();
        }
    }
}
