package dev.rdpprobe.core.internal.pdu.x224;

/** X.224 TPDU codes used by RDP (high nibble; the low nibble, the credit, is always 0). */
public final class TpduCode {
    /** Connection Request. */
    public static final int CR = 0xE0;
    /** Connection Confirm. */
    public static final int CC = 0xD0;
    /** Disconnect Request. */
    public static final int DR = 0x80;
    /** Data. */
    public static final int DT = 0xF0;
    /** TPDU Error. */
    public static final int ER = 0x70;

    private TpduCode() {
    }

    /** A name for a code byte, e.g. "Connection Confirm (0xD0)". */
    public static String describe(int code) {
        String name;
        switch (code & 0xF0) {
            case CR: name = "Connection Request"; break;
            case CC: name = "Connection Confirm"; break;
            case DR: name = "Disconnect Request"; break;
            case DT: name = "Data"; break;
            case ER: name = "TPDU Error"; break;
            default: name = "unknown TPDU";
        }
        return String.format("X.224 %s (0x%02X)", name, code);
    }
}
