package dev.rdpprobe.core.internal.pdu.mcs;

import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;

/**
 * The ALIGNED PER subset of T.124's ConnectData that the GCC Conference Create Request and Response use:
 * length determinants of one byte (below 0x80) or two (0x8000 | length, up to 16383).
 */
final class Per {
    /** Largest length a two-byte PER length determinant carries. */
    static final int MAX_LENGTH = 0x3FFF;

    private Per() {
    }

    /** Bytes a length determinant takes. */
    static int lengthSize(int length) {
        return length < 0x80 ? 1 : 2;
    }

    /** Writes a length determinant. */
    static void writeLength(ByteBuf out, int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("PER length " + length + " out of range 0.." + MAX_LENGTH);
        }
        if (length < 0x80) {
            out.writeByte(length);
        } else {
            out.writeShort(0x8000 | length);
        }
    }

    /** Reads a length determinant and checks that that many bytes follow (fragmented lengths are refused). */
    static int readLength(PduCursor r, String field) {
        int at = r.offset();
        int length = readLengthField(r, field);
        if (length > r.remaining()) {
            throw r.error(field, at, "length " + length + " runs past the end (" + r.remaining() + " bytes follow)");
        }
        return length;
    }

    /** Reads a length determinant without holding the bytes that follow to it (for lengths servers get wrong). */
    static int readLengthField(PduCursor r, String field) {
        int at = r.offset();
        int first = r.u8(field);
        int length;
        if ((first & 0x80) == 0) {
            length = first;
        } else if ((first & 0xC0) == 0x80) {
            length = ((first & 0x3F) << 8) | r.u8(field);
        } else {
            throw r.error(field, at, String.format("fragmented PER length (0x%02X) is not used by GCC", first));
        }
        return length;
    }
}
