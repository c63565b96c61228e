package dev.rdpprobe.core.internal.pdu.credssp;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
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
        int start = in.readerIndex();
        int readable = in.readableBytes();
        if (readable < 1) {
            return -1;
        }
        int tag = in.getUnsignedByte(start);
        if (tag != DerReader.SEQUENCE) {
            throw new MalformedPduException(PDU, "tag", 0, String.format(java.util.Locale.ROOT,
                    "expected 0x30 (SEQUENCE), found 0x%02X", tag));
        }
        if (readable < 2) {
            return -1;
        }
        int first = in.getUnsignedByte(start + 1);
        long content;
        int header;
        if (first < 0x80) {
            content = first;
            header = 2;
        } else if (first == 0x80) {
            throw new MalformedPduException(PDU, "length", 1, "indefinite length is not allowed");
        } else {
            int n = first & 0x7F;
            if (n > 4) {
                throw new MalformedPduException(PDU, "length", 1, n + " length bytes (at most 4)");
            }
            if (readable < 2 + n) {
                return -1;
            }
            content = 0;
            for (int i = 0; i < n; i++) {
                content = (content << 8) | in.getUnsignedByte(start + 2 + i);
            }
            header = 2 + n;
        }
        long total = header + content;
        if (total > cap) {
            throw new MalformedPduException(PDU, "length", 1, "message of " + total + " bytes exceeds the cap of "
                    + cap + " bytes");
        }
        return (int) total;
    }
}
