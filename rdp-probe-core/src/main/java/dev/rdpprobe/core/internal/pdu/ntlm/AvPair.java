package dev.rdpprobe.core.internal.pdu.ntlm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One AV_PAIR of an NTLM TargetInfo list ([MS-NLMP] 2.2.2.1): an AvId and its value. Strings are
 * UTF-16LE without a terminator. Look pairs up by id, never by position: Windows sends them in the
 * order 2, 1, 4, 3, (5), 7, 0.
 *
 * <p>Immutable: the value is copied in and out, except by the decoder, whose freshly read array the pair takes over.
 */
public final class AvPair {

    /** MsvAvEOL: ends the list; length 0. */
    public static final int MSV_AV_EOL = 0x0000;
    /** MsvAvNbComputerName: NetBIOS computer name. */
    public static final int MSV_AV_NB_COMPUTER_NAME = 0x0001;
    /** MsvAvNbDomainName: NetBIOS domain name (the computer name on workgroup hosts). */
    public static final int MSV_AV_NB_DOMAIN_NAME = 0x0002;
    /** MsvAvDnsComputerName: FQDN of the computer. */
    public static final int MSV_AV_DNS_COMPUTER_NAME = 0x0003;
    /** MsvAvDnsDomainName: DNS domain name. */
    public static final int MSV_AV_DNS_DOMAIN_NAME = 0x0004;
    /** MsvAvDnsTreeName: DNS forest name (domain members only). */
    public static final int MSV_AV_DNS_TREE_NAME = 0x0005;
    /** MsvAvFlags: u32 (0x1 constrained, 0x2 MIC present, 0x4 untrusted SPN). */
    public static final int MSV_AV_FLAGS = 0x0006;
    /** MsvAvTimestamp: FILETIME, u64 LE. */
    public static final int MSV_AV_TIMESTAMP = 0x0007;
    /** MsvAvSingleHost: 48-byte Single_Host_Data (called MsvAvRestrictions by nmap and FreeRDP). */
    public static final int MSV_AV_SINGLE_HOST = 0x0008;
    /** MsvAvTargetName: SPN, client to server. */
    public static final int MSV_AV_TARGET_NAME = 0x0009;
    /** MsvAvChannelBindings: MD5 of the channel bindings, client to server. */
    public static final int MSV_AV_CHANNEL_BINDINGS = 0x000A;

    private final int id;
    private final byte[] value;

    /**
     * Checks id and length ranges and copies the value.
     *
     * @param id the AvId (u16)
     * @param value the value bytes (at most 65535)
     */
    public AvPair(int id, byte[] value) {
        this(value.clone(), id);
    }

    private AvPair(byte[] owned, int id) {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("AvId out of range: " + id);
        }
        if (owned.length > 0xFFFF) {
            throw new IllegalArgumentException("AV value longer than 65535 bytes: " + owned.length);
        }
        this.id = id;
        this.value = owned;
    }

    /** A pair that takes over {@code owned}, an array no one else holds (the decoder's copy off the wire). */
    static AvPair owning(int id, byte[] owned) {
        return new AvPair(owned, id);
    }

    /** The AvId. */
    public int id() {
        return id;
    }

    /** A pair holding a UTF-16LE string. */
    public static AvPair ofString(int id, String text) {
        return new AvPair(id, text.getBytes(StandardCharsets.UTF_16LE));
    }

    /** An MsvAvTimestamp pair. */
    public static AvPair ofTimestamp(java.time.Instant time) {
        byte[] bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(FileTime.fromInstant(time)).array();
        return new AvPair(MSV_AV_TIMESTAMP, bytes);
    }

    /** A copy of the value bytes. */
    public byte[] value() {
        return value.clone();
    }

    /** The value's first eight bytes as an unsigned little-endian number (an MsvAvTimestamp's FILETIME), no copy made. */
    long u64le() {
        if (value.length < 8) {
            throw new IllegalStateException(name(id) + " holds " + value.length + " bytes, not 8");
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (value[i] & 0xFF);
        }
        return v;
    }

    /** Length of the value in bytes. */
    public int length() {
        return value.length;
    }

    /** The value read as UTF-16LE text (an odd trailing byte is ignored). */
    public String asString() {
        return Utf16.decode(value, 0, value.length & ~1);
    }

    /** The spec's name of an AvId, or "AvId 0x00NN" for ids the spec does not define. */
    public static String name(int id) {
        switch (id) {
            case MSV_AV_EOL: return "MsvAvEOL";
            case MSV_AV_NB_COMPUTER_NAME: return "MsvAvNbComputerName";
            case MSV_AV_NB_DOMAIN_NAME: return "MsvAvNbDomainName";
            case MSV_AV_DNS_COMPUTER_NAME: return "MsvAvDnsComputerName";
            case MSV_AV_DNS_DOMAIN_NAME: return "MsvAvDnsDomainName";
            case MSV_AV_DNS_TREE_NAME: return "MsvAvDnsTreeName";
            case MSV_AV_FLAGS: return "MsvAvFlags";
            case MSV_AV_TIMESTAMP: return "MsvAvTimestamp";
            case MSV_AV_SINGLE_HOST: return "MsvAvSingleHost";
            case MSV_AV_TARGET_NAME: return "MsvAvTargetName";
            case MSV_AV_CHANNEL_BINDINGS: return "MsvAvChannelBindings";
            default: return String.format(Locale.ROOT, "AvId 0x%04X", id);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AvPair that && id == that.id && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * id + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return name(id) + "=" + HexFormat.of().formatHex(value);
    }
}
