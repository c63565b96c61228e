package dev.rdpprobe.core.internal.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * The one bounded reader every decoder uses: a position in a window of a {@link ByteBuf} (or a byte
 * array), read forward with {@code u8 / u16le / u16be / u32le / bytes(n) / window(n)}. Every read is
 * checked against the window before anything is read or allocated, and every error is a
 * {@link MalformedPduException} naming the PDU, the field and the offset of the field from the first
 * byte of the PDU (not of the window), so that a nested structure's errors still point into the PDU.
 *
 * <p>The underlying buffer's indices are never moved. Not thread-safe; cheap to create.
 */
public final class PduCursor {
    private final String pdu;
    private final ByteBuf buf;
    /** Absolute index of the PDU's first byte: offsets count from here. */
    private final int origin;
    /** Absolute end of this window (exclusive). */
    private final int end;
    /** Absolute index of the next byte. */
    private int pos;

    private PduCursor(String pdu, ByteBuf buf, int origin, int pos, int end) {
        this.pdu = pdu;
        this.buf = buf;
        this.origin = origin;
        this.pos = pos;
        this.end = end;
    }

    /** A cursor over the readable bytes of {@code buf}; offset 0 is its reader index. */
    public static PduCursor over(String pdu, ByteBuf buf) {
        return over(pdu, buf, buf.readerIndex(), buf.writerIndex());
    }

    /** A cursor over {@code [start, end)} of {@code buf} (absolute indices); offset 0 is {@code start}. */
    public static PduCursor over(String pdu, ByteBuf buf, int start, int end) {
        Objects.requireNonNull(pdu, "pdu");
        if (start < 0 || end < start || end > buf.capacity()) {
            throw new IndexOutOfBoundsException("window [" + start + ", " + end + ") of a " + buf.capacity() + "-byte buffer");
        }
        return new PduCursor(pdu, buf, start, start, end);
    }

    /** A cursor over a whole array; offset 0 is its first byte. */
    public static PduCursor over(String pdu, byte[] bytes) {
        return over(pdu, Unpooled.wrappedBuffer(bytes));
    }

    /** The PDU being read, as errors name it. */
    public String pdu() {
        return pdu;
    }

    /** Offset of the next byte from the PDU's first byte. */
    public int offset() {
        return pos - origin;
    }

    /** Offset of the end of this window from the PDU's first byte. */
    public int endOffset() {
        return end - origin;
    }

    /** Bytes left in this window. */
    public int remaining() {
        return end - pos;
    }

    /** Whether bytes are left in this window. */
    public boolean hasMore() {
        return pos < end;
    }

    /** The next byte without reading it, or -1 at the end of the window. */
    public int peekU8() {
        return pos < end ? buf.getUnsignedByte(pos) : -1;
    }

    /** Reads an unsigned byte. */
    public int u8(String field) {
        need(1, field);
        return buf.getUnsignedByte(pos++);
    }

    /** Reads an unsigned 16-bit little-endian value. */
    public int u16le(String field) {
        need(2, field);
        int v = buf.getUnsignedShortLE(pos);
        pos += 2;
        return v;
    }

    /** Reads an unsigned 16-bit big-endian value. */
    public int u16be(String field) {
        need(2, field);
        int v = buf.getUnsignedShort(pos);
        pos += 2;
        return v;
    }

    /** Reads an unsigned 32-bit little-endian value. */
    public long u32le(String field) {
        need(4, field);
        long v = buf.getUnsignedIntLE(pos);
        pos += 4;
        return v;
    }

    /** Reads a 32-bit little-endian value as a (possibly negative) int. */
    public int i32le(String field) {
        need(4, field);
        int v = buf.getIntLE(pos);
        pos += 4;
        return v;
    }

    /** Reads an unsigned 32-bit big-endian value. */
    public long u32be(String field) {
        need(4, field);
        long v = buf.getUnsignedInt(pos);
        pos += 4;
        return v;
    }

    /** Reads {@code n} bytes into a new array (checked before the array is made). */
    public byte[] bytes(int n, String field) {
        need(n, field);
        byte[] out = new byte[n];
        buf.getBytes(pos, out);
        pos += n;
        return out;
    }

    /** Reads {@code n} bytes as text in {@code charset}. */
    public String string(int n, Charset charset, String field) {
        need(n, field);
        String s = buf.toString(pos, n, charset);
        pos += n;
        return s;
    }

    /** Skips {@code n} bytes. */
    public void skip(int n, String field) {
        need(n, field);
        pos += n;
    }

    /** The next {@code n} bytes as a window of their own (same PDU, same offsets); this cursor moves past them. */
    public PduCursor window(int n, String field) {
        need(n, field);
        PduCursor w = new PduCursor(pdu, buf, origin, pos, pos + n);
        pos += n;
        return w;
    }

    /**
     * The {@code n} bytes at {@code offset} (from the PDU's first byte) as a window, for fields that
     * point elsewhere in the PDU; they must lie between the PDU's first byte and the end of this window
     * (else the error is reported at the
     * current offset, where the pointer was read). This cursor does not move.
     */
    public PduCursor windowAt(long offset, long n, String field) {
        long from = origin + offset;
        if (offset < 0 || n < 0 || from + n > end) {
            throw error(field, offset(), "[" + offset + ", " + (offset + n) + ") lies outside the "
                    + endOffset() + "-byte PDU");
        }
        return new PduCursor(pdu, buf, origin, (int) from, (int) (from + n));
    }

    /** Moves to {@code offset} (from the PDU's first byte), which must lie in this window (its end included). */
    public void seek(int offset, String field) {
        long to = (long) origin + offset;
        if (offset < 0 || to > end) {
            throw error(field, offset(), "offset " + offset + " lies outside the " + endOffset() + "-byte PDU");
        }
        pos = (int) to;
    }

    /** The rest of this window as a slice of the buffer (no copy, no new reference); the cursor moves to the end. */
    public ByteBuf restAsSlice() {
        ByteBuf slice = buf.slice(pos, end - pos);
        pos = end;
        return slice;
    }

    /** Throws unless the window is read to its end. */
    public void expectEnd(String field) {
        if (pos < end) {
            throw error(field, offset(), (end - pos) + " unexpected trailing bytes");
        }
    }

    /** An error about {@code field} at {@code offset} from the PDU's first byte. */
    public MalformedPduException error(String field, int offset, String detail) {
        return new MalformedPduException(pdu, field, offset, detail);
    }

    /** An error about {@code field} at the current offset. */
    public MalformedPduException error(String field, String detail) {
        return error(field, offset(), detail);
    }

    private void need(int n, String field) {
        if (n < 0 || n > end - pos) {
            throw error(field, offset(), n < 0 ? "negative length " + n
                    : "needs " + n + " bytes, " + (end - pos) + " left (the PDU ends at offset " + endOffset() + ")");
        }
    }
}
