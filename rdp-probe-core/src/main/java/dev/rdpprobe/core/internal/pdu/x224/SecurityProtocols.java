package dev.rdpprobe.core.internal.pdu.x224;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A set of RDP security protocol bits, as in RDP_NEG_REQ.requestedProtocols and
 * RDP_NEG_RSP.selectedProtocol ([MS-RDPBCGR] 2.2.1.1.1). An open value: unknown bits are kept and
 * shown in hex.
 *
 * @param bits the raw 32-bit value
 */
public record SecurityProtocols(int bits) {

    /** Standard RDP Security: the value with no bit set. */
    public static final SecurityProtocols RDP = new SecurityProtocols(0);
    public static final int SSL = 0x01;
    public static final int HYBRID = 0x02;
    public static final int RDSTLS = 0x04;
    public static final int HYBRID_EX = 0x08;
    public static final int RDSAAD = 0x10;

    private static final int[] KNOWN = {SSL, HYBRID, RDSTLS, HYBRID_EX, RDSAAD};
    private static final String[] NAMES = {"SSL", "HYBRID", "RDSTLS", "HYBRID_EX", "RDSAAD"};

    /** What a current Windows client asks for: SSL | HYBRID | HYBRID_EX. */
    public static final SecurityProtocols DEFAULT_REQUEST = new SecurityProtocols(SSL | HYBRID | HYBRID_EX);

    /** Builds a set from bits. */
    public static SecurityProtocols of(int bits) {
        return new SecurityProtocols(bits);
    }

    /**
     * Parses names such as {@code "ssl,hybrid,hybrid_ex"} or {@code "rdp"} (case-insensitive; {@code rdp}
     * contributes no bit).
     *
     * @throws IllegalArgumentException naming the unknown entry and the accepted ones
     */
    public static SecurityProtocols parse(String csv) {
        int bits = 0;
        for (String raw : csv.split(",")) {
            String name = raw.trim().toUpperCase(Locale.ROOT);
            if (name.isEmpty() || name.equals("RDP") || name.equals("PROTOCOL_RDP")) {
                continue;
            }
            if (name.startsWith("PROTOCOL_")) {
                name = name.substring("PROTOCOL_".length());
            }
            int found = -1;
            for (int i = 0; i < NAMES.length; i++) {
                if (NAMES[i].equals(name)) {
                    found = KNOWN[i];
                }
            }
            if (found < 0) {
                throw new IllegalArgumentException("unknown security protocol '" + raw.trim()
                        + "'; use a comma-separated list of rdp, ssl, hybrid, hybrid_ex, rdstls, rdsaad");
            }
            bits |= found;
        }
        return new SecurityProtocols(bits);
    }

    /** Whether every bit of {@code flag} is set. */
    public boolean has(int flag) {
        return (bits & flag) == flag && flag != 0;
    }

    /** Standard RDP Security only (no bit set). */
    public boolean isStandardRdpSecurity() {
        return bits == 0;
    }

    /** Whether the selected protocol means TLS follows on the same connection. */
    public boolean requiresTls() {
        return (bits & (SSL | HYBRID | HYBRID_EX | RDSTLS | RDSAAD)) != 0;
    }

    /** Whether the selected protocol means CredSSP follows TLS. */
    public boolean requiresCredSsp() {
        return (bits & (HYBRID | HYBRID_EX)) != 0;
    }

    /**
     * Whether {@code selected} is a legitimate answer to this request: every selected bit was requested.
     * Standard RDP Security (no bit) is always admitted, since servers fall back to it (xrdp does so
     * when only HYBRID is requested); the probe reports that as a finding, not a failure.
     */
    public boolean admits(SecurityProtocols selected) {
        return (selected.bits & ~bits) == 0;
    }

    /** Names of the set bits, e.g. [SSL, HYBRID]; [RDP] for zero; unknown bits as hex. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        if (bits == 0) {
            out.add("RDP");
            return out;
        }
        int rest = bits;
        for (int i = 0; i < KNOWN.length; i++) {
            if ((bits & KNOWN[i]) != 0) {
                out.add(NAMES[i]);
                rest &= ~KNOWN[i];
            }
        }
        if (rest != 0) {
            out.add(String.format(Locale.ROOT, "0x%X", rest));
        }
        return out;
    }

    @Override
    public String toString() {
        return String.join("|", names());
    }
}
