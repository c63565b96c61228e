package dev.rdpprobe.core.internal.pdu.credssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The framer and the element reader parse a DER length with one parser, so they agree on every form. */
class DerLengthTest {

    @Test
    void theFramerAndTheReaderAgreeOnEveryLengthForm() {
        for (String header : List.of("3000", "3005", "307f", "308105", "30820005", "3083000005", "308400000005",
                "3080", "3085000000000005", "30ff")) {
            byte[] head = HexFormat.of().parseHex(header);
            byte[] bytes = new byte[head.length + 200]; // every content present
            System.arraycopy(head, 0, bytes, 0, head.length);
            MalformedPduException framed = catchThrowableOfType(MalformedPduException.class,
                    () -> DerFraming.frameLength(Unpooled.wrappedBuffer(bytes), Integer.MAX_VALUE));
            ByteBuf buf = Unpooled.wrappedBuffer(bytes);
            MalformedPduException read = catchThrowableOfType(MalformedPduException.class,
                    () -> DerReader.over(DerFraming.PDU, buf, 0, bytes.length).enter(DerReader.SEQUENCE, "length"));
            if (framed == null) {
                assertThat(read).as(header).isNull();
                int total = DerFraming.frameLength(Unpooled.wrappedBuffer(bytes), Integer.MAX_VALUE);
                DerReader content = DerReader.over(DerFraming.PDU, buf, 0, bytes.length).enter(DerReader.SEQUENCE, "length");
                assertThat(total).as(header).isEqualTo(content.offset() + content.remaining());
            } else {
                assertThat(read).as(header).isNotNull();
                assertThat(read.offset()).isEqualTo(framed.offset()).isEqualTo(1);
                assertThat(read.detail()).isEqualTo(framed.detail());
            }
        }
    }

    @Test
    void theExtraOctetsOfEachForm() {
        assertThat(DerLength.extraOctets(0x7F, "P", "f", 1)).isZero();
        assertThat(DerLength.extraOctets(0x81, "P", "f", 1)).isEqualTo(1);
        assertThat(DerLength.extraOctets(0x84, "P", "f", 1)).isEqualTo(4);
        assertThat(catchThrowableOfType(MalformedPduException.class, () -> DerLength.extraOctets(0x80, "P", "f", 7)).offset())
                .isEqualTo(7);
        assertThat(catchThrowableOfType(MalformedPduException.class, () -> DerLength.extraOctets(0x85, "P", "f", 1)).detail())
                .isEqualTo("5 length bytes (at most 4)");
    }
}
