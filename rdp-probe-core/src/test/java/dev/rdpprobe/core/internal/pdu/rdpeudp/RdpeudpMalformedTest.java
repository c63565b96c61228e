package dev.rdpprobe.core.internal.pdu.rdpeudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RdpeudpMalformedTest {

    static final byte[] ID = RdpeudpVectorsTest.F1_ID;

    /** The datagram decodes, or fails with MalformedPduException only. */
    static void decodesOrMalformed(byte[] bytes, Consumer<byte[]> decoder) {
        Throwable thrown = catchThrowable(() -> decoder.accept(bytes));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(MalformedPduException.class);
        }
    }

    @Test
    void synAckTruncatedAtEveryLength() {
        SynAckDatagram full = new SynAckDatagram(9, 64, RdpUdpFlags.SYN | RdpUdpFlags.ACK | RdpUdpFlags.CORRELATION_ID
                | RdpUdpFlags.SYNEX, SynDataPayload.withMaxMtu(3), CorrelationIdPayload.of(ID), SynDataExPayload.offer(2));
        byte[] bytes = SynAckBytes.of(full);
        int structures = 8 + 8 + 32 + 4;
        for (int length = 0; length <= bytes.length; length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            if (length < structures) {
                int len = length;
                assertThatThrownBy(() -> SynAckDatagram.decode(Unpooled.wrappedBuffer(prefix)))
                        .as("length %d", len)
                        .isInstanceOfSatisfying(MalformedPduException.class, e -> {
                            assertThat(e.pdu()).isEqualTo(SynAckDatagram.PDU);
                            assertThat(e.detail()).contains("datagram is " + len + " bytes");
                        });
            } else {
                assertThat(SynAckDatagram.decode(Unpooled.wrappedBuffer(prefix))).isEqualTo(full);
            }
        }
    }

    @Test
    void synTruncatedAtEveryLength() {
        byte[] cookie = new byte[32];
        SynDatagram full = SynDatagram.of(64, SynDataPayload.withMaxMtu(3), CorrelationIdPayload.of(ID),
                SynDataExPayload.offerVersion3(cookie));
        byte[] bytes = full.toBytes();
        int structures = 8 + 8 + 32 + 36;
        for (int length = 0; length <= bytes.length; length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            if (length < structures) {
                assertThatThrownBy(() -> SynDatagram.decode(Unpooled.wrappedBuffer(prefix)))
                        .as("length %d", length).isInstanceOf(MalformedPduException.class);
            } else {
                assertThat(SynDatagram.decode(Unpooled.wrappedBuffer(prefix))).isEqualTo(full);
            }
        }
    }

    @Test
    void truncationNamesTheMissingStructure() {
        byte[] bytes = SynAckBytes.of(SynAckDatagram.of(1, 64, SynDataPayload.withMaxMtu(2), SynDataExPayload.offer(1)));
        assertThat(fieldAt(Arrays.copyOf(bytes, 7))).isEqualTo("RDPUDP_FEC_HEADER@0");
        assertThat(fieldAt(Arrays.copyOf(bytes, 12))).isEqualTo("RDPUDP_SYNDATA_PAYLOAD@8");
        assertThat(fieldAt(Arrays.copyOf(bytes, 18))).isEqualTo("RDPUDP_SYNDATAEX_PAYLOAD@16");
    }

    private static String fieldAt(byte[] bytes) {
        MalformedPduException e = (MalformedPduException) catchThrowable(() -> SynAckDatagram.decode(Unpooled.wrappedBuffer(bytes)));
        return e.field() + "@" + e.offset();
    }

    @Test
    void synAckWithoutAckFlagIsRejectedAtTheFlags() {
        byte[] bytes = SynAckBytes.of(SynAckDatagram.of(1, 64, SynDataPayload.withMaxMtu(2), null));
        bytes[7] = 0x01; // SYN only
        assertThatThrownBy(() -> SynAckDatagram.decode(Unpooled.wrappedBuffer(bytes)))
                .isInstanceOfSatisfying(MalformedPduException.class, e -> {
                    assertThat(e.field()).isEqualTo("uFlags");
                    assertThat(e.offset()).isEqualTo(6);
                    assertThat(e.detail()).contains("0x0001 (SYN)").contains("not a SYN+ACK");
                });
    }

    @Test
    void mtuOutOfRangeIsMalformed() {
        byte[] bytes = SynAckBytes.of(SynAckDatagram.of(1, 64, SynDataPayload.withMaxMtu(2), null));
        bytes[12] = 0x04;
        bytes[13] = (byte) 0xD1; // 1233
        assertThatThrownBy(() -> SynAckDatagram.decode(Unpooled.wrappedBuffer(bytes)))
                .isInstanceOfSatisfying(MalformedPduException.class, e -> {
                    assertThat(e.field()).isEqualTo("uUpStreamMtu");
                    assertThat(e.offset()).isEqualTo(12);
                    assertThat(e.detail()).contains("1233");
                });
        byte[] low = SynAckBytes.of(SynAckDatagram.of(1, 64, SynDataPayload.withMaxMtu(2), null));
        low[14] = 0x04;
        low[15] = 0x6B; // 1131
        assertThatThrownBy(() -> SynAckDatagram.decode(Unpooled.wrappedBuffer(low)))
                .isInstanceOfSatisfying(MalformedPduException.class, e -> assertThat(e.field()).isEqualTo("uDownStreamMtu"));
    }

    @Test
    void synRulesOnDecode() {
        byte[] notMinusOne = SynDatagram.of(64, SynDataPayload.withMaxMtu(2), null, null).toBytes();
        notMinusOne[3] = 0x00;
        assertThatThrownBy(() -> SynDatagram.decode(Unpooled.wrappedBuffer(notMinusOne)))
                .isInstanceOfSatisfying(MalformedPduException.class, e -> assertThat(e.field()).isEqualTo("snSourceAck"));
        byte[] withAck = SynDatagram.of(64, SynDataPayload.withMaxMtu(2), null, null).toBytes();
        withAck[7] = 0x05;
        assertThatThrownBy(() -> SynDatagram.decode(Unpooled.wrappedBuffer(withAck)))
                .isInstanceOfSatisfying(MalformedPduException.class, e -> assertThat(e.field()).isEqualTo("uFlags"));
    }

    @Test
    void aSynIsNotASynAckAndViceVersa() {
        byte[] syn = SynDatagram.of(64, SynDataPayload.withMaxMtu(2), null, null).toBytes();
        byte[] ack = SynAckBytes.of(SynAckDatagram.of(2, 64, SynDataPayload.withMaxMtu(3), null));
        assertThatThrownBy(() -> SynAckDatagram.decode(Unpooled.wrappedBuffer(syn))).isInstanceOf(MalformedPduException.class);
        assertThatThrownBy(() -> SynDatagram.decode(Unpooled.wrappedBuffer(ack))).isInstanceOf(MalformedPduException.class);
    }

    @Test
    void randomBytesNeverEscapeAsAnotherException() {
        Random random = new Random(3389);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(100)];
            random.nextBytes(bytes);
            if (bytes.length >= 16 && random.nextBoolean()) {
                // make the MTUs valid often, so that later structures get exercised
                bytes[12] = 0x04;
                bytes[13] = (byte) 0xD0;
                bytes[14] = 0x04;
                bytes[15] = (byte) 0xB0;
                bytes[7] |= 0x05;
                if (random.nextBoolean()) {
                    bytes[0] = bytes[1] = bytes[2] = bytes[3] = (byte) 0xFF;
                    bytes[7] &= ~0x04;
                }
            }
            decodesOrMalformed(bytes, b -> SynAckDatagram.decode(Unpooled.wrappedBuffer(b)));
            decodesOrMalformed(bytes, b -> SynDatagram.decode(Unpooled.wrappedBuffer(b)));
        }
    }
}
