package dev.rdpprobe.core.outcome;

import java.util.Optional;

/**
 * A Standard RDP Security encryption method ([MS-RDPBCGR] 2.2.1.4.3 encryptionMethod): what a server
 * chose, or what the enumeration offered one at a time.
 */
public enum EncryptionMethod {
    /** ENCRYPTION_METHOD_NONE: no encryption (the server's choice at level NONE, or with TLS). */
    NONE(0x00, "none"),
    /** ENCRYPTION_METHOD_40BIT: 40-bit RC4. */
    RC4_40BIT(0x01, "40-bit RC4"),
    /** ENCRYPTION_METHOD_56BIT: 56-bit RC4. */
    RC4_56BIT(0x08, "56-bit RC4"),
    /** ENCRYPTION_METHOD_128BIT: 128-bit RC4. */
    RC4_128BIT(0x02, "128-bit RC4"),
    /** ENCRYPTION_METHOD_FIPS: 3DES with SHA-1 (FIPS 140-1). */
    FIPS(0x10, "FIPS 140-1 (3DES)");

    private final int wire;
    private final String label;

    EncryptionMethod(int wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    /** The wire value (a single bit; 0 for NONE). */
    public int wire() {
        return wire;
    }

    /** A readable name, e.g. "40-bit RC4". */
    public String label() {
        return label;
    }

    /** Whether this is 40- or 56-bit RC4, which rdp-sec-check reports as weak. */
    public boolean isWeak() {
        return this == RC4_40BIT || this == RC4_56BIT;
    }

    /** The method with this wire value, or empty for a value that is not one method. */
    public static Optional<EncryptionMethod> fromWire(long value) {
        for (EncryptionMethod m : values()) {
            if (m.wire == value) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
