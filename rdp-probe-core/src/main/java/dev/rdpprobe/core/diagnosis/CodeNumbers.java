package dev.rdpprobe.core.diagnosis;

import java.util.Locale;

/** Hex notation of the 32-bit unsigned codes in the data tables. */
final class CodeNumbers {

    /** The largest 32-bit unsigned value. */
    static final long MAX = 0xFFFF_FFFFL;

    private CodeNumbers() {
    }

    /**
     * Parses {@code 0x}-prefixed hex, as the data files write it.
     *
     * @throws IllegalArgumentException if it is not 0x-hex of at most 32 bits
     */
    static long parseHex(String text) {
        String s = text.trim();
        if (!s.matches("0[xX][0-9A-Fa-f]{1,8}")) {
            throw new IllegalArgumentException("'" + text + "' is not a 0x-prefixed hex number of at most 32 bits");
        }
        return Long.parseLong(s.substring(2), 16);
    }

    /** {@code 0x904}: upper-case hex digits, no padding, as mstsc shows codes. */
    static String hex(long value) {
        return "0x" + Long.toHexString(value).toUpperCase(Locale.ROOT);
    }
}
