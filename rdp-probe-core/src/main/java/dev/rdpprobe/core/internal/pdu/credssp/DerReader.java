package dev.rdpprobe.core.internal.pdu.credssp;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;
import java.util.Locale;

/**
 * A small, bounded DER/BER reader over a window of a {@link ByteBuf}, for the handful of shapes
 * CredSSP and SPNEGO use. Core must not depend on BouncyCastle (design.md), so this replaces its
 * ASN.1 parser. It reads through a {@link PduCursor} and parses lengths with {@link DerLength}. Rules: single-byte tags only; definite lengths only (short form or 1–4 length
 * bytes; non-minimal forms are accepted as BER allows); every length is checked against the bytes
 * left in the enclosing element before anything is read or allocated. Reads use absolute indices;
 * the underlying buffer's indices are never moved. Errors carry offsets from the PDU start.
 */
final class DerReader {

    /** Universal INTEGER. */
    static final int INTEGER = 0x02;
    /** Universal BIT STRING. */
    static final int BIT_STRING = 0x03;
    /** Universal OCTET STRING (primitive). */
    static final int OCTET_STRING = 0x04;
    /** Universal OBJECT IDENTIFIER. */
    static final int OID = 0x06;
    /** Universal ENUMERATED. */
    static final int ENUMERATED = 0x0A;
    /** Universal SEQUENCE (constructed). */
    static final int SEQUENCE = 0x30;
    /** Application 0, constructed: the GSS-API InitialContextToken wrapper. */
    static final int APPLICATION_0 = 0x60;

    private final PduCursor cursor;

    private DerReader(PduCursor cursor) {
        this.cursor = cursor;
    }

    /** A reader over {@code [start, end)} (absolute), offsets counted from {@code start}. */
    static DerReader over(String pdu, ByteBuf buf, int start, int end) {
        return new DerReader(PduCursor.over(pdu, buf, start, end));
    }

    /** A context-specific constructed tag, e.g. {@code context(1)} = 0xA1. */
    static int context(int number) {
        return 0xA0 | number;
    }

    boolean hasMore() {
        return cursor.hasMore();
    }

    /** The next tag byte, or -1 at the end. */
    int peekTag() {
        return cursor.peekU8();
    }

    /** Current offset from the PDU start. */
    int offset() {
        return cursor.offset();
    }

    /** Bytes left in this window. */
    int remaining() {
        return cursor.remaining();
    }

    MalformedPduException malformed(String field, int offset, String detail) {
        return cursor.error(field, offset, detail);
    }

    /**
     * Reads the next element's header, checks its tag, and returns a reader over its content; this
     * reader moves past the element.
     */
    DerReader enter(int tag, String field) {
        int headerOffset = offset();
        if (!cursor.hasMore()) {
            throw malformed(field, headerOffset, String.format(Locale.ROOT, "missing (expected tag 0x%02X)", tag));
        }
        int found = cursor.peekU8();
        if (found != tag) {
            throw malformed(field, headerOffset, String.format(Locale.ROOT, "expected tag 0x%02X, found 0x%02X", tag, found));
        }
        return enterAny(field);
    }

    /** Like {@link #enter} but accepts any tag (the caller has peeked it). */
    DerReader enterAny(String field) {
        int headerOffset = offset();
        if (!cursor.hasMore()) {
            throw malformed(field, headerOffset, "missing");
        }
        cursor.u8(field);
        if (!cursor.hasMore()) {
            throw malformed(field, headerOffset + 1, "length missing: element truncated");
        }
        int first = cursor.u8(field);
        int extra = DerLength.extraOctets(first, cursor.pdu(), field, headerOffset + 1);
        if (cursor.remaining() < extra) {
            throw malformed(field, headerOffset + 1, "length truncated: " + extra + " length bytes announced, "
                    + cursor.remaining() + " present");
        }
        long length = DerLength.value(first, cursor, extra, field);
        if (length > cursor.remaining()) {
            throw malformed(field, headerOffset + 1, "length " + length + " exceeds the " + cursor.remaining()
                    + " bytes left in the enclosing element");
        }
        return new DerReader(cursor.window((int) length, field));
    }

    /** Skips the next element whatever its tag. */
    void skip(String field) {
        enterAny(field);
    }

    /** Moves to the end of this window without reading. */
    void skipRest() {
        cursor.skip(cursor.remaining(), "rest");
    }

    /** Throws if bytes are left in this window. */
    void expectEnd(String field) {
        cursor.expectEnd(field);
    }

    /** The rest of this window as bytes (bounded by the window, which was checked). */
    byte[] remainingBytes() {
        return cursor.bytes(cursor.remaining(), "content");
    }

    /** The rest of this window as a slice of the input (no copy), for handing to another decoder; moves to the end. */
    ByteBuf remainingSlice() {
        return cursor.restAsSlice();
    }

    /** Reads an OCTET STRING element's content. */
    byte[] octetString(String field) {
        return enter(OCTET_STRING, field).remainingBytes();
    }

    /**
     * Reads an INTEGER (two's complement, big-endian) of 1 to {@code maxBytes} content bytes (at most 8).
     */
    long integer(String field, int tag, int maxBytes) {
        int at = offset();
        DerReader content = enter(tag, field);
        int n = content.remaining();
        if (n == 0) {
            throw malformed(field, at, "empty INTEGER");
        }
        if (n > maxBytes) {
            throw malformed(field, at, n + "-byte INTEGER (at most " + maxBytes + ")");
        }
        long value = (byte) content.cursor.u8(field);
        for (int i = 1; i < n; i++) {
            value = (value << 8) | content.cursor.u8(field);
        }
        return value;
    }

    /** Reads an OBJECT IDENTIFIER as dotted text, e.g. "1.3.6.1.5.5.2". */
    String oid(String field) {
        int at = offset();
        DerReader content = enter(OID, field);
        if (content.remaining() == 0) {
            throw malformed(field, at, "empty OBJECT IDENTIFIER");
        }
        StringBuilder text = new StringBuilder();
        long arc = 0;
        int arcBytes = 0;
        boolean first = true;
        while (content.hasMore()) {
            int b = content.cursor.u8(field);
            if (++arcBytes > 8) {
                throw malformed(field, at, "OID arc longer than 8 bytes");
            }
            arc = (arc << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                if (first) {
                    int top = arc < 40 ? 0 : arc < 80 ? 1 : 2;
                    text.append(top).append('.').append(arc - 40L * top);
                    first = false;
                } else {
                    text.append('.').append(arc);
                }
                arc = 0;
                arcBytes = 0;
            }
        }
        if (arcBytes != 0) {
            throw malformed(field, at, "OID ends inside an arc");
        }
        return text.toString();
    }
}
