package dev.rdpprobe.core.internal.pdu.rdpeudp;

import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;
import java.util.Locale;

/**
 * RDPUDP_CORRELATION_ID_PAYLOAD ([MS-RDPEUDP] 2.2.2.8): a 16-byte correlation id (big-endian GUID)
 * followed by 16 reserved zero bytes.
 *
 * <p>The spec's byte rules ("the most-significant byte SHOULD NOT be 0x00 or 0xF4; 0x0D SHOULD NOT be
 * used in any byte") are enforced by {@link #of(byte[])}, the factory for ids this side sends. Decoding
 * accepts any id, since the rules are SHOULDs, and ignores the reserved bytes.
 *
 * @param id the 16-byte correlation id (copied in and out)
 */
public record CorrelationIdPayload(byte[] id) {

    /** Encoded size in bytes: the id and the reserved bytes. */
    public static final int SIZE = 32;
    /** Length of the id itself. */
    public static final int ID_LENGTH = 16;

    /**
     * @throws IllegalArgumentException if the id is null or not 16 bytes
     */
    public CorrelationIdPayload {
        if (id == null || id.length != ID_LENGTH) {
            throw new IllegalArgumentException("a correlation id is " + ID_LENGTH + " bytes, was "
                    + (id == null ? "null" : id.length + " bytes"));
        }
        id = id.clone();
    }

    /**
     * A payload for an id this side sends, checked against the spec's byte rules.
     *
     * @param id 16 bytes; first byte neither 0x00 nor 0xF4, no byte 0x0D
     * @return the payload
     * @throws IllegalArgumentException naming the rule the id breaks
     */
    public static CorrelationIdPayload of(byte[] id) {
        CorrelationIdPayload payload = new CorrelationIdPayload(id);
        checkSpecRules(payload.id);
        return payload;
    }

    /**
     * Checks the byte rules of [MS-RDPEUDP] 2.2.2.8 (and of RDP_NEG_CORRELATION_INFO).
     *
     * @param id a 16-byte id
     * @throws IllegalArgumentException naming the rule the id breaks
     */
    public static void checkSpecRules(byte[] id) {
        if (id == null || id.length != ID_LENGTH) {
            throw new IllegalArgumentException("a correlation id is " + ID_LENGTH + " bytes, was "
                    + (id == null ? "null" : id.length + " bytes"));
        }
        if (id[0] == 0x00 || id[0] == (byte) 0xF4) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a correlation id must not start with 0x%02X ([MS-RDPEUDP] 2.2.2.8: not 0x00 or 0xF4)", id[0] & 0xFF));
        }
        for (int i = 0; i < id.length; i++) {
            if (id[i] == 0x0D) {
                throw new IllegalArgumentException("a correlation id must not contain the byte 0x0D (at index " + i
                        + "; [MS-RDPEUDP] 2.2.2.8)");
            }
        }
    }

    /** The id (a copy). */
    @Override
    public byte[] id() {
        return id.clone();
    }

    /**
     * Writes the id and 16 zero bytes.
     *
     * @param out where to write
     */
    public void encode(ByteBuf out) {
        out.writeBytes(id);
        out.writeZero(SIZE - ID_LENGTH);
    }

    /** Reads the 32 bytes at the cursor. */
    static CorrelationIdPayload decode(PduCursor datagram) {
        byte[] id = datagram.bytes(ID_LENGTH, "uCorrelationId");
        datagram.skip(SIZE - ID_LENGTH, "uReserved");
        return new CorrelationIdPayload(id);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CorrelationIdPayload that && Arrays.equals(id, that.id);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return "CorrelationIdPayload[" + ByteBufUtil.hexDump(id) + "]";
    }
}
