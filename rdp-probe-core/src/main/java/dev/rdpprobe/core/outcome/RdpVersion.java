package dev.rdpprobe.core.outcome;

import java.util.Locale;

/**
 * The RDP version a server states in TS_UD_SC_CORE.version ([MS-RDPBCGR] 2.2.1.4.2), with the raw value kept.
 *
 * @param value the raw 32-bit value, e.g. 0x00080004
 */
public record RdpVersion(long value) {

    /** 0x00080001: RDP 4.0. */
    public static final long RDP_4 = 0x00080001L;
    /** 0x00080004: RDP 5.0 to 8.1 (one value for all of them). */
    public static final long RDP_5_TO_8 = 0x00080004L;
    /** 0x00080005: RDP 10.0; each later minor version adds one. */
    public static final long RDP_10_0 = 0x00080005L;
    /** The newest value [MS-RDPBCGR] names: 0x00080011, RDP 10.12. */
    public static final long NEWEST_KNOWN = 0x00080011L;

    /** Whether the value is RDP 10.0 or later. */
    public boolean isRdp10OrLater() {
        return value >= RDP_10_0 && value <= 0x000800FFL;
    }

    /** The name, e.g. "RDP 5.0–8.1", "RDP 10.7"; "unknown (0x…)" for a value outside the known scheme. */
    public String name() {
        if (value == RDP_4) {
            return "RDP 4.0";
        }
        if (value == RDP_5_TO_8) {
            return "RDP 5.0–8.1";
        }
        if (isRdp10OrLater()) {
            String name = "RDP 10." + (value - RDP_10_0);
            return value > NEWEST_KNOWN ? name + " (newer than the versions [MS-RDPBCGR] lists)" : name;
        }
        return String.format(Locale.ROOT, "unknown (0x%08X)", value);
    }

    /** The raw value in hex, e.g. "0x00080004". */
    public String hex() {
        return String.format(Locale.ROOT, "0x%08X", value);
    }

    @Override
    public String toString() {
        return name() + " (" + hex() + ")";
    }
}
