package dev.rdpprobe.tls;

import io.netty.buffer.ByteBuf;
import java.util.Locale;

/**
 * Judges from the first bytes a server sends after our ClientHello whether it speaks TLS at all, and
 * describes what it sent instead (an RDP/TPKT PDU, an HTTP response, a banner, binary data).
 *
 * <p>A TLS record starts with a content type 20..24, the major version 3, a minor version 0..4 and a
 * length of at most 2^14 + 2048 bytes.
 */
final class RecordSniffer {

    /** How many leading bytes the sniffer keeps for a preview. */
    static final int PREVIEW_BYTES = 64;

    private static final int MAX_RECORD_LENGTH = (1 << 14) + 2048;

    /** What the first bytes say. */
    enum Verdict {
        /** The bytes so far form a plausible TLS record header. */
        TLS,
        /** Too few bytes to tell, and nothing contradicts TLS yet. */
        NEED_MORE,
        /** The bytes cannot start a TLS record. */
        NOT_TLS
    }

    private RecordSniffer() {
    }

    /** Judges the first {@code length} bytes of {@code head}. */
    static Verdict classify(byte[] head, int length) {
        if (length >= 1) {
            int type = head[0] & 0xFF;
            if (type < 20 || type > 24) {
                return Verdict.NOT_TLS;
            }
        }
        if (length >= 2 && (head[1] & 0xFF) != 3) {
            return Verdict.NOT_TLS;
        }
        if (length >= 3 && (head[2] & 0xFF) > 4) {
            return Verdict.NOT_TLS;
        }
        if (length >= 5) {
            int recordLength = ((head[3] & 0xFF) << 8) | (head[4] & 0xFF);
            return recordLength == 0 || recordLength > MAX_RECORD_LENGTH ? Verdict.NOT_TLS : Verdict.TLS;
        }
        return Verdict.NEED_MORE;
    }

    /** Judges the readable bytes of {@code buf} without changing its indices. */
    static Verdict classify(ByteBuf buf) {
        byte[] head = head(buf);
        return classify(head, head.length);
    }

    /** Up to {@link #PREVIEW_BYTES} readable bytes of {@code buf}, indices untouched. */
    static byte[] head(ByteBuf buf) {
        byte[] head = new byte[Math.min(PREVIEW_BYTES, buf.readableBytes())];
        buf.getBytes(buf.readerIndex(), head);
        return head;
    }

    /**
     * Describes non-TLS bytes for a person: {@code an RDP/TPKT PDU (03 00 00 13 …)}, {@code "HTTP/1.1 400
     * Bad Request"}, or a hex dump.
     */
    static String preview(byte[] head, int length) {
        int n = Math.min(length, head.length);
        if (n == 0) {
            return "";
        }
        if (n >= 2 && head[0] == 0x03 && head[1] == 0x00) {
            return "an RDP/TPKT PDU (" + hex(head, Math.min(n, 16)) + ")";
        }
        int printable = 0;
        while (printable < n && isText(head[printable])) {
            printable++;
        }
        if (printable >= 4 && (printable == n || head[printable] == '\r' || head[printable] == '\n')) {
            String text = new String(head, 0, printable, java.nio.charset.StandardCharsets.US_ASCII);
            return "\"" + text + (printable == n && n == head.length ? "…" : "") + "\"";
        }
        return hex(head, Math.min(n, 16)) + (n > 16 ? " …" : "");
    }

    private static boolean isText(byte b) {
        return (b >= 0x20 && b < 0x7F) || b == '\t';
    }

    private static String hex(byte[] bytes, int n) {
        StringBuilder sb = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xFF));
        }
        return sb.toString();
    }
}
