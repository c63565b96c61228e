package dev.rdpprobe.core.outcome;

import java.util.Locale;
import java.util.Optional;

/**
 * One RDP security protocol of the X.224 negotiation (RDP_NEG_REQ.requestedProtocols and
 * RDP_NEG_RSP.selectedProtocol, [MS-RDPBCGR] 2.2.1.1.1), with its wire bit.
 *
 * <p>{@link #RDP}, Standard RDP Security, is the value with no bit set.
 */
public enum SecurityProtocol {
    /** Standard RDP Security (PROTOCOL_RDP, no bit). */
    RDP(0),
    /** TLS (PROTOCOL_SSL). */
    SSL(0x01),
    /** CredSSP over TLS, i.e. NLA (PROTOCOL_HYBRID). */
    HYBRID(0x02),
    /** RDSTLS (PROTOCOL_RDSTLS). */
    RDSTLS(0x04),
    /** CredSSP with the Early User Authorization Result PDU (PROTOCOL_HYBRID_EX). */
    HYBRID_EX(0x08),
    /** Azure AD authentication (PROTOCOL_RDSAAD). */
    RDSAAD(0x10);

    private final int bit;

    SecurityProtocol(int bit) {
        this.bit = bit;
    }

    /** The protocol's bit in requestedProtocols / selectedProtocol (0 for {@link #RDP}). */
    public int bit() {
        return bit;
    }

    /** Whether TLS follows the X.224 negotiation on the same connection when the server selects this. */
    public boolean requiresTls() {
        return this != RDP;
    }

    /** Whether CredSSP follows TLS when the server selects this. */
    public boolean requiresCredSsp() {
        return this == HYBRID || this == HYBRID_EX;
    }

    /** The protocol whose wire value is exactly {@code bits} (0 is {@link #RDP}); empty for any other value. */
    public static Optional<SecurityProtocol> fromBits(int bits) {
        for (SecurityProtocol p : values()) {
            if (p.bit == bits) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The protocol named {@code name}, case-insensitive, with or without the spec's {@code PROTOCOL_} prefix
     * ({@code "hybrid_ex"}, {@code "PROTOCOL_SSL"}, {@code "rdp"}).
     *
     * @throws IllegalArgumentException naming the unknown name and the accepted ones
     */
    public static SecurityProtocol parse(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        if (n.startsWith("PROTOCOL_")) {
            n = n.substring("PROTOCOL_".length());
        }
        for (SecurityProtocol p : values()) {
            if (p.name().equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown security protocol '" + name.strip()
                + "'; use a comma-separated list of rdp, ssl, hybrid, hybrid_ex, rdstls, rdsaad");
    }
}
