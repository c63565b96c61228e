package dev.rdpprobe.core.internal.pdu.rdpeudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Vectors F1–F5 of shared/protocol/vectors.md. */
class RdpeudpVectorsTest {

    static byte[] hex(String dump) {
        return ByteBufUtil.decodeHexDump(dump.replaceAll("\\s+", ""));
    }

    /** The bytes shown, then zeros up to {@code total}. */
    static byte[] padded(String dump, int total) {
        return Arrays.copyOf(hex(dump), total);
    }

    static final String F1 = "ff ff ff ff 04 00 0a 01 00 00 00 42 04 d0 04 d0"
            + "d2 35 ac 43 89 41 42 da b1 0e dd 68 87 f7 f9 fb"
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00";
    static final byte[] F1_ID = hex("d2 35 ac 43 89 41 42 da b1 0e dd 68 87 f7 f9 fb");
    static final String F2 = "00 00 00 42 04 00 00 05 00 00 00 42 04 d0 04 d0";
    static final String F3_REQUEST = "00 00 00 00 00 00 00 ff 00 00 00 00 00 00 00 00";
    static final String F3_RESPONSE = "00 00 00 00 00 40 00 05 fb 6d 06 e8 04 d0 04 d0";
    static final String F4 = "ff ff ff ff 00 40 10 01 12 34 56 78 04 d0 04 d0 00 01 00 02";

    @Test
    void f1SpecSynDecodes() {
        SynDatagram syn = SynDatagram.decode(Unpooled.wrappedBuffer(padded(F1, 1232)));

        assertThat(syn.receiveWindow()).isEqualTo(1024);
        assertThat(syn.flags()).isEqualTo(RdpUdpFlags.SYN | RdpUdpFlags.SYNLOSSY | RdpUdpFlags.CORRELATION_ID);
        assertThat(syn.synData()).isEqualTo(new SynDataPayload(0x42, 1232, 1232));
        assertThat(syn.correlationId().id()).isEqualTo(F1_ID);
        assertThat(syn.synDataEx()).isNull();
    }

    @Test
    void f1SpecSynEncodesByteForByte() {
        SynDatagram syn = new SynDatagram(1024, 0x0A01, new SynDataPayload(0x42, 1232, 1232),
                CorrelationIdPayload.of(F1_ID), null);

        assertThat(syn.encodedSize()).isEqualTo(1232);
        assertThat(syn.toBytes()).isEqualTo(padded(F1, 1232));
    }

    @Test
    void f2SpecSynAckDecodesWithoutAnAckVector() {
        SynAckDatagram ack = SynAckDatagram.decode(Unpooled.wrappedBuffer(padded(F2, 1232)));

        assertThat(ack.acknowledgedSequenceNumber()).isEqualTo(0x42);
        assertThat(ack.receiveWindow()).isEqualTo(1024);
        assertThat(ack.flags()).isEqualTo(RdpUdpFlags.SYN | RdpUdpFlags.ACK);
        assertThat(ack.synData()).isEqualTo(new SynDataPayload(0x42, 1232, 1232));
        assertThat(ack.correlationId()).isNull();
        assertThat(ack.synDataEx()).isNull();
        assertThat(ack.chosenVersion()).isNull();
    }

    @Test
    void f2SpecSynAckEncodesByteForByte() {
        SynAckDatagram ack = SynAckDatagram.of(0x42, 1024, new SynDataPayload(0x42, 1232, 1232), null);

        assertThat(SynAckBytes.of(ack)).isEqualTo(padded(F2, 1232));
    }

    @Test
    void f3WindowsCaptureDecodesAsSynAck() {
        SynAckDatagram ack = SynAckDatagram.decode(Unpooled.wrappedBuffer(padded(F3_RESPONSE, 1232)));

        assertThat(ack.acknowledgedSequenceNumber()).isZero();
        assertThat(ack.receiveWindow()).isEqualTo(64);
        assertThat(ack.flags()).isEqualTo(0x0005);
        assertThat(ack.synData().initialSequenceNumber()).isEqualTo(0xFB6D06E8);
        assertThat(ack.synData().upstreamMtu()).isEqualTo(1232);
        assertThat(ack.synData().downstreamMtu()).isEqualTo(1232);
        assertThat(ack.synDataEx()).isNull();
        assertThat(SynAckBytes.of(SynAckDatagram.of(0, 64, ack.synData(), null))).isEqualTo(padded(F3_RESPONSE, 1232));
    }

    @Test
    void f3AmplificationRequestIsNotAValidSyn() {
        assertThatThrownBy(() -> SynDatagram.decode(Unpooled.wrappedBuffer(hex(F3_REQUEST))))
                .isInstanceOfSatisfying(MalformedPduException.class, e -> {
                    assertThat(e.field()).isEqualTo("snSourceAck");
                    assertThat(e.offset()).isZero();
                });
        // flags 0x00FF happen to contain SYN|ACK, but the MTUs are zero
        assertThatThrownBy(() -> SynAckDatagram.decode(Unpooled.wrappedBuffer(hex(F3_REQUEST))))
                .isInstanceOfSatisfying(MalformedPduException.class, e -> {
                    assertThat(e.field()).isEqualTo("uUpStreamMtu");
                    assertThat(e.offset()).isEqualTo(12);
                });
    }

    @Test
    void f4SynWithVersion2EncodesAndPads() {
        SynDatagram syn = SynDatagram.of(64, new SynDataPayload(0x12345678, 1232, 1232), null, SynDataExPayload.offer(2));

        assertThat(syn.flags()).isEqualTo(RdpUdpFlags.SYN | RdpUdpFlags.SYNEX);
        assertThat(syn.toBytes()).hasSize(1232).isEqualTo(padded(F4, 1232));
    }

    @Test
    void f4UnpaddedDecodes() {
        SynDatagram syn = SynDatagram.decode(Unpooled.wrappedBuffer(hex(F4)));

        assertThat(syn).isEqualTo(SynDatagram.of(64, new SynDataPayload(0x12345678, 1232, 1232), null,
                SynDataExPayload.offer(2)));
        assertThat(syn.synDataEx().versionValid()).isTrue();
    }

    @Test
    void f4SynDataExAlone() {
        var buf = Unpooled.buffer();
        SynDataExPayload.offer(2).encode(buf);
        assertThat(ByteBufUtil.getBytes(buf)).isEqualTo(hex("00 01 00 02"));
        buf.release();
    }

    @Test
    void f5ProbeSynWithoutSynEx() {
        SynDatagram syn = SynDatagram.of(64, SynDataPayload.withMaxMtu(0xCAFEBABE), null, null);

        byte[] expected = padded("ff ff ff ff 00 40 00 01 ca fe ba be 04 d0 04 d0", 1232);
        assertThat(syn.toBytes()).isEqualTo(expected);
        assertThat(Arrays.copyOfRange(expected, 16, 1232)).containsOnly(0);
    }
}
