package dev.rdpprobe.core.internal.udp;

import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.LocalFailures;
import dev.rdpprobe.core.internal.sequence.Action;
import dev.rdpprobe.core.internal.sequence.ProbeEvent;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the UDP_TRANSPORT phase over Netty: a connected {@link NioDatagramChannel} (so that an ICMP port
 * unreachable surfaces as {@link PortUnreachableException}) drives a {@link UdpProbeMachine}. Everything
 * happens on the channel's event loop; nothing blocks it.
 */
public final class UdpProbeDriver {

    /** Receive buffer per datagram: larger than any SYN+ACK, so that an odd datagram's true size is seen. */
    static final int MAX_DATAGRAM = 65_536;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * How long after the deadline a UDP probe that has not finished is ended as lost: its future completes
     * with {@link Failure.Internal} and its channel is closed.
     */
    public static final Duration BACKSTOP_GRACE = Duration.ofMillis(250);

    private UdpProbeDriver() {
    }

    /**
     * Probes UDP on {@code remote} over NIO datagram channels: {@link #run(EventLoopGroup, InetSocketAddress,
     * UdpProbeConfig, long, long, Function)} with {@link NioDatagramChannel}.
     *
     * @throws NullPointerException if group, remote or config is null
     */
    public static CompletableFuture<UdpProbeResult> run(EventLoopGroup group, InetSocketAddress remote,
            UdpProbeConfig config, long probeStartNanos, long deadlineNanos) {
        return run(group, remote, config, probeStartNanos, deadlineNanos, NioDatagramChannel::new);
    }

    /**
     * Probes UDP on {@code remote}. The returned future always completes normally (never exceptionally), no
     * later than {@code deadlineNanos} plus scheduling slack ({@link #BACKSTOP_GRACE} at most, even if the probe
     * loses track of itself), and the channel is closed before it completes (unless the group is shut down while
     * the probe runs: a group already shut down gives a LOCAL_ERROR result). Whatever is thrown inside the
     * driver becomes the result ({@link Failure.OutOfFileDescriptors} when no socket could be had, else
     * {@link Failure.Internal}). Completing the returned future from outside ends the probe and closes its channel.
     *
     * @param group the event loop group to run on; it must accept the channels {@code channels} makes
     *     (for example {@code new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory())} for NIO channels)
     * @param remote the server's address and UDP port (normally the RDP TCP port, 3389); must be resolved
     * @param config attempts, schedule, version offer
     * @param probeStartNanos when the whole probe started, on the {@link System#nanoTime()} scale; phase offsets are
     *     relative to it
     * @param deadlineNanos the probe's deadline on the same scale; the phase never waits past it
     * @param channels makes the (unregistered) datagram channel for an address family
     * @return the result: OK with facts, or FAILED / TIMED_OUT with the reason
     * @throws NullPointerException if group, remote, config or channels is null
     */
    public static CompletableFuture<UdpProbeResult> run(EventLoopGroup group, InetSocketAddress remote,
            UdpProbeConfig config, long probeStartNanos, long deadlineNanos,
            Function<SocketProtocolFamily, ? extends Channel> channels) {
        return run(group, remote, null, config, probeStartNanos, deadlineNanos, channels, event -> { });
    }

    /**
     * Probes UDP on {@code remote} from {@code local}, telling {@code events} what the machine reports (on the
     * channel's event loop): {@link #run(EventLoopGroup, InetSocketAddress, UdpProbeConfig, long, long, Function)}
     * with a local address and a listener.
     *
     * @param local the local address to bind (port 0 for any), or {@code null} for the system's choice
     * @param events told of the phase's start and of a valid answer; must not throw (what it throws ends the probe
     *     as an internal error)
     * @throws NullPointerException if group, remote, config, channels or events is null
     */
    public static CompletableFuture<UdpProbeResult> run(EventLoopGroup group, InetSocketAddress remote,
            InetSocketAddress local, UdpProbeConfig config, long probeStartNanos, long deadlineNanos,
            Function<SocketProtocolFamily, ? extends Channel> channels, Consumer<ProbeEvent> events) {
        Objects.requireNonNull(group, "group must not be null");
        Objects.requireNonNull(remote, "remote must not be null");
        Objects.requireNonNull(config, "config must not be null");
        Objects.requireNonNull(channels, "channels must not be null");
        Objects.requireNonNull(events, "events must not be null");
        CompletableFuture<UdpProbeResult> future = new CompletableFuture<>();
        long now = System.nanoTime();
        if (remote.isUnresolved()) {
            future.complete(UdpProbeResult.withoutSyn(new Failure.LocalError("the UDP target " + remote
                    + " is not resolved"), probeStartNanos, now, now));
            return future;
        }
        if (group.isShuttingDown()) {
            future.complete(UdpProbeResult.withoutSyn(new Failure.LocalError("the event loop group is shut down"),
                    probeStartNanos, now, now));
            return future;
        }
        if (now - deadlineNanos >= 0) {
            future.complete(UdpProbeResult.withoutSyn(new Failure.UdpNoAnswer(0, java.time.Duration.ZERO),
                    probeStartNanos, now, now));
            return future;
        }
        Session session = null;
        try {
            UdpProbeMachine machine = new UdpProbeMachine(config, RANDOM.nextInt(), probeStartNanos, deadlineNanos);
            Session s = new Session(machine, future, probeStartNanos, now, events);
            session = s;
            armBackstop(group, s, deadlineNanos);
            SocketProtocolFamily family = remote.getAddress() instanceof Inet6Address
                    ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channelFactory(() -> channels.apply(family))
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                    .handler(s);
            ChannelFuture connect = local == null ? bootstrap.connect(remote) : bootstrap.connect(remote, local);
            s.opening(connect.channel());
            // A channel that could not be made or registered fails on Netty's global executor, not on a loop:
            // failedToOpen touches only the future and that never-registered channel, so it is safe there.
            connect.addListener(f -> {
                if (f.isSuccess()) {
                    s.begin(connect.channel());
                } else {
                    s.failedToOpen(connect.channel(), f.cause());
                }
            });
        } catch (Throwable e) { // Netty may rethrow a checked exception undeclared
            if (session != null) {
                session.failedToOpen(null, e);
            } else {
                long at = System.nanoTime();
                future.complete(UdpProbeResult.withoutSyn(LocalFailures.of("starting the UDP probe", e), probeStartNanos, now, at));
            }
        }
        return future;
    }

    private static void armBackstop(EventLoopGroup group, Session session, long deadlineNanos) {
        long delay = Math.max(0, deadlineNanos + BACKSTOP_GRACE.toNanos() - System.nanoTime());
        ScheduledFuture<?> backstop = group.next().schedule(session::lost, delay, TimeUnit.NANOSECONDS);
        session.future.whenComplete((r, e) -> backstop.cancel(false));
    }

    /** Maps a socket error other than port unreachable to a failure. */
    static Failure failureOf(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof PortUnreachableException) {
            return new Failure.UdpPortClosed();
        }
        Failure noFds = LocalFailures.outOfFileDescriptors(cause);
        if (noFds != null) {
            return noFds;
        }
        if (cause instanceof NoRouteToHostException
                || (cause instanceof SocketException && message.toLowerCase(Locale.ROOT).contains("unreachable"))) {
            return new Failure.Unreachable(message);
        }
        return new Failure.LocalError("UDP socket: " + cause.getClass().getSimpleName() + ": " + message);
    }

    /**
     * Closes a channel whether or not it was ever registered: {@code close()} on a channel that never reached an
     * event loop (no socket could be had for it, or its registration failed) throws instead of closing.
     */
    static void closeQuietly(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            if (channel.isRegistered()) {
                channel.close();
            } else if (channel.isOpen()) {
                channel.unsafe().closeForcibly();
            }
        } catch (RuntimeException e) {
            // nothing more can be released
        }
    }

    /**
     * One probe's glue between the channel and the machine; lives on the channel's event loop. Every entry
     * point guards itself: whatever it throws ends the probe with that failure instead of losing the future.
     */
    private static final class Session extends ChannelInboundHandlerAdapter {
        private final UdpProbeMachine machine;
        private final CompletableFuture<UdpProbeResult> future;
        private final long probeStartNanos;
        private final long openedNanos;
        private final Consumer<ProbeEvent> events;
        /** The channel being opened, for closing it from outside; {@link #channel} once it is connected. */
        private volatile Channel opening;
        private Channel channel;
        private ScheduledFuture<?> timer;
        private boolean done;

        Session(UdpProbeMachine machine, CompletableFuture<UdpProbeResult> future, long probeStartNanos, long openedNanos,
                Consumer<ProbeEvent> events) {
            this.events = events;
            this.machine = machine;
            this.future = future;
            this.probeStartNanos = probeStartNanos;
            this.openedNanos = openedNanos;
            future.whenComplete((r, e) -> closeQuietly(opening));
        }

        void opening(Channel ch) {
            opening = ch;
            if (future.isDone()) {
                closeQuietly(ch);
            }
        }

        void begin(Channel ch) {
            try {
                channel = ch;
                if (future.isDone()) {
                    closeQuietly(ch);
                    return;
                }
                apply(machine.start(System.nanoTime()));
            } catch (Throwable t) {
                crash("sending the first RDPEUDP SYN", t);
            }
        }

        void failedToOpen(Channel ch, Throwable cause) {
            long now = System.nanoTime();
            closeQuietly(ch);
            Failure failure;
            try {
                failure = failureOf(cause);
            } catch (Throwable t) {
                failure = LocalFailures.of("opening the UDP socket", t);
            }
            future.complete(UdpProbeResult.withoutSyn(failure, probeStartNanos, openedNanos, now));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (machine.isFinished() || channel == null) {
                    return;
                }
                ByteBuf content = msg instanceof DatagramPacket packet ? packet.content()
                        : msg instanceof ByteBuf buf ? buf : null;
                if (content != null) {
                    apply(machine.onDatagram(content, System.nanoTime()));
                }
            } catch (Throwable t) {
                crash("reading a UDP answer", t);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            onError(cause);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            try {
                if (channel != null && !machine.isFinished()) {
                    apply(machine.onTransportFailure(new Failure.LocalError("the UDP channel closed unexpectedly"),
                            System.nanoTime()));
                }
            } catch (Throwable t) {
                crash("handling the close of the UDP channel", t);
            }
        }

        private void onError(Throwable cause) {
            try {
                if (channel == null || machine.isFinished()) {
                    return;
                }
                long now = System.nanoTime();
                apply(cause instanceof PortUnreachableException
                        ? machine.onPortUnreachable(now)
                        : machine.onTransportFailure(failureOf(cause), now));
            } catch (Throwable t) {
                crash("handling a UDP socket error", t);
            }
        }

        private void onTimer() {
            try {
                timer = null;
                apply(machine.onTimer(System.nanoTime()));
            } catch (Throwable t) {
                crash("retransmitting the RDPEUDP SYN", t);
            }
        }

        private void apply(List<Action<UdpProbeResult>> actions) {
            for (Action<UdpProbeResult> action : actions) {
                if (done) {
                    return;
                }
                if (action instanceof Action.Report<UdpProbeResult> report) {
                    events.accept(report.event());
                } else if (action instanceof Action.SendDatagram<UdpProbeResult> send) {
                    channel.writeAndFlush(Unpooled.wrappedBuffer(send.datagram())).addListener(f -> {
                        if (!f.isSuccess()) {
                            onError(f.cause());
                        }
                    });
                } else if (action instanceof Action.ArmTimer<UdpProbeResult> arm) {
                    cancelTimer();
                    long delay = Math.max(0, arm.atNanos() - System.nanoTime());
                    timer = channel.eventLoop().schedule(this::onTimerDue, delay, TimeUnit.NANOSECONDS);
                } else if (action instanceof Action.Finish<UdpProbeResult> finish) {
                    finish(finish.result());
                }
            }
        }

        /**
         * The timer is due, but a SYN+ACK may already wait in the socket buffer: a busy loop runs due
         * timers before it polls the selector again. So the machine hears of the timer one loop
         * iteration later (a task scheduled from a task runs only after the next selector pass has read
         * what is waiting; see ProbeRun#onDeadline); an answer read meanwhile finishes the probe and
         * cancels this step.
         */
        private void onTimerDue() {
            timer = channel.eventLoop().schedule(this::onTimer, 0, TimeUnit.NANOSECONDS);
        }

        /** Ends the probe with the failure {@code error} stands for, through the machine if it still can. */
        private void crash(String during, Throwable error) {
            Failure failure = LocalFailures.of(during, error);
            UdpProbeResult result;
            try {
                machine.onTransportFailure(failure, System.nanoTime()); // finishes the machine unless it already was
                result = machine.result();
            } catch (Throwable again) {
                result = null; // not even started, or broken: a result without it
            }
            finish(result != null ? result : UdpProbeResult.withoutSyn(failure, probeStartNanos, openedNanos, System.nanoTime()));
        }

        /** The backstop: still running past the deadline and the grace, the probe has lost track of itself. */
        void lost() {
            if (future.isDone()) {
                return;
            }
            long now = System.nanoTime();
            future.complete(UdpProbeResult.withoutSyn(new Failure.Internal("probing UDP", "no result "
                    + BACKSTOP_GRACE.toMillis() + " ms after the deadline; the UDP probe lost track of itself"),
                    probeStartNanos, openedNanos, now));
        }

        private void finish(UdpProbeResult result) {
            if (done) {
                return;
            }
            done = true;
            try {
                cancelTimer();
            } catch (Throwable ignored) {
                // the timer is the loop's to drop
            }
            Channel ch = channel;
            if (ch == null || !ch.isRegistered()) {
                closeQuietly(ch);
                future.complete(result);
                return;
            }
            try {
                ch.close().addListener(f -> future.complete(result));
            } catch (Throwable t) {
                future.complete(result);
            }
        }

        private void cancelTimer() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
