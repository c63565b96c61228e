package dev.rdpprobe.core.internal.pdu.tpkt;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;

/**
 * The TPKT header (RFC 1006): version 3, reserved, 16-bit big-endian length including the header.
 */
public final class Tpkt {
    /** Header size. */
    public static final int HEADER_LENGTH = 4;
    /** TPKT version byte. */
    public static final int VERSION = 3;
    /** Smallest meaningful TPKT: header + a 3-byte data TPDU. */
    public static final int MIN_LENGTH = 7;
    /** Largest TPKT. */
    public static final int MAX_LENGTH = 0xFFFF;

    private Tpkt() {
    }

    /**
     * The total length of the TPKT starting at the reader index, or -1 if fewer than 4 bytes are
     * readable. Does not move the reader index.
     *
     * @throws MalformedPduException if the version is not 3 or the length is below 7
     */
    public static int frameLength(ByteBuf in) {
        PduCursor header = PduCursor.over("TPKT", in);
        if (!header.hasMore()) {
            return -1;
        }
        int version = header.u8("version");
        if (version != VERSION) {
            throw badVersion(version);
        }
        if (header.remaining() < HEADER_LENGTH - 1) {
            return -1;
        }
        header.skip(1, "reserved");
        int length = header.u16be("length");
        if (length < MIN_LENGTH) {
            throw header.error("length", 2, "length " + length + " is below the minimum of " + MIN_LENGTH);
        }
        return length;
    }

    private static MalformedPduException badVersion(int version) {
        return new MalformedPduException("TPKT", "version", 0, String.format("expected 0x03, got 0x%02X", version));
    }

    /**
     * Checks the TPKT header of the frame at the reader index of {@code in} and that the whole frame
     * is readable, consumes the frame from {@code in}, and returns a cursor over it positioned after
     * the header (offsets count from the TPKT's first byte).
     *
     * @param pdu the PDU the frame should carry, as errors name it
     * @throws MalformedPduException if the header is short or wrong, or the frame is not all there
     */
    public static PduCursor open(ByteBuf in, String pdu) {
        PduCursor header = PduCursor.over(pdu, in);
        int available = header.remaining();
        if (available < HEADER_LENGTH) {
            throw header.error("TPKT header", 0, "only " + available + " bytes, need 4");
        }
        int version = header.u8("TPKT version");
        if (version != VERSION) {
            throw header.error("TPKT version", 0, String.format("expected 0x03, got 0x%02X", version));
        }
        header.skip(1, "TPKT reserved");
        int length = header.u16be("TPKT length");
        if (length < MIN_LENGTH) {
            throw header.error("TPKT length", 2, "length " + length + " is below the minimum of 7");
        }
        if (length > available) {
            throw header.error("TPKT length", 2, "length " + length + " exceeds the " + available + " bytes present");
        }
        int start = in.readerIndex();
        in.skipBytes(length);
        PduCursor frame = PduCursor.over(pdu, in, start, start + length);
        frame.skip(HEADER_LENGTH, "TPKT header");
        return frame;
    }

    /** Writes a TPKT header for a PDU of {@code totalLength} bytes (header included). */
    public static void writeHeader(ByteBuf out, int totalLength) {
        if (totalLength < MIN_LENGTH || totalLength > MAX_LENGTH) {
            throw new IllegalArgumentException("TPKT length " + totalLength + " out of range " + MIN_LENGTH + ".." + MAX_LENGTH);
        }
        out.writeByte(VERSION);
        out.writeByte(0);
        out.writeShort(totalLength);
    }
}
