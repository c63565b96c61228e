package dev.rdpprobe.core.internal.pdu.tpkt;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
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
        if (in.readableBytes() < HEADER_LENGTH) {
            if (in.readableBytes() >= 1 && in.getUnsignedByte(in.readerIndex()) != VERSION) {
                throw badVersion(in.getUnsignedByte(in.readerIndex()));
            }
            return -1;
        }
        int start = in.readerIndex();
        int version = in.getUnsignedByte(start);
        if (version != VERSION) {
            throw badVersion(version);
        }
        int length = in.getUnsignedShort(start + 2);
        if (length < MIN_LENGTH) {
            throw new MalformedPduException("TPKT", "length", 2, "length " + length + " is below the minimum of " + MIN_LENGTH);
        }
        return length;
    }

    private static MalformedPduException badVersion(int version) {
        return new MalformedPduException("TPKT", "version", 0, String.format("expected 0x03, got 0x%02X", version));
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
