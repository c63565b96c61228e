package dev.rdpprobe.testkit.udp;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynAckDatagram;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataExPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDatagram;
import dev.rdpprobe.testkit.wire.RdpeudpWriters;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A scriptable MS-RDPEUDP server on loopback for tests: it answers RDPEUDP SYNs with a SYN+ACK, stays
 * silent, answers only after ignoring the first N SYNs, or answers every datagram with given (garbage)
 * bytes. {@link #absentPort()} gives a port where nothing listens, so the kernel answers with ICMP port
 * unreachable. Every received datagram is recorded.
 *
 * <pre>{@code
 * try (FakeUdpResponder udp = FakeUdpResponder.builder().answerAfter(2).udpVersion(2).start()) {
 *     // probe udp.address() ...
 *     udp.awaitReceived(3, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>The SYN+ACK echoes the SYN's initial sequence number in snSourceAck, carries a fresh random server
 * sequence number, the configured MTUs and window, SYNDATAEX only if the SYN had one, and is zero-padded
 * to the smaller MTU (1232 bytes by default), as Windows does.
 */
public final class FakeUdpResponder implements AutoCloseable {

    private enum Mode { ANSWER, SILENT, GARBAGE }

    private final Builder config;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private volatile Channel channel;
    private final List<ReceivedDatagram> received = new ArrayList<>();
    private int synsSeen;
    private int answersSent;

    private FakeUdpResponder(Builder config, EventLoopGroup group, boolean ownsGroup) {
        this.config = config;
        this.group = group;
        this.ownsGroup = ownsGroup;
    }

    /** A builder; by default the responder answers every valid SYN on 127.0.0.1, on an ephemeral port. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A UDP port on 127.0.0.1 where nothing listens, so a datagram sent there draws ICMP port unreachable.
     * (The port was free a moment ago; another process could take it, which is unlikely on loopback.)
     *
     * @return the port number
     */
    public static int absentPort() {
        return absentAddress(InetAddress.getLoopbackAddress()).getPort();
    }

    /**
     * Like {@link #absentPort()}, on the given local address (for example {@code ::1}).
     *
     * @param host a local address
     * @return the address and a port where nothing listens on UDP
     */
    public static InetSocketAddress absentAddress(InetAddress host) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, 0))) {
            return new InetSocketAddress(host, socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free UDP port on " + host.getHostAddress(), e);
        }
    }

    /** The address and port it listens on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The port it listens on. */
    public int port() {
        return address().getPort();
    }

    /** Every datagram received so far, in order (a snapshot). */
    public synchronized List<ReceivedDatagram> received() {
        return List.copyOf(received);
    }

    /** How many datagrams it has sent in answer. */
    public synchronized int answersSent() {
        return answersSent;
    }

    /**
     * Waits until at least {@code count} datagrams have been received.
     *
     * @param count how many
     * @param timeout how long to wait at most
     * @return true if they arrived, false on timeout or interruption (the interrupt flag is kept)
     */
    public synchronized boolean awaitReceived(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Stops listening and, unless a group was lent to it, shuts its event loop down. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** What to send back for a datagram, or null for nothing; called on the event loop. */
    private byte[] onDatagram(byte[] bytes, InetSocketAddress sender) {
        SynDatagram syn;
        try {
            syn = SynDatagram.decode(Unpooled.wrappedBuffer(bytes));
        } catch (MalformedPduException e) {
            syn = null;
        }
        byte[] reply = null;
        synchronized (this) {
            received.add(new ReceivedDatagram(bytes, sender, Optional.ofNullable(syn).map(UdpSyn::of)));
            if (syn != null) {
                synsSeen++;
            }
            if (config.mode == Mode.GARBAGE) {
                reply = config.garbage.clone();
            } else if (config.mode == Mode.ANSWER && syn != null && synsSeen > config.ignoredSyns) {
                reply = synAckFor(syn);
            }
            if (reply != null) {
                answersSent++;
            }
            notifyAll();
        }
        return reply;
    }

    private byte[] synAckFor(SynDatagram syn) {
        SynDataExPayload ex = null;
        if (syn.synDataEx() != null) {
            int version = config.udpVersion != null ? config.udpVersion
                    : Math.min(syn.synDataEx().versionValid() ? syn.synDataEx().udpVersion() : 1, SynDataExPayload.VERSION_2);
            if (version != 0) {
                ex = new SynDataExPayload(SynDataExPayload.VERSION_INFO_VALID, version, null);
            }
        }
        SynDataPayload data = new SynDataPayload(ThreadLocalRandom.current().nextInt(), config.upstreamMtu, config.downstreamMtu);
        return RdpeudpWriters.synAck(SynAckDatagram.of(syn.synData().initialSequenceNumber(), config.receiveWindow, data, ex));
    }

    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            byte[] bytes = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), bytes);
            byte[] reply = onDatagram(bytes, packet.sender());
            if (reply != null) {
                ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(reply), packet.sender()));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // An unconnected socket can still see ICMP errors for earlier replies; keep serving.
        }
    }

    /** Configures a {@link FakeUdpResponder}; every method returns this builder. */
    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private Mode mode = Mode.ANSWER;
        private int ignoredSyns;
        private byte[] garbage;
        private Integer udpVersion;
        private int upstreamMtu = SynDataPayload.MAX_MTU;
        private int downstreamMtu = SynDataPayload.MAX_MTU;
        private int receiveWindow = 64;
        private EventLoopGroup group;

        private Builder() {
        }

        /** Listen on this local address (default 127.0.0.1; {@code ::1} works too). */
        public Builder bindAddress(InetAddress value) {
            this.bindAddress = Objects.requireNonNull(value, "bindAddress");
            return this;
        }

        /** Listen on this port (default 0: an ephemeral port); e.g. the port of a fake TCP server. */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port " + value + " is out of range; use 0..65535");
            }
            this.port = value;
            return this;
        }

        /** Answer every valid SYN with a SYN+ACK (the default). */
        public Builder answering() {
            this.mode = Mode.ANSWER;
            this.ignoredSyns = 0;
            return this;
        }

        /** Answer nothing, like a network that drops UDP. */
        public Builder silent() {
            this.mode = Mode.SILENT;
            return this;
        }

        /** Ignore the first {@code syns} SYNs, then answer each later one (so the probe must retransmit). */
        public Builder answerAfter(int syns) {
            if (syns < 0) {
                throw new IllegalArgumentException("answerAfter needs a count of 0 or more, was " + syns);
            }
            this.mode = Mode.ANSWER;
            this.ignoredSyns = syns;
            return this;
        }

        /** Answer every datagram with exactly these bytes (garbage, a truncated or a wrong SYN+ACK ...). */
        public Builder answerGarbage(byte[] datagram) {
            this.mode = Mode.GARBAGE;
            this.garbage = Objects.requireNonNull(datagram, "datagram").clone();
            return this;
        }

        /**
         * The uUdpVer put in the SYN+ACK's SYNDATAEX when the SYN carried one (0: send no SYNDATAEX). By default
         * the responder supports version 2 and answers the lower of that and the offer.
         */
        public Builder udpVersion(int value) {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("udpVersion is a 16-bit value, was " + value);
            }
            this.udpVersion = value;
            return this;
        }

        /** The SYN+ACK's MTUs, 1132..1232 each (default 1232, 1232); it is padded to the smaller one. */
        public Builder mtus(int upstream, int downstream) {
            new SynDataPayload(0, upstream, downstream);
            this.upstreamMtu = upstream;
            this.downstreamMtu = downstream;
            return this;
        }

        /** The SYN+ACK's uReceiveWindowSize (default 64, like Windows). */
        public Builder receiveWindow(int value) {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("receiveWindow is a 16-bit value, was " + value);
            }
            this.receiveWindow = value;
            return this;
        }

        /** Run on this (NIO-capable) group instead of a private one; closing the responder leaves it running. */
        public Builder eventLoopGroup(EventLoopGroup value) {
            this.group = Objects.requireNonNull(value, "eventLoopGroup");
            return this;
        }

        /**
         * Binds and starts answering.
         *
         * @return the running responder
         * @throws IllegalStateException if the address and port cannot be bound
         */
        public FakeUdpResponder start() {
            Builder snapshot = copy();
            boolean owns = snapshot.group == null;
            EventLoopGroup loop = owns ? new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()) : snapshot.group;
            SocketProtocolFamily family = snapshot.bindAddress instanceof Inet6Address
                    ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
            FakeUdpResponder responder = new FakeUdpResponder(snapshot, loop, owns);
            try {
                responder.channel = new Bootstrap()
                        .group(loop)
                        .channelFactory(() -> new NioDatagramChannel(family))
                        .handler(responder.new Handler())
                        .bind(new InetSocketAddress(snapshot.bindAddress, snapshot.port))
                        .syncUninterruptibly()
                        .channel();
            } catch (Exception e) { // Netty rethrows BindException undeclared
                if (owns) {
                    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                }
                throw new IllegalStateException("could not bind UDP " + snapshot.bindAddress.getHostAddress() + ":"
                        + snapshot.port + ": " + e, e);
            }
            return responder;
        }

        private Builder copy() {
            Builder b = new Builder();
            b.bindAddress = bindAddress;
            b.port = port;
            b.mode = mode;
            b.ignoredSyns = ignoredSyns;
            b.garbage = garbage == null ? null : garbage.clone();
            b.udpVersion = udpVersion;
            b.upstreamMtu = upstreamMtu;
            b.downstreamMtu = downstreamMtu;
            b.receiveWindow = receiveWindow;
            b.group = group;
            return b;
        }
    }
}
