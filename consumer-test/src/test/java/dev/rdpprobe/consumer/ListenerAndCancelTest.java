package dev.rdpprobe.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.core.ProbeListener;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.RecordedConnection;
import dev.rdpprobe.testkit.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A listener hears each phase as it ends; a cancelled probe closes its connection at once. */
class ListenerAndCancelTest {

    @Test
    void theListenerHearsEveryPhaseInOrderBeforeTheOutcome() {
        List<String> heard = new CopyOnWriteArrayList<>();
        ProbeListener listener = new ProbeListener() {
            @Override
            public void phaseEnded(Target target, PhaseResult result) {
                heard.add(result.phase() + " " + result.status());
            }

            @Override
            public void probeEnded(Target target, ConnectionOutcome outcome) {
                heard.add("outcome " + outcome.verdict());
            }
        };
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy());
                RdpProber prober = RdpProber.builder().udp(false).listener(listener).build()) {
            prober.probe(server.target()).join();
        }
        assertEquals(List.of("RESOLVE SKIPPED", "TCP_CONNECT OK", "X224_NEGOTIATION OK", "TLS_HANDSHAKE OK", "CREDSSP OK", "CREDSSP_AUTH SKIPPED",
                "MCS_CONNECT NOT_REACHED",
                "UDP_TRANSPORT SKIPPED", "outcome OK"), heard);
    }

    @Test
    void aCancelledProbeClosesItsConnectionAtOnceAndCompletesNothingLater() throws Exception {
        CountDownLatch x224Sent = new CountDownLatch(1);
        List<String> after = new CopyOnWriteArrayList<>();
        ProbeListener listener = new ProbeListener() {
            @Override
            public void phaseStarted(Target target, Phase phase) {
                if (phase == Phase.X224_NEGOTIATION) {
                    x224Sent.countDown();
                }
            }

            @Override
            public void probeEnded(Target target, ConnectionOutcome outcome) {
                after.add("ended");
            }

            @Override
            public void probeCancelled(Target target) {
                after.add("cancelled");
            }
        };
        // a server that never answers, and limits of a minute: only the cancellation can end this probe early
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.silentAfterConnectionRequest());
                RdpProber prober = RdpProber.builder().udp(false).phaseTimeout(Duration.ofSeconds(60))
                        .deadline(Duration.ofSeconds(60)).listener(listener).build()) {
            CompletableFuture<ConnectionOutcome> probe = prober.probe(server.target());
            assertTrue(x224Sent.await(10, TimeUnit.SECONDS), "the probe reached X.224");
            assertTrue(probe.cancel(true));
            Optional<RecordedConnection> closed = server.takeConnection(Duration.ofSeconds(10));
            assertTrue(closed.isPresent(), "the server saw the connection end, long before any limit");
            assertTrue(closed.get().connectionRequestSeen());
            assertTrue(probe.isCancelled());
        }
        assertEquals(List.of("cancelled"), after);
        assertFalse(after.contains("ended"));
    }
}
