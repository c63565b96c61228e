package dev.rdpprobe.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.UdpMode;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.SecurityLayerSupport;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every probe's future completes with an outcome, whatever is thrown inside the driver: sockets that cannot
 * be had (out of file descriptors, injected exactly as Netty's NIO channels fail), an exception in a listener,
 * a UDP close that never completes, an event loop that is stuck. The probes talk to loopback only. The waits
 * ({@link #WAIT}) only keep a broken build from hanging; nothing here measures time.
 */
class DriverGuaranteeTest {

    static final long WAIT = 20;
    static final Duration DEADLINE = Duration.ofMillis(300);

    /** How NioSocketChannel and NioDatagramChannel fail when the process is out of file descriptors. */
    static ChannelException tooManyOpenFiles() {
        return new ChannelException("Failed to open a socket.", new SocketException("Too many open files"));
    }

    private final Queue<Channel> made = new ConcurrentLinkedQueue<>();
    private ProbeEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    static ProbeOptions options(UdpMode udp) {
        return RdpProber.builder().udpMode(udp).resolveTimeout(DEADLINE).connectTimeout(DEADLINE).phaseTimeout(DEADLINE).deadline(DEADLINE)
                .udpInitialRetransmit(Duration.ofMillis(20)).options();
    }

    ProbeEngine engine(ProbeOptions options, ProbeSockets sockets) {
        engine = new ProbeEngine(options, 1, sockets, Watchdog.GRACE);
        return engine;
    }

    ConnectionOutcome probe(Target target) throws Exception {
        return engine.probe(target).get(WAIT, TimeUnit.SECONDS);
    }

    /** A loopback port where nothing listens (the port of a server socket just closed). */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sockets as NIO makes them, but TCP fails as out of file descriptors. */
    static final ProbeSockets NO_TCP_SOCKET = new ProbeSockets() {
        public Channel newTcpChannel() {
            throw tooManyOpenFiles();
        }

        public Channel newUdpChannel(SocketProtocolFamily family) {
            return ProbeSockets.NIO.newUdpChannel(family);
        }
    };

    @Test
    void aProbeThatCannotGetATcpSocketIsOutOfFileDescriptors() throws Exception {
        engine(options(UdpMode.OFF), NO_TCP_SOCKET);
        ConnectionOutcome o = probe(Target.of("127.0.0.1", closedPort()));
        assertThat(o.failedPhase()).contains(Phase.TCP_CONNECT);
        assertThat(o.failure()).containsInstanceOf(Failure.OutOfFileDescriptors.class);
        assertThat(o.failure().get().message()).contains("out of file descriptors", "Too many open files",
                "lower --concurrency or raise ulimit -n");
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.OUT_OF_FILE_DESCRIPTORS);
    }

    @Test
    void aProbeThatCannotGetAUdpSocketStillProbesTcp() throws Exception {
        engine(options(UdpMode.BESIDE), new ProbeSockets() {
            public Channel newTcpChannel() {
                return ProbeSockets.NIO.newTcpChannel();
            }

            public Channel newUdpChannel(SocketProtocolFamily family) {
                throw tooManyOpenFiles();
            }
        });
        ConnectionOutcome o = probe(Target.of("127.0.0.1", closedPort()));
        assertThat(o.phase(Phase.TCP_CONNECT).status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(o.phase(Phase.TCP_CONNECT).failure().orElseThrow()).isNotInstanceOf(Failure.OutOfFileDescriptors.class);
        assertThat(o.phase(Phase.UDP_TRANSPORT).failure().orElseThrow()).isInstanceOf(Failure.OutOfFileDescriptors.class);
    }

    @Test
    void aBatchThatRunsOutOfSocketsDeliversEveryOutcome() throws Exception {
        AtomicInteger n = new AtomicInteger();
        ProbeSockets everyOtherFails = new ProbeSockets() {
            public Channel newTcpChannel() {
                if (n.incrementAndGet() % 2 == 0) {
                    throw tooManyOpenFiles();
                }
                return ProbeSockets.NIO.newTcpChannel();
            }

            public Channel newUdpChannel(SocketProtocolFamily family) {
                if (n.incrementAndGet() % 3 == 0) {
                    throw tooManyOpenFiles();
                }
                return ProbeSockets.NIO.newUdpChannel(family);
            }
        };
        engine(options(UdpMode.BESIDE), everyOtherFails);
        int port = closedPort();
        int targets = 200;
        Queue<ConnectionOutcome> outcomes = new ConcurrentLinkedQueue<>();
        CountDownLatch all = new CountDownLatch(targets);
        for (int i = 0; i < targets; i++) {
            engine.probe(Target.of("127.0.0.1", port)).thenAccept(o -> {
                outcomes.add(o);
                all.countDown();
            });
        }
        assertThat(all.await(WAIT, TimeUnit.SECONDS)).as("every outcome delivered; %s of %s", outcomes.size(), targets).isTrue();
        assertThat(outcomes).anySatisfy(o -> assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.OUT_OF_FILE_DESCRIPTORS));
        assertThat(outcomes).allSatisfy(o -> assertThat(o.diagnosis().code()).isNotEqualTo(DiagnosisCode.INTERNAL_ERROR));
    }

    @Test
    void enumerationSubRunsWithoutSocketsComplete() throws Exception {
        ProbeOptions o = RdpProber.builder().udpMode(UdpMode.OFF).enumerateSecurityLayers(true).resolveTimeout(DEADLINE)
                .connectTimeout(DEADLINE).phaseTimeout(DEADLINE).deadline(DEADLINE).options();
        engine(o, NO_TCP_SOCKET);
        ConnectionOutcome outcome = probe(Target.of("127.0.0.1", closedPort()));
        assertThat(outcome.server().securityLayers().orElseThrow()).hasSize(5).allSatisfy(l -> {
            assertThat(l.accepted()).isFalse();
            assertThat(l.detail().orElseThrow()).contains("out of file descriptors");
        });
        assertThat(outcome.server().securityLayers().orElseThrow()).extracting(SecurityLayerSupport::protocol)
                .contains(SecurityProtocol.RDP, SecurityProtocol.HYBRID);
    }

    @Test
    void anExceptionInTheConnectListenerIsAnInternalErrorInTcpConnectAndTheChannelIsClosed() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            engine(options(UdpMode.OFF), new ProbeSockets() {
                public Channel newTcpChannel() {
                    Channel ch = new NioSocketChannel() {
                        @Override
                        public InetSocketAddress localAddress() {
                            if (isActive()) {
                                throw new IllegalStateException("injected into the connect listener");
                            }
                            return super.localAddress();
                        }
                    };
                    made.add(ch);
                    return ch;
                }

                public Channel newUdpChannel(SocketProtocolFamily family) {
                    return ProbeSockets.NIO.newUdpChannel(family);
                }
            });
            ConnectionOutcome o = probe(Target.of("127.0.0.1", listening.getLocalPort()));
            assertThat(o.failedPhase()).contains(Phase.TCP_CONNECT);
            assertThat(o.failure()).containsInstanceOf(Failure.Internal.class);
            assertThat(o.failure().get().message()).contains("handling the TCP connect", "injected into the connect listener");
            assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.INTERNAL_ERROR);
            Channel ch = made.peek();
            assertThat(ch.closeFuture().await(WAIT, TimeUnit.SECONDS)).as("the channel is closed").isTrue();
        }
    }

    @Test
    void aSocketConnectedToItselfIsReportedAsSuch() throws Exception {
        int port = closedPort();
        engine(options(UdpMode.OFF), new ProbeSockets() {
            public Channel newTcpChannel() {
                try {
                    // what the kernel does by chance for a closed port in the ephemeral range: picks it as the
                    // local port; binding to it makes the self-connection certain
                    java.nio.channels.SocketChannel socket = java.nio.channels.SocketChannel.open();
                    socket.bind(new InetSocketAddress("127.0.0.1", port));
                    return new NioSocketChannel(socket);
                } catch (IOException e) {
                    throw new ChannelException(e);
                }
            }

            public Channel newUdpChannel(SocketProtocolFamily family) {
                return ProbeSockets.NIO.newUdpChannel(family);
            }
        });
        ConnectionOutcome o = probe(Target.of("127.0.0.1", port));
        assertThat(o.failedPhase()).contains(Phase.TCP_CONNECT);
        assertThat(o.failure()).contains(new Failure.SelfConnected("127.0.0.1:" + port));
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.TCP_SELF_CONNECTED);
        assertThat(o.diagnosis().summary()).contains("port is closed", "connected the probe's socket to itself");
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).as("our own Connection Request is not read as a reply")
                .isEqualTo(PhaseStatus.NOT_REACHED);
    }

    /**
     * A channel whose close never completes, standing in for the UDP probe's datagram channel (NIO's is final;
     * the driver does not care what it writes its datagrams to): the UDP probe cannot finish on its own.
     */
    static final class StuckCloseChannel extends NioSocketChannel {
        @Override
        public ChannelFuture close() {
            return newPromise();
        }

        void reallyClose() {
            super.close();
        }
    }

    @Test
    void aUdpProbeThatNeverFinishesIsEndedByTheBackstopNamingUdp() throws Exception {
        Queue<StuckCloseChannel> stuck = new ConcurrentLinkedQueue<>();
        engine(options(UdpMode.BESIDE), new ProbeSockets() {
            public Channel newTcpChannel() {
                return ProbeSockets.NIO.newTcpChannel();
            }

            public Channel newUdpChannel(SocketProtocolFamily family) {
                StuckCloseChannel ch = new StuckCloseChannel();
                stuck.add(ch);
                return ch;
            }
        });
        try (ServerSocket listening = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            ConnectionOutcome o = probe(Target.of("127.0.0.1", listening.getLocalPort()));
            assertThat(stuck).as("the UDP probe ran on the stand-in").isNotEmpty();
            assertThat(o.phase(Phase.UDP_TRANSPORT).status()).isEqualTo(PhaseStatus.FAILED);
            assertThat(o.phase(Phase.UDP_TRANSPORT).failure().orElseThrow()).isInstanceOf(Failure.Internal.class);
            assertThat(o.phase(Phase.UDP_TRANSPORT).failure().orElseThrow().message()).contains("probing UDP", "lost track");
            assertThat(o.phase(Phase.X224_NEGOTIATION).status()).as("the TCP path keeps its own result").isEqualTo(PhaseStatus.TIMED_OUT);
        } finally {
            stuck.forEach(StuckCloseChannel::reallyClose);
        }
    }

    @Test
    void aStuckEventLoopCannotKeepAnOutcomeFromCompleting() throws Exception {
        engine = new ProbeEngine(options(UdpMode.OFF), 1, ProbeSockets.NIO, Duration.ofMillis(50));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        engine.group().next().execute(() -> {
            blocked.countDown();
            try {
                release.await(WAIT, TimeUnit.SECONDS); // a bug that holds the only event loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(blocked.await(WAIT, TimeUnit.SECONDS)).isTrue();
        try {
            ConnectionOutcome o = probe(Target.of("127.0.0.1", closedPort()));
            assertThat(o.failure()).containsInstanceOf(Failure.Internal.class);
            assertThat(o.failure().get().message()).contains("waiting in RESOLVE", "event loop is stuck");
            assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.INTERNAL_ERROR);
            assertThat(o.phases()).hasSize(Phase.values().length);
        } finally {
            release.countDown();
        }
    }

    @Test
    void channelsThatWereNeverRegisteredAreClosedQuietly() {
        NioSocketChannel never = new NioSocketChannel();
        ProbeRun.closeQuietly(never);
        assertThat(never.isOpen()).isFalse();
        ProbeRun.closeQuietly(null);
    }
}
