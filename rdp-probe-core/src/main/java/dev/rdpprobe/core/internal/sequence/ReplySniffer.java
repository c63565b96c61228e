package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.outcome.ForeignProtocol;
import java.util.HexFormat;

/** Tells what a non-RDP reply looks like from its first bytes, and renders a short safe preview. */
public final class ReplySniffer {
    /** Bytes kept for classification and preview. */
    public static final int SNIFF_LENGTH = 48;

    private ReplySniffer() {
    }

    /** Classifies the first bytes of a reply. */
    public static ForeignProtocol classify(byte[] first) {
        if (first.length == 0) {
            return ForeignProtocol.UNKNOWN;
        }
        int b0 = first[0] & 0xFF;
        if ((b0 == 0x15 || b0 == 0x16 || b0 == 0x14 || b0 == 0x17) && first.length >= 3 && first[1] == 0x03 && (first[2] & 0xFF) <= 0x04) {
            return ForeignProtocol.TLS;
        }
        if (startsWith(first, "HTTP/")) {
            return ForeignProtocol.HTTP;
        }
        if (startsWith(first, "SSH-")) {
            return ForeignProtocol.SSH;
        }
        if (printablePrefix(first) >= Math.min(4, first.length)) {
            return ForeignProtocol.TEXT_BANNER;
        }
        return ForeignProtocol.UNKNOWN;
    }

    /** A preview: the printable first line (quoted, at most 40 chars) for text, else up to 16 bytes in hex. */
    public static String preview(byte[] first) {
        if (first.length == 0) {
            return "";
        }
        int printable = printablePrefix(first);
        if (printable >= Math.min(4, first.length)) {
            StringBuilder sb = new StringBuilder("\"");
            for (int i = 0; i < Math.min(printable, 40); i++) {
                sb.append((char) first[i]);
            }
            if (printable > 40) {
                sb.append('…');
            }
            return sb.append('"').toString();
        }
        int n = Math.min(16, first.length);
        return HexFormat.ofDelimiter(" ").formatHex(first, 0, n) + (first.length > n ? " …" : "");
    }

    private static int printablePrefix(byte[] b) {
        int i = 0;
        while (i < b.length && b[i] >= 0x20 && b[i] < 0x7F) {
            i++;
        }
        return i;
    }

    private static boolean startsWith(byte[] b, String prefix) {
        if (b.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
