package dev.rdpprobe.core.outcome;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A set of RDP security protocols as one requestedProtocols / selectedProtocol value of the X.224
 * negotiation. An open value: bits that name no known protocol are kept ({@link #bits()}) and shown in
 * hex. The empty set is Standard RDP Security alone ({@link SecurityProtocol#RDP}, which has no bit).
 */
public final class SecurityProtocolSet {

    /** The protocols in declaration order, copied once ({@code values()} copies its array at each call). */
    private static final SecurityProtocol[] ALL = SecurityProtocol.values();

    private static final int KNOWN_BITS = knownBits();

    /** What a current Windows client asks for: SSL | HYBRID | HYBRID_EX. */
    public static final SecurityProtocolSet DEFAULT_REQUEST =
            of(SecurityProtocol.SSL, SecurityProtocol.HYBRID, SecurityProtocol.HYBRID_EX);

    private final int bits;

    private SecurityProtocolSet(int bits) {
        this.bits = bits;
    }

    /** The set of these protocols ({@link SecurityProtocol#RDP} contributes no bit). */
    public static SecurityProtocolSet of(SecurityProtocol... protocols) {
        int bits = 0;
        for (SecurityProtocol p : protocols) {
            bits |= p.bit();
        }
        return new SecurityProtocolSet(bits);
    }

    /** The set a raw wire value stands for, unknown bits included. */
    public static SecurityProtocolSet fromBits(int bits) {
        return new SecurityProtocolSet(bits);
    }

    /**
     * Parses names such as {@code "ssl,hybrid,hybrid_ex"} or {@code "rdp"} (case-insensitive, as
     * {@link SecurityProtocol#parse}; empty entries are ignored).
     *
     * @throws IllegalArgumentException naming the unknown entry and the accepted ones
     */
    public static SecurityProtocolSet parse(String csv) {
        int bits = 0;
        for (String raw : csv.split(",")) {
            if (!raw.isBlank()) {
                bits |= SecurityProtocol.parse(raw).bit();
            }
        }
        return new SecurityProtocolSet(bits);
    }

    /** The raw 32-bit value. */
    public int bits() {
        return bits;
    }

    /**
     * Whether the set holds {@code protocol}; for {@link SecurityProtocol#RDP}, whether the set is Standard
     * RDP Security alone (no bit set).
     */
    public boolean contains(SecurityProtocol protocol) {
        return protocol == SecurityProtocol.RDP ? bits == 0 : (bits & protocol.bit()) != 0;
    }

    /** The known protocols of the set ({@code [RDP]} for no bit; unknown bits are left out). */
    public Set<SecurityProtocol> protocols() {
        Set<SecurityProtocol> out = EnumSet.noneOf(SecurityProtocol.class);
        for (SecurityProtocol p : ALL) {
            if (contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** The one protocol this value stands for, when it is exactly one known protocol (a selectedProtocol). */
    public Optional<SecurityProtocol> single() {
        return SecurityProtocol.fromBits(bits);
    }

    /** The bits that name no known protocol (0 when there are none). */
    public int unknownBits() {
        return bits & ~KNOWN_BITS;
    }

    /**
     * Whether {@code selected} is a legitimate answer to this request: every selected bit was requested.
     * Standard RDP Security (no bit) is always admitted, since servers fall back to it (xrdp does so when
     * only HYBRID is requested); the probe reports that as a finding, not a failure.
     */
    public boolean admits(SecurityProtocolSet selected) {
        return (selected.bits & ~bits) == 0;
    }

    /** Whether a selection of this value means TLS follows on the same connection (any protocol bit set). */
    public boolean requiresTls() {
        return (bits & KNOWN_BITS) != 0;
    }

    /** Whether a selection of this value means CredSSP follows TLS. */
    public boolean requiresCredSsp() {
        return contains(SecurityProtocol.HYBRID) || contains(SecurityProtocol.HYBRID_EX);
    }

    /** Names of the set bits in wire order, e.g. [SSL, HYBRID]; [RDP] for no bit; unknown bits as hex. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        if (bits == 0) {
            out.add(SecurityProtocol.RDP.name());
            return out;
        }
        for (SecurityProtocol p : ALL) {
            if (p != SecurityProtocol.RDP && contains(p)) {
                out.add(p.name());
            }
        }
        if (unknownBits() != 0) {
            out.add(String.format(Locale.ROOT, "0x%X", unknownBits()));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecurityProtocolSet other && other.bits == bits;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(bits);
    }

    /** The names joined by {@code |}, e.g. {@code SSL|HYBRID|HYBRID_EX}. */
    @Override
    public String toString() {
        return String.join("|", names());
    }

    private static int knownBits() {
        int bits = 0;
        for (SecurityProtocol p : ALL) {
            bits |= p.bit();
        }
        return bits;
    }
}
