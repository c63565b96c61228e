package dev.rdpprobe.core.internal.pdu.credssp;

import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.buf;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.bytes;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.expectMalformed;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.prefix;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

class DerFramingTest {

    private static final int CAP = TsRequest.MAX_SIZE;

    @Test
    void framesTheVectors() {
        assertThat(DerFraming.frameLength(buf(Vectors.C1), CAP)).isEqualTo(57);
        assertThat(DerFraming.frameLength(buf(Vectors.D1), CAP)).isEqualTo(262);
        assertThat(DerFraming.frameLength(buf(Vectors.D2), CAP)).isEqualTo(187);
        assertThat(DerFraming.frameLength(buf(Vectors.D5), CAP)).isEqualTo(15);
    }

    @Test
    void incompleteHeadersAskForMore() {
        byte[] d1 = bytes(Vectors.D1);
        assertThat(DerFraming.frameLength(prefix(d1, 0), CAP)).isEqualTo(-1);
        assertThat(DerFraming.frameLength(prefix(d1, 1), CAP)).isEqualTo(-1);
        assertThat(DerFraming.frameLength(prefix(d1, 2), CAP)).isEqualTo(-1);
        assertThat(DerFraming.frameLength(prefix(d1, 3), CAP)).isEqualTo(-1);
        assertThat(DerFraming.frameLength(prefix(d1, 4), CAP)).isEqualTo(262);
        byte[] c1 = bytes(Vectors.C1);
        assertThat(DerFraming.frameLength(prefix(c1, 2), CAP)).isEqualTo(57);
    }

    @Test
    void doesNotMoveTheReaderIndex() {
        ByteBuf in = buf(Vectors.D1);
        in.readerIndex(0);
        DerFraming.frameLength(in, CAP);
        assertThat(in.readerIndex()).isZero();
        ByteBuf twoMessages = io.netty.buffer.Unpooled.wrappedBuffer(bytes(Vectors.D5), bytes(Vectors.C1));
        twoMessages.skipBytes(15);
        assertThat(DerFraming.frameLength(twoMessages, CAP)).isEqualTo(57);
    }

    @Test
    void notASequence() {
        MalformedPduException e = expectMalformed(() -> DerFraming.frameLength(buf("0301"), CAP));
        assertThat(e.field()).isEqualTo("tag");
        assertThat(e.offset()).isZero();
        expectMalformed(() -> DerFraming.frameLength(buf("31"), CAP));
    }

    @Test
    void invalidLengthForms() {
        assertThat(expectMalformed(() -> DerFraming.frameLength(buf("3080"), CAP)).detail()).contains("indefinite");
        assertThat(expectMalformed(() -> DerFraming.frameLength(buf("3085"), CAP)).detail()).contains("5 length bytes");
        assertThat(expectMalformed(() -> DerFraming.frameLength(buf("30ff"), CAP)).offset()).isEqualTo(1);
    }

    @Test
    void lengthsOverTheCap() {
        MalformedPduException e = expectMalformed(() -> DerFraming.frameLength(buf("3084ffffffff"), CAP));
        assertThat(e.field()).isEqualTo("length");
        assertThat(e.detail()).contains("exceeds the cap");
        expectMalformed(() -> DerFraming.frameLength(buf("3083010000"), CAP));
        assertThat(DerFraming.frameLength(buf("3082fffc"), CAP)).isEqualTo(65536);
        expectMalformed(() -> DerFraming.frameLength(buf("3082fffd"), CAP));
        expectMalformed(() -> DerFraming.frameLength(buf(Vectors.D1), 261));
        assertThat(DerFraming.frameLength(buf(Vectors.D1), 262)).isEqualTo(262);
    }
}
