package dev.rdpprobe.core.internal.udp;

import dev.rdpprobe.core.BusyLoop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynAckDatagram;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDatagram;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynAckBytes;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The UDP probe on a deliberately overloaded loop: one SYN, a give-up time of {@link #WAIT}; the
 * responder answers only once a read on another channel of the same loop has blocked it for twice
 * that. When the block ends the SYN+ACK is waiting in the socket buffer and the give-up timer is due:
 * the answer must be read first, so the phase is OK, not "no answer".
 */
class UdpOverloadedLoopTest {

    static final Duration WAIT = Duration.ofMillis(200);
    static final int ATTEMPTS = 3;

    private EventLoopGroup group;

    @BeforeEach
    void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void anAnswerThatArrivedWhileTheLoopWasBlockedIsReadBeforeGivingUp() throws Exception {
        for (int attempt = 1; ; attempt++) {
            try (DatagramSocket responder = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                CountDownLatch answer = new CountDownLatch(1);
                long[] blockStarted = new long[1];
                Channel blocker = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                        .handler(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ReferenceCountUtil.release(msg);
                                blockStarted[0] = System.nanoTime();
                                answer.countDown();
                                BusyLoop.occupy(2 * WAIT.toMillis());
                            }
                        })
                        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
                try {
                    long started = System.nanoTime();
                    CompletableFuture<UdpProbeResult> result = UdpProbeDriver.run(group,
                            (InetSocketAddress) responder.getLocalSocketAddress(),
                            UdpProbeConfig.DEFAULTS.withAttempts(1).withInitialRetransmit(WAIT), started,
                            started + Duration.ofSeconds(10).toNanos());
                    DatagramPacket syn = new DatagramPacket(new byte[2048], 2048);
                    responder.receive(syn);
                    // a read on the blocker channel blocks the loop; the responder answers during the block
                    try (DatagramSocket poke = new DatagramSocket()) {
                        poke.send(new DatagramPacket(new byte[1], 1, blocker.localAddress()));
                    }
                    assertThat(answer.await(10, TimeUnit.SECONDS)).isTrue();
                    responder.send(new DatagramPacket(synAckFor(syn), 0, synAckFor(syn).length, syn.getSocketAddress()));
                    UdpProbeResult r = result.get(10, TimeUnit.SECONDS);
                    boolean giveUpInsideTheBlock = blockStarted[0] - started < WAIT.toNanos();
                    if (giveUpInsideTheBlock || attempt == ATTEMPTS) {
                        assertThat(giveUpInsideTheBlock).as("the give-up time fell inside the block in one of " + ATTEMPTS + " attempts").isTrue();
                        assertThat(r.phase().status()).as("%s", r.phase()).isEqualTo(PhaseStatus.OK);
                        assertThat(r.answered()).isTrue();
                        return;
                    }
                } finally {
                    blocker.close().sync();
                }
            }
        }
    }

    private static byte[] synAckFor(DatagramPacket packet) {
        SynDatagram syn = SynDatagram.decode(Unpooled.wrappedBuffer(Arrays.copyOf(packet.getData(), packet.getLength())));
        return SynAckBytes.of(SynAckDatagram.of(syn.synData().initialSequenceNumber(), 64, new SynDataPayload(0x1234, 1232, 1232), null));
    }

}
