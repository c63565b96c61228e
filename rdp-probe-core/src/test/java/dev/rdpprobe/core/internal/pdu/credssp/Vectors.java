package dev.rdpprobe.core.internal.pdu.credssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The hex vectors of /work/shared/protocol/vectors.md sections C and D, byte for byte. */
public final class Vectors {

    /** vectors.md C1 (57 bytes). */
    public static final String C1 = "3037a003020160a130302e302ca02a04284e544c4d5353500001000000b78208"
            + "e2000000000000000000000000000000000a0063450000000f";

    /** vectors.md C2 (93 bytes). */
    public static final String C2 = "305ba003020106a130302e302ca02a04284e544c4d5353500001000000b78208"
            + "e2000000000000000000000000000000000601b11d0000000fa5220420221012"
            + "ad125c7a15feb64b1fcb94833ac56f664cf3bce7548a5d9e050a4691db";

    /** vectors.md C3 (91 bytes). */
    public static final String C3 = "3059a003020106a1523050304ea04c044a604806062b0601050502a03e303ca0"
            + "0e300c060a2b06010401823702020aa22a04284e544c4d5353500001000000b7"
            + "8208e2000000000000000000000000000000000a0063450000000f";

    /** vectors.md D1 (262 bytes). */
    public static final String D1 = "30820102a003020106a181fa3081f73081f4a081f10481ee4e544c4d53535000"
            + "020000001e001e003800000035828ae26e803bb7f8b9f65c0000000000000000"
            + "98009800560000000a00ab3f0000000f4400450053004b0054004f0050002d00"
            + "4b004d004400540034003200300002001e004400450053004b0054004f005000"
            + "2d004b004d004400540034003200300001001e004400450053004b0054004f00"
            + "50002d004b004d004400540034003200300004001e004400450053004b005400"
            + "4f0050002d004b004d004400540034003200300003001e004400450053004b00"
            + "54004f0050002d004b004d00440054003400320030000700080075c68456d7d8"
            + "d40100000000";

    /** vectors.md D2 (187 bytes). */
    public static final String D2 = "3081b8a003020106a1818c308189308186a081830481804e544c4d5353500002"
            + "0000000800080038000000b78288e2c86f7d24d5b06565000000000000000040"
            + "004000400000000601b11d0000000f5600470050004300020008005600470050"
            + "0043000100080056004700500043000400080056004700500043000300080056"
            + "0047005000430007000800802600e14acfd40100000000a5220420221012ad12"
            + "5c7a15feb64b1fcb94833ac56f664cf3bce7548a5d9e050a4691db";

    /** vectors.md D3 (104 bytes). */
    public static final String D3 = "4e544c4d53535000020000000c000c003800000033828ae20123456789abcdef"
            + "00000000000000002400240044000000060070170000000f5300650072007600"
            + "6500720002000c0044006f006d00610069006e0001000c005300650072007600"
            + "6500720000000000";

    /** vectors.md D4 (103 bytes). */
    public static final String D4 = "3065a003020106a332043001000000d8b30c7e37512184000000006c47c8e302"
            + "599219d199dfbd0ff571613adf7403effca52316233755ff9120d8a4060204c0"
            + "0700eaa5220420f88dd4b7559a94e5e87f2b2f94c23858a984fc07697df85776"
            + "c957a31512eb32";

    /** vectors.md D5 (15 bytes). */
    public static final String D5 = "300da003020106a4060204c000006d";

    private Vectors() {
    }

    /** Hex to bytes (spaces allowed). */
    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** Hex wrapped in an unpooled buffer (nothing to release). */
    public static ByteBuf buf(String hex) {
        return Unpooled.wrappedBuffer(bytes(hex));
    }

    /** The first {@code n} bytes of a vector, wrapped. */
    public static ByteBuf prefix(byte[] all, int n) {
        return Unpooled.wrappedBuffer(all, 0, n);
    }

    /** Bytes as lower-case hex. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The readable bytes of a buffer, as an array (the buffer is released). */
    public static byte[] drain(ByteBuf buf) {
        try {
            byte[] out = new byte[buf.readableBytes()];
            buf.readBytes(out);
            return out;
        } finally {
            buf.release();
        }
    }

    /**
     * Runs {@code call} and asserts that it threw a MalformedPduException (nothing else) naming a
     * PDU and a field at a non-negative offset; returns it.
     */
    public static MalformedPduException expectMalformed(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(MalformedPduException.class);
        MalformedPduException e = (MalformedPduException) thrown;
        assertThat(e.pdu()).isNotBlank();
        assertThat(e.field()).isNotBlank();
        assertThat(e.offset()).isNotNegative();
        assertThat(e.detail()).isNotBlank();
        return e;
    }

    /** Copies {@code bytes} with the byte at {@code index} replaced. */
    public static byte[] with(byte[] bytes, int index, int value) {
        byte[] copy = bytes.clone();
        copy[index] = (byte) value;
        return copy;
    }

    /** Sub-range copy. */
    public static byte[] range(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }
}
