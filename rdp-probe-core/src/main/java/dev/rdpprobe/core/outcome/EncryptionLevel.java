package dev.rdpprobe.core.outcome;

import java.util.Optional;

/** The Standard RDP Security encryption level a server enforces ([MS-RDPBCGR] 2.2.1.4.3 encryptionLevel). */
public enum EncryptionLevel {
    /** ENCRYPTION_LEVEL_NONE (0): no encryption (also the value with TLS). */
    NONE,
    /** ENCRYPTION_LEVEL_LOW (1): only client-to-server traffic is encrypted. */
    LOW,
    /** ENCRYPTION_LEVEL_CLIENT_COMPATIBLE (2): the strongest method the client supports. */
    CLIENT_COMPATIBLE,
    /** ENCRYPTION_LEVEL_HIGH (3): 128-bit keys or more in both directions. */
    HIGH,
    /** ENCRYPTION_LEVEL_FIPS (4): FIPS 140-1 methods only. */
    FIPS;

    /** The wire value. */
    public int wire() {
        return ordinal();
    }

    /** The level with this wire value, or empty for an unknown one. */
    public static Optional<EncryptionLevel> fromWire(long value) {
        return value >= 0 && value < values().length ? Optional.of(values()[(int) value]) : Optional.empty();
    }
}
