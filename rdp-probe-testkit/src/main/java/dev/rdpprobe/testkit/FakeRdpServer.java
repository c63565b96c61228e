package dev.rdpprobe.testkit;

import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.testkit.udp.FakeUdpResponder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A scriptable RDP server on an ephemeral loopback port, for tests: it answers each connection as a
 * {@link Scenario} says — a healthy negotiation, a refusal, or a misbehaviour at any phase — and
 * records what the client sent.
 *
 * <pre>{@code
 * try (FakeRdpServer server = FakeRdpServer.start(Scenario.refusing(NegotiationRefusal.HYBRID_REQUIRED_BY_SERVER))) {
 *     ConnectionOutcome outcome = prober.probe(server.target()).join();
 *     RecordedConnection sent = server.takeConnection(Duration.ofSeconds(5)).orElseThrow();
 *     assertThat(sent.cookie()).contains("rdpprobe");
 * }
 * }</pre>
 *
 * Scenarios queued with {@link #enqueue} serve one connection each, in order; after the queue runs
 * dry every connection gets the default scenario.
 */
public final class FakeRdpServer implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final ConcurrentLinkedQueue<Scenario> queue = new ConcurrentLinkedQueue<>();
    private volatile Scenario defaultScenario;
    private final List<RecordedConnection> connections = new ArrayList<>();
    private final LinkedBlockingQueue<RecordedConnection> ended = new LinkedBlockingQueue<>();
    private volatile FakeUdpResponder udp;
    /** The accepted connections not closed yet; {@link #close} waits until their records ended. */
    private final Set<Channel> open = new HashSet<>();

    private FakeRdpServer(InetSocketAddress bindAddress, Scenario defaultScenario) {
        this.defaultScenario = Objects.requireNonNull(defaultScenario, "defaultScenario");
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("fake-rdp-server", true), NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        RecordedConnection record = new RecordedConnection(ch.remoteAddress());
                        synchronized (connections) {
                            connections.add(record);
                            connections.notifyAll();
                        }
                        synchronized (open) {
                            open.add(ch);
                        }
                        // after each read has gone through the pipeline, a record may have grown: wake awaitConnection
                        ch.pipeline().addFirst("record-changed", new RecordChanged());
                        ch.closeFuture().addListener(closed -> {
                            record.ended(true);
                            ended.add(record);
                            recordChanged();
                            synchronized (open) {
                                open.remove(ch);
                                open.notifyAll();
                            }
                        });
                        Scenario s = queue.poll();
                        ch.pipeline().addLast("server", new FakeServerConnection(s != null ? s : FakeRdpServer.this.defaultScenario, record));
                    }
                });
        try {
            ChannelFuture bound = b.bind(bindAddress).await();
            if (!bound.isSuccess()) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                throw new IllegalStateException("cannot bind the fake server to " + bindAddress + ": " + bound.cause(), bound.cause());
            }
            this.serverChannel = bound.channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("interrupted while binding the fake server", e);
        }
    }

    /** Starts a server on 127.0.0.1 that answers every connection with {@code scenario}. */
    public static FakeRdpServer start(Scenario scenario) {
        return new FakeRdpServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), scenario);
    }

    /** Starts a server on the given loopback address (127.0.0.1 or ::1). */
    public static FakeRdpServer start(InetAddress loopback, Scenario scenario) {
        return start(new InetSocketAddress(loopback, 0), scenario);
    }

    /**
     * Starts a server on the given loopback address and port: any address of 127.0.0.0/8 or ::1, and
     * a fixed port (as a fleet of fake hosts on 127.0.0.1 … 127.0.0.100, port 3389, for benchmarks
     * against other tools) or 0 for an ephemeral one. Tests should use port 0.
     *
     * @throws IllegalArgumentException if the address is not a loopback address
     */
    public static FakeRdpServer start(InetSocketAddress loopback, Scenario scenario) {
        if (loopback.isUnresolved() || !loopback.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException(loopback + " is not a loopback address; the fake server binds loopback only");
        }
        return new FakeRdpServer(loopback, scenario);
    }

    /**
     * Starts a server on any address, loopback or not, and any port: for {@code rdp-probe fake-server
     * --allow-non-loopback}, which warns first that it exposes a deliberately broken server. Tests use
     * {@link #start(InetSocketAddress, Scenario)}, which refuses every address but loopback.
     */
    public static FakeRdpServer startOnAnyAddress(InetSocketAddress address, Scenario scenario) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(address + " is not resolved; give an IP address to bind");
        }
        return new FakeRdpServer(address, scenario);
    }

    /**
     * Starts an RDPEUDP responder on the same port number over UDP (as a Windows host has), behaving
     * as {@code responder} says (answering, silent, answering late, garbage). Without it, the UDP
     * port is closed and the kernel answers ICMP port unreachable. Closed with the server.
     *
     * <pre>{@code FakeRdpServer.start(Scenario.healthy()).withUdp(FakeUdpResponder.builder().silent())}</pre>
     */
    public synchronized FakeRdpServer withUdp(FakeUdpResponder.Builder responder) {
        if (udp != null) {
            throw new IllegalStateException("this server already has a UDP responder");
        }
        udp = responder.bindAddress(address().getAddress()).port(port()).start();
        return this;
    }

    /**
     * Replaces the RDPEUDP responder: the current one (if any) is closed, and {@code responder} (or
     * nothing, for a closed UDP port, when {@code null}) takes the same port number. The datagrams the
     * old one recorded go with it.
     */
    public synchronized FakeRdpServer replaceUdp(FakeUdpResponder.Builder responder) {
        FakeUdpResponder old = udp;
        udp = null;
        if (old != null) {
            old.close();
        }
        if (responder != null) {
            withUdp(responder);
        }
        return this;
    }

    /** The UDP responder, or {@code null} if the UDP port is closed. */
    public FakeUdpResponder udp() {
        return udp;
    }

    /** Queues a scenario for the next connection not yet served. */
    public FakeRdpServer enqueue(Scenario scenario) {
        queue.add(Objects.requireNonNull(scenario, "scenario"));
        return this;
    }

    /** Replaces the scenario used once the queue is empty. */
    public FakeRdpServer setDefault(Scenario scenario) {
        this.defaultScenario = Objects.requireNonNull(scenario, "scenario");
        return this;
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The bound port. */
    public int port() {
        return address().getPort();
    }

    /** A probe target for this server (by IP literal). */
    public Target target() {
        return Target.of(address().getAddress().getHostAddress(), port());
    }

    /** Every connection so far, in accept order, including those still open (their records may still grow). */
    public List<RecordedConnection> connections() {
        synchronized (connections) {
            return List.copyOf(connections);
        }
    }

    /**
     * Forgets the connections {@link #connections()} lists (as an admin interface's reset does); a
     * connection still open goes on recording, unlisted. {@link #takeConnection} still hands out every
     * connection that ends, those forgotten included.
     */
    public void clearConnections() {
        synchronized (connections) {
            connections.clear();
        }
    }

    /**
     * Waits until at least {@code count} connections were accepted.
     *
     * @throws TimeoutException if they did not come in time
     */
    public List<RecordedConnection> awaitConnections(int count, Duration timeout) throws InterruptedException, TimeoutException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (connections) {
            while (connections.size() < count) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("only " + connections.size() + " of " + count + " connections within " + timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(connections, left);
            }
            return List.copyOf(connections);
        }
    }

    /**
     * Waits until a connection, open or ended, matches {@code condition} (a record that grows as the client sends more,
     * such as {@link RecordedConnection#credentialsOffered()}): checked at once and again after every read of every
     * connection.
     *
     * @return the first matching connection, in accept order
     * @throws TimeoutException if none matched within {@code timeout}
     * @throws InterruptedException if interrupted while waiting
     */
    public RecordedConnection awaitConnection(java.util.function.Predicate<RecordedConnection> condition, Duration timeout)
            throws InterruptedException, TimeoutException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (connections) {
            while (true) {
                for (RecordedConnection c : connections) {
                    if (condition.test(c)) {
                        return c;
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no connection as expected within " + timeout + ": " + connections);
                }
                TimeUnit.NANOSECONDS.timedWait(connections, left);
            }
        }
    }

    private void recordChanged() {
        synchronized (connections) {
            connections.notifyAll();
        }
    }

    /** Wakes {@link #awaitConnection} once a read (and everything the pipeline did with it) is complete. */
    private final class RecordChanged extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void channelReadComplete(io.netty.channel.ChannelHandlerContext ctx) {
            ctx.fireChannelReadComplete();
            recordChanged();
        }
    }

    /**
     * Takes the next connection that ended (the client or the server closed it), with everything the
     * client sent on it, waiting up to {@code timeout} for one: as MockWebServer's {@code takeRequest}.
     * Connections are taken in the order they ended, each once.
     *
     * @return the connection, or empty if none ended within {@code timeout}
     * @throws InterruptedException if interrupted while waiting
     */
    public Optional<RecordedConnection> takeConnection(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(ended.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    /**
     * Closes every connection still open and waits (up to {@value #CLOSE_WAIT_MILLIS} ms) until each
     * one's record {@link RecordedConnection#ended ended} and can be taken: shutting the event loop
     * down alone closes them without always running their close listeners. Does not wait when called
     * on the event loop, which runs those listeners.
     */
    private void closeOpenConnections() {
        List<Channel> children;
        synchronized (open) {
            children = List.copyOf(open);
        }
        children.forEach(Channel::close);
        if (group.next().inEventLoop()) {
            return;
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        synchronized (open) {
            while (!open.isEmpty()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(open, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The most {@link #close} waits for the open connections' records to end. */
    private static final long CLOSE_WAIT_MILLIS = 2000;

    /** Stops the server, closes every connection and waits until each one's record can be taken. */
    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return;
        }
        if (udp != null) {
            udp.close();
        }
        serverChannel.close().syncUninterruptibly();
        closeOpenConnections();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
