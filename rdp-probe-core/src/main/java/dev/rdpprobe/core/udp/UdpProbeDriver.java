package dev.rdpprobe.core.udp;

import dev.rdpprobe.core.outcome.Failure;
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
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the UDP_TRANSPORT phase over Netty: a connected {@link NioDatagramChannel} (so that an ICMP port
 * unreachable surfaces as {@link PortUnreachableException}) drives a {@link UdpProbeMachine}. Everything
 * happens on the channel's event loop; nothing blocks it.
 */
public final class UdpProbeDriver {

    /** Receive buffer per datagram: larger than any SYN+ACK, so that an odd datagram's true size is seen. */
    static final int MAX_DATAGRAM = 65_536;

    private static final SecureRandom RANDOM = new SecureRandom();

    private UdpProbeDriver() {
    }

    /**
     * Probes UDP on {@code remote}. The returned future always completes normally (never exceptionally), no
     * later than {@code deadlineNanos} plus scheduling slack, and the channel is closed before it completes
     * (unless the group is shut down while the probe runs: a group already shut down gives a LOCAL_ERROR result).
     *
     * @param group the event loop group to run on; it must accept {@link NioDatagramChannel}
     *     (for example {@code new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory())})
     * @param remote the server's address and UDP port (normally the RDP TCP port, 3389); must be resolved
     * @param config attempts, schedule, version offer
     * @param probeStartNanos when the whole probe started, on the {@link System#nanoTime()} scale; phase offsets are
     *     relative to it
     * @param deadlineNanos the probe's deadline on the same scale; the phase never waits past it
     * @return the result: OK with facts, or FAILED / TIMED_OUT with the reason
     * @throws NullPointerException if group, remote or config is null
     */
    public static CompletableFuture<UdpProbeResult> run(EventLoopGroup group, InetSocketAddress remote,
            UdpProbeConfig config, long probeStartNanos, long deadlineNanos) {
        Objects.requireNonNull(group, "group must not be null");
        Objects.requireNonNull(remote, "remote must not be null");
        Objects.requireNonNull(config, "config must not be null");
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
        UdpProbeMachine machine = new UdpProbeMachine(config, RANDOM.nextInt(), probeStartNanos, deadlineNanos);
        Session session = new Session(machine, future, probeStartNanos, now);
        try {
            SocketProtocolFamily family = remote.getAddress() instanceof Inet6Address
                    ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
            ChannelFuture connect = new Bootstrap()
                    .group(group)
                    .channelFactory(() -> new NioDatagramChannel(family))
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                    .handler(session)
                    .connect(remote);
            connect.addListener(f -> {
                if (f.isSuccess()) {
                    session.begin(connect.channel());
                } else {
                    session.failedToOpen(connect.channel(), f.cause());
                }
            });
        } catch (Exception e) { // Netty may rethrow a checked exception undeclared
            session.failedToOpen(null, e);
        }
        return future;
    }

    /** Maps a socket error other than port unreachable to a failure. */
    static Failure failureOf(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof PortUnreachableException) {
            return new Failure.UdpPortClosed();
        }
        if (cause instanceof NoRouteToHostException
                || (cause instanceof SocketException && message.toLowerCase(Locale.ROOT).contains("unreachable"))) {
            return new Failure.Unreachable(message);
        }
        return new Failure.LocalError("UDP socket: " + cause.getClass().getSimpleName() + ": " + message);
    }

    /** One probe's glue between the channel and the machine; lives on the channel's event loop. */
    private static final class Session extends ChannelInboundHandlerAdapter {
        private final UdpProbeMachine machine;
        private final CompletableFuture<UdpProbeResult> future;
        private final long probeStartNanos;
        private final long openedNanos;
        private Channel channel;
        private ScheduledFuture<?> timer;
        private boolean done;

        Session(UdpProbeMachine machine, CompletableFuture<UdpProbeResult> future, long probeStartNanos, long openedNanos) {
            this.machine = machine;
            this.future = future;
            this.probeStartNanos = probeStartNanos;
            this.openedNanos = openedNanos;
        }

        void begin(Channel ch) {
            channel = ch;
            apply(machine.start(System.nanoTime()));
        }

        void failedToOpen(Channel ch, Throwable cause) {
            long now = System.nanoTime();
            UdpProbeResult result = UdpProbeResult.withoutSyn(failureOf(cause), probeStartNanos, openedNanos, now);
            if (ch != null) {
                ch.close().addListener(f -> future.complete(result));
            } else {
                future.complete(result);
            }
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
            if (channel != null && !machine.isFinished()) {
                apply(machine.onTransportFailure(new Failure.LocalError("the UDP channel closed unexpectedly"),
                        System.nanoTime()));
            }
        }

        private void onError(Throwable cause) {
            if (channel == null || machine.isFinished()) {
                return;
            }
            long now = System.nanoTime();
            apply(cause instanceof PortUnreachableException
                    ? machine.onPortUnreachable(now)
                    : machine.onTransportFailure(failureOf(cause), now));
        }

        private void apply(List<UdpProbeAction> actions) {
            for (UdpProbeAction action : actions) {
                if (action instanceof UdpProbeAction.SendDatagram send) {
                    channel.writeAndFlush(Unpooled.wrappedBuffer(send.datagram())).addListener(f -> {
                        if (!f.isSuccess()) {
                            onError(f.cause());
                        }
                    });
                } else if (action instanceof UdpProbeAction.ArmTimer arm) {
                    cancelTimer();
                    long delay = Math.max(0, arm.atNanos() - System.nanoTime());
                    timer = channel.eventLoop().schedule(this::onTimerDue, delay, TimeUnit.NANOSECONDS);
                } else if (action instanceof UdpProbeAction.Finish finish) {
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
            timer = channel.eventLoop().schedule(() -> {
                timer = null;
                apply(machine.onTimer(System.nanoTime()));
            }, 0, TimeUnit.NANOSECONDS);
        }

        private void finish(UdpProbeResult result) {
            if (done) {
                return;
            }
            done = true;
            cancelTimer();
            channel.close().addListener(f -> future.complete(result));
        }

        private void cancelTimer() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
