package dev.rdpprobe.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.target.Target;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A prober on the caller's resources: its event loop group (left running by {@code close()}), its resolver (left
 * open), a local bind address. Loopback only; the waits only keep a broken build from hanging.
 */
class SharedResourcesTest {

    static final long WAIT = 20;

    /** A resolver that knows one name, answering 127.0.0.1, and records whether it was closed. */
    static final class OneName extends AddressResolverGroup<InetSocketAddress> {
        final AtomicBoolean closed = new AtomicBoolean();
        final String name;

        OneName(String name) {
            this.name = name;
        }

        @Override
        protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
            return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
                @Override
                protected void doResolve(String host, Promise<InetAddress> promise) throws Exception {
                    if (host.equals(name)) {
                        promise.setSuccess(InetAddress.getByName("127.0.0.1"));
                    } else {
                        promise.setFailure(new java.net.UnknownHostException(host));
                    }
                }

                @Override
                protected void doResolveAll(String host, Promise<List<InetAddress>> promise) throws Exception {
                    if (host.equals(name)) {
                        promise.setSuccess(List.of(InetAddress.getByName("127.0.0.1")));
                    } else {
                        promise.setFailure(new java.net.UnknownHostException(host));
                    }
                }
            });
        }

        @Override
        public void close() {
            closed.set(true);
            super.close();
        }
    }

    /** Accepts one connection and hands back the address it came from. */
    static CompletableFuture<InetSocketAddress> acceptOne(ServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                return (InetSocketAddress) s.getRemoteSocketAddress();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void theCallersGroupRunsTheProbesAndOutlivesTheProber() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("callers-loop", true),
                NioIoHandler.newFactory());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> thread = new CompletableFuture<>();
            RdpProber prober = RdpProber.builder().eventLoopGroup(group).udp(false).phaseTimeout(Duration.ofMillis(100))
                    .listener(new ProbeListener() {
                        @Override
                        public void phaseStarted(Target target, Phase phase) {
                            if (phase == Phase.TCP_CONNECT) {
                                thread.complete(Thread.currentThread().getName());
                            }
                        }
                    }).build();
            try {
                acceptOne(server);
                ConnectionOutcome o = prober.probe(Target.of("127.0.0.1", server.getLocalPort())).get(WAIT, TimeUnit.SECONDS);
                assertThat(o.phase(Phase.TCP_CONNECT).status()).isEqualTo(PhaseStatus.OK);
                assertThat(thread.get(WAIT, TimeUnit.SECONDS)).startsWith("callers-loop");
            } finally {
                prober.close();
            }
            assertThat(group.isShuttingDown()).as("close() leaves the caller's group running").isFalse();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void closingAProberOnTheCallersGroupClosesItsProbesSockets() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("callers-loop", true),
                NioIoHandler.newFactory());
        Duration minute = Duration.ofMinutes(1);
        java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RdpProber prober = RdpProber.builder().eventLoopGroup(group).udp(false).connectTimeout(minute).phaseTimeout(minute)
                    .deadline(minute.multipliedBy(2)).listener(new ProbeListener() {
                        @Override
                        public void probeCancelled(Target target) {
                            cancelled.countDown();
                        }
                    }).build();
            CompletableFuture<ConnectionOutcome> probe = prober.probe(Target.of("127.0.0.1", server.getLocalPort()));
            try (Socket accepted = server.accept()) {
                java.io.InputStream in = accepted.getInputStream();
                assertThat(in.read()).as("the Connection Request's first byte").isEqualTo(0x03);
                prober.close();
                accepted.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT));
                while (in.read() >= 0) {
                    // the rest of the Connection Request, then the close (a read time-out fails the test)
                }
            }
            assertThat(probe).isCompletedExceptionally();
            assertThat(cancelled.await(WAIT, TimeUnit.SECONDS)).isTrue();
            assertThat(group.isShuttingDown()).isFalse();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void theCallersResolverResolvesAndIsLeftOpen() throws Exception {
        OneName resolver = new OneName("rdp-host.test");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<InetSocketAddress> accepted = acceptOne(server);
            try (RdpProber prober = RdpProber.builder().resolver(resolver).udp(false).phaseTimeout(Duration.ofMillis(100)).build()) {
                ConnectionOutcome o = prober.probe(Target.of("rdp-host.test", server.getLocalPort())).get(WAIT, TimeUnit.SECONDS);
                assertThat(o.phase(Phase.RESOLVE).status()).isEqualTo(PhaseStatus.OK);
                assertThat(o.server().addresses()).containsExactly(InetAddress.getByName("127.0.0.1"));
                accepted.get(WAIT, TimeUnit.SECONDS);
            }
            assertThat(resolver.closed).as("close() leaves the caller's resolver open").isFalse();
        } finally {
            resolver.close();
        }
    }

    @Test
    void socketsBindTheLocalAddress() throws Exception {
        InetAddress local = InetAddress.getByName("127.0.0.2");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, server.getLocalPort()))) {
            udp.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT));
            CompletableFuture<InetSocketAddress> accepted = acceptOne(server);
            try (RdpProber prober = RdpProber.builder().localAddress(local).phaseTimeout(Duration.ofMillis(100))
                    .udpAttempts(1).udpInitialRetransmit(Duration.ofMillis(100)).build()) {
                CompletableFuture<ConnectionOutcome> probe = prober.probe(Target.of("127.0.0.1", server.getLocalPort()));
                DatagramPacket syn = new DatagramPacket(new byte[2048], 2048);
                udp.receive(syn);
                assertThat(syn.getAddress()).as("the UDP probe's source").isEqualTo(local);
                probe.get(WAIT, TimeUnit.SECONDS);
            }
            assertThat(accepted.get(WAIT, TimeUnit.SECONDS).getAddress()).as("the TCP connection's source").isEqualTo(local);
        }
    }
}
