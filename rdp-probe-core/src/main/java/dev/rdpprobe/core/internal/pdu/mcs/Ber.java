package dev.rdpprobe.core.internal.pdu.mcs;

import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;

/**
 * The BER subset of T.125's Connect PDUs: definite lengths (short form, or long form of one to three
 * bytes), INTEGER, ENUMERATED, BOOLEAN, OCTET STRING and SEQUENCE. Integers are written as Windows and
 * [MS-RDPBCGR] 4.1.3 write them: the value's unsigned bytes, shortest first ({@code 0xFFFF} is
 * {@code 02 02 FF FF}).
 */
final class Ber {
    static final int TAG_BOOLEAN = 0x01;
    static final int TAG_INTEGER = 0x02;
    static final int TAG_OCTET_STRING = 0x04;
    static final int TAG_ENUMERATED = 0x0A;
    static final int TAG_SEQUENCE = 0x30;

    private Ber() {
    }

    /** Bytes a definite length takes. */
    static int lengthSize(int length) {
        if (length < 0x80) {
            return 1;
        }
        return length <= 0xFF ? 2 : length <= 0xFFFF ? 3 : 4;
    }

    /** Writes a definite length; values from 0x80 in the long form, two bytes from 0x100 (as Windows does). */
    static void writeLength(ByteBuf out, int length) {
        if (length < 0x80) {
            out.writeByte(length);
        } else if (length <= 0xFF) {
            out.writeByte(0x81).writeByte(length);
        } else if (length <= 0xFFFF) {
            out.writeByte(0x82).writeShort(length);
        } else {
            out.writeByte(0x83).writeMedium(length);
        }
    }

    /** Bytes of an unsigned value's content, at least one. */
    static int unsignedSize(long value) {
        int n = 1;
        while (n < 8 && (value >>> (8 * n)) != 0) {
            n++;
        }
        return n;
    }

    /** Whole size of an INTEGER (tag, length, content). */
    static int integerSize(long value) {
        return 2 + unsignedSize(value);
    }

    /** Writes an INTEGER with the value's unsigned bytes. */
    static void writeInteger(ByteBuf out, long value) {
        int n = unsignedSize(value);
        out.writeByte(TAG_INTEGER).writeByte(n);
        for (int i = n - 1; i >= 0; i--) {
            out.writeByte((int) (value >>> (8 * i)));
        }
    }

    /**
     * Reads a definite length at the cursor and checks that that many bytes follow.
     *
     * @throws dev.rdpprobe.core.internal.pdu.MalformedPduException on an indefinite or over-long length, or one past the end
     */
    static int readLength(PduCursor r, String field) {
        int at = r.offset();
        int first = r.u8(field);
        int length;
        if (first < 0x80) {
            length = first;
        } else {
            int n = first & 0x7F;
            if (n == 0) {
                throw r.error(field, at, "indefinite length (0x80) is not allowed in a definite-length encoding");
            }
            if (n > 3) {
                throw r.error(field, at, "a " + n + "-byte length is longer than any MCS PDU");
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | r.u8(field);
            }
        }
        if (length > r.remaining()) {
            throw r.error(field, at, "length " + length + " runs past the end (" + r.remaining() + " bytes follow)");
        }
        return length;
    }

    /** Reads a one-byte tag and checks it. */
    static void expectTag(PduCursor r, int tag, String field) {
        int at = r.offset();
        int got = r.u8(field);
        if (got != tag) {
            throw r.error(field, at, String.format("expected tag 0x%02X, got 0x%02X", tag, got));
        }
    }

    /** Reads a tagged TLV's content as a window of its own. */
    static PduCursor readTlv(PduCursor r, int tag, String field) {
        expectTag(r, tag, field);
        return r.window(readLength(r, field), field);
    }

    /**
     * Reads an INTEGER or ENUMERATED of up to four content bytes as an unsigned value (as Windows writes
     * them; a leading zero byte is allowed).
     */
    static long readUnsigned(PduCursor r, int tag, String field) {
        int at = r.offset();
        PduCursor content = readTlv(r, tag, field);
        int n = content.remaining();
        if (n == 0 || n > 5 || (n == 5 && content.peekU8() != 0)) {
            throw r.error(field, at, "a " + n + "-byte integer is out of range");
        }
        long value = 0;
        while (content.hasMore()) {
            value = (value << 8) | content.u8(field);
        }
        return value;
    }
}
