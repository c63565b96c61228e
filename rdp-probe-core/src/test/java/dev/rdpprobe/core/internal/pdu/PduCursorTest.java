package dev.rdpprobe.core.internal.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PduCursorTest {

    static final String PDU = "Test PDU";

    /** A PDU that starts 3 bytes into its buffer, so that absolute and PDU offsets differ. */
    static PduCursor cursor(String hex) {
        ByteBuf buf = Unpooled.wrappedBuffer(HexFormat.of().parseHex("ffffff" + hex));
        buf.readerIndex(3);
        return PduCursor.over(PDU, buf);
    }

    @Test
    void readsValuesInOrderWithOffsetsFromThePduStart() {
        PduCursor c = cursor("01 0203 0405 06070809 0a0b0c0d 41 42 cafe".replace(" ", ""));
        assertThat(c.u8("a")).isEqualTo(1);
        assertThat(c.u16le("b")).isEqualTo(0x0302);
        assertThat(c.u16be("c")).isEqualTo(0x0405);
        assertThat(c.u32le("d")).isEqualTo(0x09080706L);
        assertThat(c.offset()).isEqualTo(9);
        assertThat(c.u32be("e")).isEqualTo(0x0a0b0c0dL);
        assertThat(c.string(2, StandardCharsets.US_ASCII, "f")).isEqualTo("AB");
        assertThat(c.peekU8()).isEqualTo(0xca);
        assertThat(c.bytes(2, "g")).containsExactly(0xca, 0xfe);
        assertThat(c.hasMore()).isFalse();
        assertThat(c.peekU8()).isEqualTo(-1);
        c.expectEnd("end");
    }

    @Test
    void everyReadPastTheWindowThrowsNamingPduFieldAndOffset() {
        List<Consumer<PduCursor>> reads = List.of(
                c -> c.u8("field"), c -> c.u16le("field"), c -> c.u16be("field"), c -> c.u32le("field"),
                c -> c.i32le("field"), c -> c.u32be("field"), c -> c.bytes(5, "field"), c -> c.skip(5, "field"),
                c -> c.window(5, "field"), c -> c.string(5, StandardCharsets.US_ASCII, "field"));
        for (Consumer<PduCursor> read : reads) {
            PduCursor c = cursor("0102030405");
            c.skip(4, "head");
            c.u8("last");
            assertThatThrownBy(() -> read.accept(c)).isInstanceOfSatisfying(MalformedPduException.class, e -> {
                assertThat(e.pdu()).isEqualTo(PDU);
                assertThat(e.field()).isEqualTo("field");
                assertThat(e.offset()).isEqualTo(5);
                assertThat(e.detail()).contains("the PDU ends at offset 5");
            });
            assertThat(c.offset()).as("a failed read does not move").isEqualTo(5);
        }
    }

    @Test
    void aWindowIsBoundedByItsLengthButKeepsThePduOffsets() {
        PduCursor c = cursor("0102030405060708");
        c.skip(2, "head");
        PduCursor w = c.window(3, "inner");
        assertThat(c.offset()).isEqualTo(5);
        assertThat(w.offset()).isEqualTo(2);
        assertThat(w.endOffset()).isEqualTo(5);
        assertThat(w.u16be("x")).isEqualTo(0x0304);
        assertThatThrownBy(() -> w.u16be("y")).isInstanceOfSatisfying(MalformedPduException.class,
                e -> assertThat(e.offset()).isEqualTo(4));
        assertThat(w.u8("z")).isEqualTo(5);
        assertThat(c.u8("after")).isEqualTo(6);
    }

    @Test
    void aLengthBeyondTheWindowIsRefusedBeforeAnythingIsAllocated() {
        PduCursor c = cursor("01");
        assertThatThrownBy(() -> c.bytes(Integer.MAX_VALUE, "huge")).isInstanceOf(MalformedPduException.class);
        assertThatThrownBy(() -> c.bytes(-1, "negative")).isInstanceOfSatisfying(MalformedPduException.class,
                e -> assertThat(e.detail()).contains("negative"));
        assertThatThrownBy(() -> c.window(2, "w")).isInstanceOf(MalformedPduException.class);
    }

    @Test
    void windowAtAndSeekStayInsideThePdu() {
        PduCursor c = cursor("0102030405");
        c.skip(1, "a");
        assertThat(c.windowAt(3, 2, "p").bytes(2, "p")).containsExactly(4, 5);
        assertThat(c.offset()).isEqualTo(1);
        for (long[] bad : new long[][] {{4, 2}, {-1, 1}, {0, -1}, {0xFFFFFFFFL, 1}}) {
            assertThatThrownBy(() -> c.windowAt(bad[0], bad[1], "p")).isInstanceOfSatisfying(MalformedPduException.class,
                    e -> assertThat(e.offset()).as("reported where the pointer was read").isEqualTo(1));
        }
        c.seek(5, "end");
        assertThat(c.hasMore()).isFalse();
        assertThatThrownBy(() -> c.seek(6, "beyond")).isInstanceOf(MalformedPduException.class);
        assertThatThrownBy(() -> c.seek(-1, "before")).isInstanceOf(MalformedPduException.class);
    }

    @Test
    void trailingBytesAreReported() {
        PduCursor c = cursor("0102");
        c.u8("a");
        assertThatThrownBy(() -> c.expectEnd("tail")).isInstanceOfSatisfying(MalformedPduException.class, e -> {
            assertThat(e.field()).isEqualTo("tail");
            assertThat(e.offset()).isEqualTo(1);
            assertThat(e.detail()).isEqualTo("1 unexpected trailing bytes");
        });
    }

    @Test
    void theBufferIndicesAreNeverMoved() {
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4});
        PduCursor c = PduCursor.over(PDU, buf);
        c.u16le("a");
        ByteBuf rest = c.restAsSlice();
        assertThat(rest.readableBytes()).isEqualTo(2);
        assertThat(buf.readerIndex()).isZero();
        assertThat(buf.writerIndex()).isEqualTo(4);
        assertThat(PduCursor.over(PDU, new byte[] {7}).u8("x")).isEqualTo(7);
    }
}
