package dev.rdpprobe.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.target.Target;
import io.netty.channel.Channel;
import io.netty.channel.socket.SocketProtocolFamily;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cancelling a probe's future closes its connection and its UDP socket at once (long before any limit would),
 * completes nothing later, and the listener hears of it. A loopback server that reads the Connection Request and
 * then waits for the close; the limits are a minute, so only the cancellation can close. The waits only keep a
 * broken build from hanging; nothing here measures time.
 */
class CancellationTest {

    static final long WAIT = 20;
    static final Duration LONG = Duration.ofSeconds(60);

    private final Queue<Channel> udpChannels = new ConcurrentLinkedQueue<>();
    private ProbeEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    /** Plain NIO channels, keeping the UDP ones for the test to watch. */
    private final ProbeSockets watched = new ProbeSockets() {
        @Override
        public Channel newTcpChannel() {
            return ProbeSockets.NIO.newTcpChannel();
        }

        @Override
        public Channel newUdpChannel(SocketProtocolFamily family) {
            Channel ch = ProbeSockets.NIO.newUdpChannel(family);
            udpChannels.add(ch);
            return ch;
        }
    };

    /** Counts what the listener hears after the start. */
    static final class Heard implements ProbeListener {
        final CountDownLatch cancelled = new CountDownLatch(1);
        final AtomicInteger ended = new AtomicInteger();

        @Override
        public void probeCancelled(Target target) {
            cancelled.countDown();
        }

        @Override
        public void probeEnded(Target target, dev.rdpprobe.core.outcome.ConnectionOutcome outcome) {
            ended.incrementAndGet();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void cancellingClosesTheConnectionAndTheUdpSocketAtOnce(boolean interrupt) throws Exception {
        ProbeOptions options = RdpProber.builder().connectTimeout(LONG).phaseTimeout(LONG).deadline(LONG.multipliedBy(2))
                .udpAttempts(1).udpInitialRetransmit(LONG).options();
        Heard heard = new Heard();
        engine = new ProbeEngine(options, new ProbeResources(1, null, null, null, target -> heard), watched, Watchdog.GRACE);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<dev.rdpprobe.core.outcome.ConnectionOutcome> probe =
                    engine.probe(Target.of("127.0.0.1", server.getLocalPort()));
            try (Socket accepted = server.accept()) {
                InputStream in = accepted.getInputStream();
                assertThat(in.read()).as("the Connection Request's first byte").isEqualTo(0x03);
                CountDownLatch closed = new CountDownLatch(1);
                Thread reader = new Thread(() -> {
                    try {
                        while (in.read() >= 0) {
                            // the rest of the Connection Request
                        }
                    } catch (java.io.IOException e) {
                        // a reset is a close too
                    }
                    closed.countDown();
                });
                reader.start();

                assertThat(probe.cancel(interrupt)).isTrue();

                assertThat(closed.await(WAIT, TimeUnit.SECONDS)).as("the server saw the connection close").isTrue();
                reader.join();
                assertThat(heard.cancelled.await(WAIT, TimeUnit.SECONDS)).isTrue();
                assertThat(udpChannels).hasSize(1);
                Channel udp = udpChannels.peek();
                assertThat(udp.closeFuture().await(WAIT, TimeUnit.SECONDS)).as("the UDP socket closed").isTrue();
            }
            // the runs ended on the prober's one loop; a task queued after them runs after their last one
            engine.group().next().submit(() -> { }).get(WAIT, TimeUnit.SECONDS);
            assertThat(probe.isCancelled()).isTrue();
            assertThat(heard.ended).as("no outcome after the cancellation").hasValue(0);
        }
    }
}
