package dev.rdpprobe.core.internal.pdu.credssp;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;

/**
 * Frames CredSSP messages inside TLS: they carry no TPKT header, so a message is one DER SEQUENCE
 * and its size comes from the DER header (byte 0x30, then a definite length: short form or
 * {@code 0x81}–{@code 0x84} followed by 1–4 big-endian bytes).
 */
public final class DerFraming {

    /** PDU name in errors. */
    public static final String PDU = "TSRequest";

    private DerFraming() {
    }

    /**
     * The total length (header + content) of the DER element starting at the reader index, without
     * moving any index.
     *
     * @param in received bytes
     * @param cap the largest acceptable total length
     * @return the total length, or -1 if the header is not complete yet
     * @throws MalformedPduException if the first byte is not 0x30, the length is indefinite or has more
     *     than 4 length bytes, or the total exceeds {@code cap}
     */
    public static int frameLength(ByteBuf in, int cap) {
        PduCursor header = PduCursor.over(PDU, in);
        if (!header.hasMore()) {
            return -1;
        }
        int tag = header.u8("tag");
        if (tag != DerReader.SEQUENCE) {
            throw header.error("tag", 0, String.format(java.util.Locale.ROOT, "expected 0x30 (SEQUENCE), found 0x%02X", tag));
        }
        if (!header.hasMore()) {
            return -1;
        }
        int first = header.u8("length");
        int extra = DerLength.extraOctets(first, PDU, "length", 1);
        if (header.remaining() < extra) {
            return -1;
        }
        long content = DerLength.value(first, header, extra, "length");
        int headerLength = 2 + extra;
        long total = headerLength + content;
        if (total > cap) {
            throw new MalformedPduException(PDU, "length", 1, "message of " + total + " bytes exceeds the cap of "
                    + cap + " bytes");
        }
        return (int) total;
    }
}
