package dev.rdpprobe.core.internal.pdu.rdpeudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class RdpeudpRoundTripTest {

    static final byte[] ID = RdpeudpVectorsTest.F1_ID;
    static final byte[] COOKIE = new byte[32];

    static {
        Arrays.fill(COOKIE, (byte) 0x5A);
    }

    static Stream<SynDatagram> syns() {
        return Stream.of(
                SynDatagram.of(64, SynDataPayload.withMaxMtu(1), null, null),
                SynDatagram.of(0xFFFF, new SynDataPayload(-1, 1132, 1232), null, SynDataExPayload.offer(1)),
                SynDatagram.of(1024, new SynDataPayload(0x80000000, 1232, 1132), CorrelationIdPayload.of(ID),
                        SynDataExPayload.offer(2)),
                SynDatagram.of(64, SynDataPayload.withMaxMtu(7), CorrelationIdPayload.of(ID),
                        SynDataExPayload.offerVersion3(COOKIE)),
                new SynDatagram(0, RdpUdpFlags.SYN | RdpUdpFlags.SYNLOSSY, SynDataPayload.withMaxMtu(9), null, null));
    }

    static Stream<SynAckDatagram> synAcks() {
        return Stream.of(
                SynAckDatagram.of(0x12345678, 64, SynDataPayload.withMaxMtu(0xFB6D06E8), null),
                SynAckDatagram.of(-1, 0, new SynDataPayload(0, 1132, 1200),
                        new SynDataExPayload(SynDataExPayload.VERSION_INFO_VALID, 2, null)),
                SynAckDatagram.of(5, 64, SynDataPayload.withMaxMtu(6), new SynDataExPayload(0, 0x0101, null)),
                new SynAckDatagram(5, 64, RdpUdpFlags.SYN | RdpUdpFlags.ACK | RdpUdpFlags.CORRELATION_ID
                        | RdpUdpFlags.ACKDELAYED, SynDataPayload.withMaxMtu(6), CorrelationIdPayload.of(ID), null));
    }

    @ParameterizedTest
    @MethodSource("syns")
    void synRoundTrips(SynDatagram syn) {
        byte[] bytes = syn.toBytes();
        assertThat(bytes).hasSize(syn.synData().paddedDatagramSize());
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        assertThat(SynDatagram.decode(in)).isEqualTo(syn);
        assertThat(in.readableBytes()).isZero();
    }

    @ParameterizedTest
    @MethodSource("synAcks")
    void synAckRoundTrips(SynAckDatagram ack) {
        byte[] bytes = SynAckBytes.of(ack);
        assertThat(bytes).hasSize(Math.min(ack.synData().upstreamMtu(), ack.synData().downstreamMtu()));
        assertThat(SynAckDatagram.decode(Unpooled.wrappedBuffer(bytes))).isEqualTo(ack);
    }

    @Test
    void encodeWritesAtTheWriterIndexOfAnExistingBuffer() {
        ByteBuf out = Unpooled.buffer();
        out.writeByte(0x77);
        SynDatagram syn = SynDatagram.of(64, SynDataPayload.withMaxMtu(2), null, null);
        syn.encode(out);
        assertThat(out.readableBytes()).isEqualTo(1 + 1232);
        out.skipBytes(1);
        assertThat(SynDatagram.decode(out)).isEqualTo(syn);
        out.release();
    }

    @Test
    void chosenVersionOnlyWhenMarkedValid() {
        assertThat(SynAckDatagram.of(0, 64, SynDataPayload.withMaxMtu(0), SynDataExPayload.offer(2)).chosenVersion())
                .isEqualTo(2);
        assertThat(SynAckDatagram.of(0, 64, SynDataPayload.withMaxMtu(0), new SynDataExPayload(0, 2, null))
                .chosenVersion()).isNull();
    }

    @Test
    void version3CannotBeOfferedStandalone() {
        assertThatThrownBy(() -> SynDataExPayload.offer(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("securityCookie").hasMessageContaining("offer version 1 or 2");
        assertThatThrownBy(() -> SynDataExPayload.offer(0x0101))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cookie");
        assertThatThrownBy(() -> SynDataExPayload.offer(4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SynDatagram.of(64, SynDataPayload.withMaxMtu(0), null,
                new SynDataExPayload(1, SynDataExPayload.VERSION_3, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cookie hash");
    }

    @Test
    void cookieHashRules() {
        assertThatThrownBy(() -> new SynDataExPayload(1, 2, COOKIE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SynDataExPayload(1, 0x0101, new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SynAckDatagram.of(0, 64, SynDataPayload.withMaxMtu(0),
                SynDataExPayload.offerVersion3(COOKIE))).isInstanceOf(IllegalArgumentException.class);
        assertThat(SynDataExPayload.offerVersion3(COOKIE).encodedSize()).isEqualTo(36);
    }

    @Test
    void correlationIdByteRules() {
        byte[] startsWithZero = ID.clone();
        startsWithZero[0] = 0x00;
        byte[] startsWithF4 = ID.clone();
        startsWithF4[0] = (byte) 0xF4;
        byte[] containsCr = ID.clone();
        containsCr[9] = 0x0D;

        assertThatThrownBy(() -> CorrelationIdPayload.of(startsWithZero)).hasMessageContaining("0x00");
        assertThatThrownBy(() -> CorrelationIdPayload.of(startsWithF4)).hasMessageContaining("0xF4");
        assertThatThrownBy(() -> CorrelationIdPayload.of(containsCr)).hasMessageContaining("0x0D").hasMessageContaining("9");
        assertThatThrownBy(() -> CorrelationIdPayload.of(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorrelationIdPayload.of(null)).isInstanceOf(IllegalArgumentException.class);
        // decoding accepts what the SHOULD rules advise against
        assertThat(new CorrelationIdPayload(containsCr).id()).isEqualTo(containsCr);
    }

    @Test
    void correlationIdIsCopied() {
        byte[] id = ID.clone();
        CorrelationIdPayload payload = CorrelationIdPayload.of(id);
        id[1] = 0;
        payload.id()[2] = 0;
        assertThat(payload.id()).isEqualTo(ID);
    }

    @Test
    void mtuRangeIsEnforcedOnEncode() {
        assertThatThrownBy(() -> new SynDataPayload(0, 1131, 1232)).hasMessageContaining("upstreamMtu 1131");
        assertThatThrownBy(() -> new SynDataPayload(0, 1232, 1233)).hasMessageContaining("downstreamMtu 1233");
    }

    @Test
    void flagsMustMatchPayloads() {
        assertThatThrownBy(() -> new SynDatagram(64, RdpUdpFlags.SYN | RdpUdpFlags.SYNEX, SynDataPayload.withMaxMtu(0),
                null, null)).hasMessageContaining("SYNEX");
        assertThatThrownBy(() -> new SynDatagram(64, RdpUdpFlags.SYN | RdpUdpFlags.ACK, SynDataPayload.withMaxMtu(0),
                null, null)).hasMessageContaining("ACK clear");
        assertThatThrownBy(() -> new SynAckDatagram(0, 64, RdpUdpFlags.SYN, SynDataPayload.withMaxMtu(0), null, null))
                .hasMessageContaining("SYN and ACK");
        assertThatThrownBy(() -> new SynAckDatagram(0, 64, RdpUdpFlags.SYN | RdpUdpFlags.ACK,
                SynDataPayload.withMaxMtu(0), CorrelationIdPayload.of(ID), null)).hasMessageContaining("CORRELATION_ID");
    }

    @Test
    void flagsDescribeThemselves() {
        assertThat(RdpUdpFlags.describe(0x0005)).isEqualTo("0x0005 (SYN|ACK)");
        assertThat(RdpUdpFlags.describe(0x0A01)).isEqualTo("0x0A01 (SYN|SYNLOSSY|CORRELATION_ID)");
        assertThat(RdpUdpFlags.describe(0)).isEqualTo("0x0000 (none)");
        assertThat(RdpUdpFlags.describe(0xE001)).isEqualTo("0xE001 (SYN|0xE000)");
    }
}
