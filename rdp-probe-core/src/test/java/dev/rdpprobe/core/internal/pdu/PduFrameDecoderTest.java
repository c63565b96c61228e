package dev.rdpprobe.core.internal.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.internal.pdu.credssp.DerFraming;
import dev.rdpprobe.core.internal.pdu.tpkt.Tpkt;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PduFrameDecoderTest {

    /** A 7-byte TPKT (header + a 3-byte data TPDU), and an 11-byte one. */
    static final byte[] SHORT = bytes("0300000702f080");
    static final byte[] LONG = bytes("0300000b06800000000000");

    private final List<Object> received = new ArrayList<>();
    private final List<Integer> arrivals = new ArrayList<>();
    private EmbeddedChannel channel;

    @AfterEach
    void releaseEverything() {
        received.forEach(PduFrameDecoderTest::release);
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    /** A channel: the decoder, then a handler that keeps what it gets and may act on it. */
    private PduFrameDecoder pipeline(PduFrameDecoder.Rule rule, boolean[] hold, Consumer<Object> onMessage) {
        PduFrameDecoder decoder = new PduFrameDecoder(rule, 4, buf -> arrivals.add(buf.readableBytes()), () -> hold[0]);
        channel = new EmbeddedChannel(decoder, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                received.add(msg);
                onMessage.accept(msg);
            }
        });
        return decoder;
    }

    private PduFrameDecoder tpkt() {
        return pipeline(Tpkt::frameLength, new boolean[1], msg -> { });
    }

    @Test
    void aPduSplitOverThreeReadsIsEmittedOnceWhole() {
        tpkt();
        channel.writeInbound(Unpooled.wrappedBuffer(LONG, 0, 2));
        channel.writeInbound(Unpooled.wrappedBuffer(LONG, 2, 5));
        assertThat(received).isEmpty();
        channel.writeInbound(Unpooled.wrappedBuffer(LONG, 7, 4));
        assertThat(hexes()).containsExactly(hex(LONG));
        assertThat(arrivals).containsExactly(2, 5, 4);
    }

    @Test
    void pdusMergedInOneReadAreEmittedOneByOne() {
        tpkt();
        channel.writeInbound(Unpooled.wrappedBuffer(concat(SHORT, LONG, SHORT)));
        assertThat(hexes()).containsExactly(hex(SHORT), hex(LONG), hex(SHORT));
    }

    @Test
    void anOversizeLengthIsRefusedBeforeItsBodyArrivesAndNothingFollows() {
        pipeline(in -> DerFraming.frameLength(in, 100), new boolean[1], msg -> { });
        channel.writeInbound(Unpooled.wrappedBuffer(bytes("30820fff")));
        assertThat(received).hasSize(1);
        PduFrameDecoder.Unframeable u = (PduFrameDecoder.Unframeable) received.get(0);
        assertThat(u.firstBytes()).isEqualTo(bytes("30820fff"));
        assertThat(u.error().pdu()).isEqualTo(DerFraming.PDU);
        assertThat(u.error().field()).isEqualTo("length");
        assertThat(u.error().offset()).isEqualTo(1);
        assertThat(u.error().detail()).contains("exceeds the cap of 100");
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[4000]));
        assertThat(received).hasSize(1);
    }

    @Test
    void unframeableBytesCarryAtMostTheSniffLength() {
        tpkt();
        channel.writeInbound(Unpooled.wrappedBuffer(bytes("485454502f312e31")));
        PduFrameDecoder.Unframeable u = (PduFrameDecoder.Unframeable) received.get(0);
        assertThat(u.firstBytes()).isEqualTo(bytes("48545450"));
        assertThat(u.error().field()).isEqualTo("version");
        assertThat(u.error().offset()).isZero();
    }

    @Test
    void finishedDuringARead_theDecoderLeavesAndHandsOnTheBytesAfterThePdu() {
        PduFrameDecoder[] self = new PduFrameDecoder[1];
        self[0] = pipeline(Tpkt::frameLength, new boolean[1], msg -> {
            if (msg instanceof ByteBuf && received.size() == 1) {
                assertThat(hex(ByteBufUtil.getBytes(self[0].held()))).isEqualTo("16030100");
                self[0].finish();
            }
        });
        channel.writeInbound(Unpooled.wrappedBuffer(concat(SHORT, bytes("16030100"))));
        assertThat(channel.pipeline().get(PduFrameDecoder.class)).isNull();
        assertThat(hexes()).containsExactly(hex(SHORT), "16030100");
        channel.writeInbound(Unpooled.wrappedBuffer(SHORT));
        assertThat(hexes()).as("raw bytes now pass unframed").containsExactly(hex(SHORT), "16030100", hex(SHORT));
    }

    @Test
    void aPduAfterTheOneThatFinishedTheFramingIsNotEmittedAsAPdu() {
        PduFrameDecoder[] self = new PduFrameDecoder[1];
        self[0] = pipeline(Tpkt::frameLength, new boolean[1], msg -> self[0].finish());
        channel.writeInbound(Unpooled.wrappedBuffer(concat(SHORT, LONG)));
        assertThat(hexes()).containsExactly(hex(SHORT), hex(LONG));
        assertThat(received.get(1)).as("handed on as one raw buffer, after the decoder left").isInstanceOf(ByteBuf.class);
        assertThat(channel.pipeline().get(PduFrameDecoder.class)).isNull();
    }

    @Test
    void finishedOutsideAReadItLeavesAtOnce() {
        PduFrameDecoder decoder = tpkt();
        channel.writeInbound(Unpooled.wrappedBuffer(LONG, 0, 5));
        decoder.finish();
        assertThat(channel.pipeline().get(PduFrameDecoder.class)).isNull();
        assertThat(hexes()).containsExactly(hex(LONG).substring(0, 10));
    }

    @Test
    void heldBytesWaitUntilResumeAndAreReportedAgain() throws Exception {
        boolean[] hold = {true};
        PduFrameDecoder decoder = pipeline(Tpkt::frameLength, hold, msg -> { });
        channel.writeInbound(Unpooled.wrappedBuffer(concat(SHORT, LONG)));
        assertThat(received).isEmpty();
        hold[0] = false;
        decoder.resume();
        assertThat(hexes()).containsExactly(hex(SHORT), hex(LONG));
        assertThat(arrivals).containsExactly(18, 18);
        decoder.resume(); // nothing left: nothing reported
        assertThat(arrivals).containsExactly(18, 18);
    }

    @Test
    void aRuleThatFailsOtherwiseIsADefectNotUnframeableBytes() {
        pipeline(in -> {
            throw new IllegalStateException("bug");
        }, new boolean[1], msg -> { });
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(SHORT)))
                .isInstanceOf(PduFrameDecoder.RuleFailed.class).hasRootCauseMessage("bug");
        assertThat(received).isEmpty();
    }

    @Test
    void theUnframeableValueCopiesItsBytes() {
        byte[] first = {3, 0};
        PduFrameDecoder.Unframeable u = new PduFrameDecoder.Unframeable(first, new MalformedPduException("TPKT", "length", 2, "x"));
        first[0] = 9;
        u.firstBytes()[1] = 9;
        assertThat(u.firstBytes()).containsExactly(3, 0);
    }

    private List<String> hexes() {
        List<String> out = new ArrayList<>();
        for (Object msg : received) {
            out.add(msg instanceof ByteBuf b ? hex(ByteBufUtil.getBytes(b)) : String.valueOf(msg));
        }
        return out;
    }

    private static void release(Object msg) {
        if (msg instanceof ByteBuf b && b.refCnt() > 0) {
            b.release();
        }
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
