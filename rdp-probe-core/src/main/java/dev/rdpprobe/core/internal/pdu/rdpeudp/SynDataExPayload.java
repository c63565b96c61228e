package dev.rdpprobe.core.internal.pdu.rdpeudp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;
import java.util.Locale;

/**
 * RDPUDP_SYNDATAEX_PAYLOAD ([MS-RDPEUDP] 2.2.2.9): uSynExFlags, uUdpVer, and (only in a client SYN
 * offering version 3) a 32-byte cookieHash.
 *
 * @param synExFlags uSynExFlags; {@link #VERSION_INFO_VALID} says uUdpVer is meaningful
 * @param udpVersion uUdpVer: {@link #VERSION_1}, {@link #VERSION_2}, {@link #VERSION_3}, or an unknown value as received
 * @param cookieHash SHA-256 of the TCP-side securityCookie (32 bytes), or {@code null}; only with {@link #VERSION_3}
 */
public record SynDataExPayload(int synExFlags, int udpVersion, byte[] cookieHash) {

    /** Size without the cookie hash. */
    public static final int SIZE = 4;
    /** Length of the cookie hash. */
    public static final int COOKIE_HASH_LENGTH = 32;
    /** RDPUDP_VERSION_INFO_VALID. */
    public static final int VERSION_INFO_VALID = 0x0001;
    /** RDPUDP_PROTOCOL_VERSION_1 (retransmit floor 500 ms). */
    public static final int VERSION_1 = 0x0001;
    /** RDPUDP_PROTOCOL_VERSION_2 (retransmit floor 300 ms). */
    public static final int VERSION_2 = 0x0002;
    /** RDPUDP_PROTOCOL_VERSION_3: data transfer per MS-RDPEUDP2; a client SYN offering it carries a cookie hash. */
    public static final int VERSION_3 = 0x0101;

    /**
     * @throws IllegalArgumentException if a field does not fit 16 bits, or a cookie hash is not 32 bytes
     *     or comes with a version other than 3
     */
    public SynDataExPayload {
        if ((synExFlags & ~0xFFFF) != 0 || (udpVersion & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("uSynExFlags and uUdpVer are 16-bit values, were "
                    + synExFlags + " and " + udpVersion);
        }
        if (cookieHash != null) {
            if (cookieHash.length != COOKIE_HASH_LENGTH) {
                throw new IllegalArgumentException("the cookie hash is SHA-256, " + COOKIE_HASH_LENGTH
                        + " bytes; was " + cookieHash.length);
            }
            if (udpVersion != VERSION_3) {
                throw new IllegalArgumentException("a cookie hash goes only with version 3 (0x0101), not "
                        + versionName(udpVersion) + " ([MS-RDPEUDP] 2.2.2.9)");
            }
            cookieHash = cookieHash.clone();
        }
    }

    /**
     * What a standalone probe may offer in its SYN: version 1 or 2, marked valid.
     *
     * @param version 1 or 2
     * @return the payload
     * @throws IllegalArgumentException for version 3 (it needs the SHA-256 of the securityCookie that only an
     *     authenticated TCP connection's Initiate Multitransport Request carries), or any other value
     */
    public static SynDataExPayload offer(int version) {
        if (version == 3 || version == VERSION_3) {
            throw new IllegalArgumentException("UDP version 3 (0x0101) cannot be offered standalone: its SYN must carry "
                    + "a cookie hash, the SHA-256 of the securityCookie from the Initiate Multitransport Request of an "
                    + "authenticated TCP connection, which a probe does not have; offer version 1 or 2");
        }
        if (version != VERSION_1 && version != VERSION_2) {
            throw new IllegalArgumentException("UDP version " + version + " is unknown; offer version 1 or 2");
        }
        return new SynDataExPayload(VERSION_INFO_VALID, version, null);
    }

    /**
     * A SYN's version-3 offer with its cookie hash.
     *
     * @param cookieHash SHA-256 of the securityCookie, 32 bytes
     * @return the payload
     */
    public static SynDataExPayload offerVersion3(byte[] cookieHash) {
        if (cookieHash == null) {
            throw new IllegalArgumentException("version 3 needs the 32-byte cookie hash");
        }
        return new SynDataExPayload(VERSION_INFO_VALID, VERSION_3, cookieHash);
    }

    /** Whether uSynExFlags marks uUdpVer as valid. */
    public boolean versionValid() {
        return (synExFlags & VERSION_INFO_VALID) != 0;
    }

    /** The cookie hash (a copy), or {@code null}. */
    @Override
    public byte[] cookieHash() {
        return cookieHash == null ? null : cookieHash.clone();
    }

    /** Encoded size: 4, or 36 with a cookie hash. */
    public int encodedSize() {
        return SIZE + (cookieHash == null ? 0 : COOKIE_HASH_LENGTH);
    }

    /**
     * Writes the payload.
     *
     * @param out where to write
     */
    public void encode(ByteBuf out) {
        out.writeShort(synExFlags);
        out.writeShort(udpVersion);
        if (cookieHash != null) {
            out.writeBytes(cookieHash);
        }
    }

    /** A readable name: "1", "2", "3 (0x0101)" or the hex value. */
    public static String versionName(int udpVersion) {
        return switch (udpVersion) {
            case VERSION_1 -> "1";
            case VERSION_2 -> "2";
            case VERSION_3 -> "3 (0x0101)";
            default -> String.format(Locale.ROOT, "0x%04X", udpVersion);
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SynDataExPayload that && synExFlags == that.synExFlags
                && udpVersion == that.udpVersion && Arrays.equals(cookieHash, that.cookieHash);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * synExFlags + udpVersion) + Arrays.hashCode(cookieHash);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SynDataExPayload[flags=0x%04X, version=%s%s]", synExFlags,
                versionName(udpVersion), cookieHash == null ? "" : ", cookieHash=" + ByteBufUtil.hexDump(cookieHash));
    }
}
