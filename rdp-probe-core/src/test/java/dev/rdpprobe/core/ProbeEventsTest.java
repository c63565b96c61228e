package dev.rdpprobe.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.internal.sequence.ProbeEvent;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.target.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A probe's events reach its listener as promised; a probe without one ({@link ProbeListener#NONE}) delivers nothing. */
class ProbeEventsTest {

    private static final Target TARGET = Target.of("127.0.0.1", 3389);

    @Test
    void aListenerHearsEachPhaseEndOnceAndNothingAfterTheEnd() {
        List<String> heard = new ArrayList<>();
        ProbeListener listener = new ProbeListener() {
            @Override
            public void probeStarted(Target target) {
                heard.add("started");
            }

            @Override
            public void phaseStarted(Target target, Phase phase) {
                heard.add("start " + phase);
            }

            @Override
            public void phaseEnded(Target target, PhaseResult result) {
                heard.add("end " + result.phase());
            }

            @Override
            public void probeCancelled(Target target) {
                heard.add("cancelled");
            }
        };
        ProbeEvents events = new ProbeEvents(listener, TARGET, new AtomicLong());
        assertThat(events.unheard()).isFalse();
        PhaseResult connected = PhaseResult.ok(Phase.TCP_CONNECT, Duration.ZERO, Duration.ofMillis(1));

        events.probeStarted();
        events.accept(new ProbeEvent.PhaseStarted(Phase.TCP_CONNECT));
        events.accept(new ProbeEvent.PhaseEnded(connected));
        events.phaseEnded(connected);
        events.probeCancelled();
        events.phaseEnded(PhaseResult.notReached(Phase.X224_NEGOTIATION));
        events.probeCancelled();

        assertThat(heard).containsExactly("started", "start TCP_CONNECT", "end TCP_CONNECT", "cancelled");
    }

    @Test
    void aProbeWithoutAListenerIsUnheardAndTakesEveryEventQuietly() {
        AtomicLong failures = new AtomicLong();
        ProbeEvents events = ProbeEvents.of(target -> ProbeListener.NONE, TARGET, failures);
        assertThat(events.unheard()).isTrue();
        assertThat(new ProbeEvents(null, TARGET, failures).unheard()).isTrue();

        events.probeStarted();
        events.accept(new ProbeEvent.PhaseStarted(Phase.TCP_CONNECT));
        events.phaseEnded(PhaseResult.notReached(Phase.TCP_CONNECT));
        events.probeCancelled();
        assertThat(failures).hasValue(0);
    }

    @Test
    void aListenerFactoryThatThrowsCountsOnceAndLeavesTheProbeUnheard() {
        AtomicLong failures = new AtomicLong();
        ProbeEvents events = ProbeEvents.of(target -> {
            throw new IllegalStateException("no listener today");
        }, TARGET, failures);
        assertThat(failures).hasValue(1);
        assertThat(events.unheard()).isTrue();
    }
}
