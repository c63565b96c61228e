package dev.rdpprobe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.ProbeListener;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.testkit.udp.FakeUdpResponder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Phase events through whole probes against the fake server: each phase's end is heard as it happens (a CredSSP
 * failure while the UDP probe still waits), in order and once, with the facts as they arrive; a listener that
 * throws costs the probe nothing. Latches only: nothing here measures time, and the waits only keep a broken build
 * from hanging.
 */
class ProbeListenerTest {

    static final long WAIT = 20;

    /** Writes down every event as text. */
    static final class Recorder implements ProbeListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void probeStarted(Target target) {
            events.add("start");
        }

        @Override
        public void phaseStarted(Target target, Phase phase) {
            events.add("begin " + phase);
        }

        @Override
        public void phaseEnded(Target target, PhaseResult result) {
            events.add("end " + result.phase() + " " + result.status());
        }

        @Override
        public void negotiated(Target target, NegotiationFacts negotiation) {
            events.add("negotiated " + negotiation.selected());
        }

        @Override
        public void tlsEstablished(Target target, TlsFacts tls) {
            events.add("tls");
        }

        @Override
        public void credSspAnswered(Target target, CredSspFacts credssp) {
            events.add("credssp");
        }

        @Override
        public void probeEnded(Target target, ConnectionOutcome outcome) {
            events.add("outcome " + outcome.verdict());
        }
    }

    @Test
    void aCredSspFailureIsHeardWhileTheUdpProbeStillWaits() throws Exception {
        CountDownLatch credsspEnded = new CountDownLatch(1);
        AtomicBoolean outcomeWasPending = new AtomicBoolean();
        CompletableFuture<CompletableFuture<ConnectionOutcome>> probeOf = new CompletableFuture<>();
        ProbeListener listener = new ProbeListener() {
            @Override
            public void phaseEnded(Target target, PhaseResult result) {
                if (result.phase() == Phase.CREDSSP) {
                    outcomeWasPending.set(!probeOf.join().isDone());
                    credsspEnded.countDown();
                }
            }
        };
        // one SYN and a minute's wait: only the cancellation below ends the UDP probe
        try (RdpProber prober = RdpProber.builder().listener(listener).phaseTimeout(Duration.ofSeconds(5))
                .deadline(Duration.ofMinutes(2)).udpAttempts(1).udpInitialRetransmit(Duration.ofMinutes(1)).build();
                FakeRdpServer server = FakeRdpServer.start(Scenario.healthy().withCredSsp(CredSspStep.error(0xC000006DL)))
                        .withUdp(FakeUdpResponder.builder().silent())) {
            CompletableFuture<ConnectionOutcome> probe = prober.probe(server.target());
            probeOf.complete(probe);
            assertThat(credsspEnded.await(WAIT, TimeUnit.SECONDS)).as("the CREDSSP phase's end was heard").isTrue();
            assertThat(outcomeWasPending).as("heard before the outcome, which waits for UDP").isTrue();
            assertThat(probe.isDone()).isFalse();
            probe.cancel(true);
        }
    }

    @Test
    void aHealthyProbeIsHeardInOrderEachPhaseEndingOnce() throws Exception {
        Recorder recorder = new Recorder();
        try (RdpProber prober = RdpProber.builder().listenerFactory(target -> recorder).udp(false).build();
                FakeRdpServer server = FakeRdpServer.start(Scenario.healthy())) {
            ConnectionOutcome o = prober.probe(server.target()).get(WAIT, TimeUnit.SECONDS);
            assertThat(o.phase(Phase.CREDSSP).status()).isEqualTo(PhaseStatus.OK);
            assertThat(recorder.events).containsExactly(
                    "start",
                    "begin RESOLVE", "end RESOLVE SKIPPED",
                    "begin TCP_CONNECT", "end TCP_CONNECT OK",
                    "begin X224_NEGOTIATION", "negotiated " + o.server().negotiation().orElseThrow().selected(), "end X224_NEGOTIATION OK",
                    "begin TLS_HANDSHAKE", "tls", "end TLS_HANDSHAKE OK",
                    "begin CREDSSP", "credssp", "end CREDSSP OK",
                    "end CREDSSP_AUTH SKIPPED",
                    "end MCS_CONNECT NOT_REACHED",
                    "end UDP_TRANSPORT SKIPPED",
                    "outcome " + o.verdict());
            assertThat(prober.listenerFailures()).isZero();
        }
    }

    @Test
    void aListenerThatThrowsCostsTheProbeNothingAndIsCounted() throws Exception {
        ProbeListener broken = new ProbeListener() {
            @Override
            public void probeStarted(Target target) {
                throw new IllegalStateException("the caller's listener failed");
            }

            @Override
            public void phaseEnded(Target target, PhaseResult result) {
                throw new IllegalStateException("the caller's listener failed");
            }

            @Override
            public void probeEnded(Target target, ConnectionOutcome outcome) {
                throw new Error("even an Error");
            }
        };
        try (RdpProber prober = RdpProber.builder().listener(broken).udp(false).build();
                FakeRdpServer server = FakeRdpServer.start(Scenario.healthy())) {
            ConnectionOutcome o = prober.probe(server.target()).get(WAIT, TimeUnit.SECONDS);
            assertThat(o.phase(Phase.CREDSSP).status()).isEqualTo(PhaseStatus.OK);
            assertThat(prober.listenerFailures()).as("start, eight phase ends, the outcome").isEqualTo(2 + Phase.values().length);
        }
    }

    @Test
    void aFactoryThatThrowsLeavesThatProbeUnheard() throws Exception {
        try (RdpProber prober = RdpProber.builder().listenerFactory(target -> {
                    throw new IllegalStateException("no listener today");
                }).udp(false).build();
                FakeRdpServer server = FakeRdpServer.start(Scenario.healthy())) {
            ConnectionOutcome o = prober.probe(server.target()).get(WAIT, TimeUnit.SECONDS);
            assertThat(o.phase(Phase.CREDSSP).status()).isEqualTo(PhaseStatus.OK);
            assertThat(prober.listenerFailures()).isEqualTo(1);
        }
    }
}
