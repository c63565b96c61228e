package dev.rdpprobe.core.internal.pdu.ntlm;

import java.nio.charset.StandardCharsets;

/**
 * UTF-16LE text as NTLM carries it. Names are nearly always Latin-1 (every high byte zero); those are
 * decoded straight into a Latin-1 string, which yields exactly what the JDK's UTF-16LE decoder yields
 * without its decoder and buffers. Anything else goes through the JDK's decoder.
 */
final class Utf16 {

    private Utf16() {
    }

    /** Decodes {@code length} bytes (even) of {@code bytes} from {@code offset} as UTF-16LE. */
    static String decode(byte[] bytes, int offset, int length) {
        int chars = length >>> 1;
        for (int i = 0; i < chars; i++) {
            if (bytes[offset + 2 * i + 1] != 0) {
                return new String(bytes, offset, length, StandardCharsets.UTF_16LE);
            }
        }
        byte[] latin1 = new byte[chars];
        for (int i = 0; i < chars; i++) {
            latin1[i] = bytes[offset + 2 * i];
        }
        return new String(latin1, StandardCharsets.ISO_8859_1);
    }
}
