package dev.rdpprobe.core.internal.pdu.x224;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.tpkt.Tpkt;
import io.netty.buffer.ByteBuf;

/**
 * Bounds-checked reads over one TPKT frame, with offsets relative to the frame start, so every
 * error names the PDU, field and offset.
 */
final class FrameReader {
    private final ByteBuf buf;
    private final int start;
    private final int end;
    private final String pdu;

    private FrameReader(ByteBuf buf, int start, int end, String pdu) {
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.pdu = pdu;
    }

    /**
     * Checks the TPKT header of the frame at the reader index of {@code in} and that the whole frame
     * is readable, then consumes it from {@code in}.
     */
    static FrameReader open(ByteBuf in, String pdu) {
        int start = in.readerIndex();
        int available = in.readableBytes();
        if (available < Tpkt.HEADER_LENGTH) {
            throw new MalformedPduException(pdu, "TPKT header", 0, "only " + available + " bytes, need 4");
        }
        int version = in.getUnsignedByte(start);
        if (version != Tpkt.VERSION) {
            throw new MalformedPduException(pdu, "TPKT version", 0, String.format("expected 0x03, got 0x%02X", version));
        }
        int length = in.getUnsignedShort(start + 2);
        if (length < Tpkt.MIN_LENGTH) {
            throw new MalformedPduException(pdu, "TPKT length", 2, "length " + length + " is below the minimum of 7");
        }
        if (length > available) {
            throw new MalformedPduException(pdu, "TPKT length", 2, "length " + length + " exceeds the " + available + " bytes present");
        }
        in.skipBytes(length);
        return new FrameReader(in, start, start + length, pdu);
    }

    int length() {
        return end - start;
    }

    int u8(int offset, String field) {
        need(offset, 1, field);
        return buf.getUnsignedByte(start + offset);
    }

    int u16be(int offset, String field) {
        need(offset, 2, field);
        return buf.getUnsignedShort(start + offset);
    }

    int u16le(int offset, String field) {
        need(offset, 2, field);
        return buf.getUnsignedShortLE(start + offset);
    }

    int i32le(int offset, String field) {
        need(offset, 4, field);
        return buf.getIntLE(start + offset);
    }

    byte[] bytes(int offset, int count, String field) {
        need(offset, count, field);
        byte[] out = new byte[count];
        buf.getBytes(start + offset, out);
        return out;
    }

    /** Offset of the first CR LF at or after {@code from} and before {@code limit}, or -1. */
    int indexOfCrLf(int from, int limit) {
        for (int i = from; i + 1 < limit && start + i + 1 < end; i++) {
            if (buf.getByte(start + i) == '\r' && buf.getByte(start + i + 1) == '\n') {
                return i;
            }
        }
        return -1;
    }

    boolean startsWith(int offset, byte[] prefix, int limit) {
        if (offset + prefix.length > limit) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf.getByte(start + offset + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    MalformedPduException error(String field, int offset, String detail) {
        return new MalformedPduException(pdu, field, offset, detail);
    }

    private void need(int offset, int count, String field) {
        if (offset < 0 || count < 0 || start + offset + count > end) {
            throw new MalformedPduException(pdu, field, offset,
                    "needs " + count + " bytes but the PDU ends at " + (end - start));
        }
    }
}
