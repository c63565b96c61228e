package dev.rdpprobe.testkit;

import java.util.EnumSet;
import java.util.Set;

/**
 * An RDP security protocol as the fake server sees it: one bit of RDP_NEG_REQ.requestedProtocols, or
 * the value of RDP_NEG_RSP.selectedProtocol ([MS-RDPBCGR] 2.2.1.1.1). Used to script what the server
 * selects ({@link Scenario#selecting(Protocol)}) and to read what the client asked for
 * ({@link RecordedConnection#requestedProtocols()}).
 */
public enum Protocol {
    /** Standard RDP Security: no bit; no TLS follows the Connection Confirm. */
    RDP(0),
    /** PROTOCOL_SSL: TLS, no CredSSP. */
    SSL(0x01),
    /** PROTOCOL_HYBRID: TLS, then CredSSP (NLA). */
    HYBRID(0x02),
    /** PROTOCOL_RDSTLS: TLS, then RDSTLS (redirected authentication). */
    RDSTLS(0x04),
    /** PROTOCOL_HYBRID_EX: TLS, then CredSSP with the Early User Authorization Result PDU. */
    HYBRID_EX(0x08),
    /** PROTOCOL_RDSAAD: TLS, then Azure AD authentication. */
    RDSAAD(0x10);

    private final int bit;

    Protocol(int bit) {
        this.bit = bit;
    }

    /** The protocol's bit on the wire ({@code 0} for {@link #RDP}). */
    public int bit() {
        return bit;
    }

    /** Whether TLS follows a Connection Confirm that selects this protocol. */
    public boolean startsTls() {
        return this != RDP;
    }

    /** The protocols whose bit is set in {@code bits} ({@link #RDP} is never in it); unknown bits are dropped. */
    static Set<Protocol> fromBits(int bits) {
        Set<Protocol> out = EnumSet.noneOf(Protocol.class);
        for (Protocol p : values()) {
            if (p.bit != 0 && (bits & p.bit) != 0) {
                out.add(p);
            }
        }
        return out;
    }

    /** The bits of these protocols ORed together. */
    static int bits(Set<Protocol> protocols) {
        int bits = 0;
        for (Protocol p : protocols) {
            bits |= p.bit;
        }
        return bits;
    }
}
