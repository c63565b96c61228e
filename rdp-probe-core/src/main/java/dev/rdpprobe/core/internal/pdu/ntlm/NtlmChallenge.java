package dev.rdpprobe.core.internal.pdu.ntlm;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * NTLM CHALLENGE_MESSAGE ([MS-NLMP] 2.2.1.2).
 *
 * <pre>
 *  0 Signature "NTLMSSP\0"        24 ServerChallenge (8)
 *  8 MessageType = 2 (u32 LE)     32 Reserved (8)
 * 12 TargetNameFields (8)         40 TargetInfoFields (8)
 * 20 NegotiateFlags (u32 LE)      48 Version (8)      56 payload
 * </pre>
 *
 * <p>Decoding rules (all offsets count from the signature):
 * <ul>
 * <li>Version is read only when NEGOTIATE_VERSION is set; TargetInfoFields only when
 *     NEGOTIATE_TARGET_INFO is set (old messages may end after the challenge or the reserved bytes).</li>
 * <li>Non-empty payloads must start at or after the fixed header in use — 56 with Version, 48 with
 *     TargetInfoFields but no Version, 32 otherwise — and end within the message. Empty fields'
 *     offsets are not checked.</li>
 * <li>The AV_PAIR list ends at the first MsvAvEOL or at the end of the TargetInfo buffer, whichever
 *     comes first: a missing EOL is tolerated, bytes after EOL are ignored, a pair whose header or
 *     value runs past the buffer is malformed. Pairs are kept in wire order; look them up by id.</li>
 * <li>An MsvAvTimestamp must be 8 bytes; TargetName in UNICODE must have an even length.</li>
 * </ul>
 *
 * @param targetName TargetName ("" if empty)
 * @param flags NegotiateFlags (unsigned 32-bit)
 * @param serverChallenge the 8-byte ServerChallenge
 * @param targetInfo the AV pairs in wire order, without the terminating MsvAvEOL (empty if none)
 * @param version the Version, or {@code null} when NEGOTIATE_VERSION is not set
 */
public record NtlmChallenge(String targetName, long flags, byte[] serverChallenge, List<AvPair> targetInfo,
        NtlmVersion version) {

    /** PDU name in errors. */
    public static final String PDU = "NTLM CHALLENGE_MESSAGE";
    /** Size of the fixed header including Version. */
    public static final int HEADER_SIZE = 56;
    private static final int FLAGS_OFFSET = 20;
    private static final int CHALLENGE_OFFSET = 24;
    private static final int TARGET_INFO_FIELDS = 40;
    private static final int VERSION_OFFSET = 48;

    /** Checks ranges and copies the arrays. */
    public NtlmChallenge {
        targetName = targetName == null ? "" : targetName;
        if (flags < 0 || flags > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("flags not an unsigned 32-bit value: " + flags);
        }
        if (serverChallenge == null || serverChallenge.length != 8) {
            throw new IllegalArgumentException("serverChallenge must be 8 bytes");
        }
        serverChallenge = serverChallenge.clone();
        targetInfo = targetInfo == null ? List.of() : List.copyOf(targetInfo);
        for (int i = 0; i < targetInfo.size(); i++) { // indexed: no iterator per decoded message
            AvPair pair = targetInfo.get(i);
            if (pair.id() == AvPair.MSV_AV_EOL) {
                throw new IllegalArgumentException("targetInfo must not contain MsvAvEOL (the encoder adds it)");
            }
            if (pair.id() == AvPair.MSV_AV_TIMESTAMP && pair.length() != 8) {
                throw new IllegalArgumentException("MsvAvTimestamp must be 8 bytes, not " + pair.length());
            }
        }
    }

    /** A copy of the ServerChallenge. */
    @Override
    public byte[] serverChallenge() {
        return serverChallenge.clone();
    }

    /** The first AV pair with this id, or {@code null}. */
    public AvPair av(int id) {
        for (int i = 0; i < targetInfo.size(); i++) {
            AvPair pair = targetInfo.get(i);
            if (pair.id() == id) {
                return pair;
            }
        }
        return null;
    }

    /** The first AV pair with this id read as UTF-16LE text, or {@code null}. */
    public String avString(int id) {
        AvPair pair = av(id);
        return pair == null ? null : pair.asString();
    }

    /** MsvAvTimestamp as an instant, or {@code null} if absent. */
    public Instant timestamp() {
        AvPair pair = av(AvPair.MSV_AV_TIMESTAMP);
        if (pair == null) {
            return null;
        }
        return FileTime.toInstant(pair.u64le()); // eight bytes: the decoder and the constructor check it
    }

    /**
     * Decodes the readable bytes as one CHALLENGE_MESSAGE (bytes beyond its payloads are ignored) and
     * moves the reader index to the writer index.
     *
     * @throws MalformedPduException naming the field and its offset from the signature
     */
    public static NtlmChallenge decode(ByteBuf in) {
        Objects.requireNonNull(in, "in");
        PduCursor m = NtlmMessages.open(in, PDU, NtlmMessages.CHALLENGE);
        NtlmMessages.require(m, 12, 8, "TargetNameFields");
        NtlmMessages.require(m, FLAGS_OFFSET, 4, "NegotiateFlags");
        m.seek(FLAGS_OFFSET, "NegotiateFlags");
        long flags = m.u32le("NegotiateFlags");
        NtlmMessages.require(m, CHALLENGE_OFFSET, 8, "ServerChallenge");
        byte[] challenge = m.bytes(8, "ServerChallenge");

        boolean hasTargetInfo = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_TARGET_INFO);
        boolean hasVersion = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_VERSION);
        int payloadStart = hasVersion ? HEADER_SIZE : hasTargetInfo ? VERSION_OFFSET : CHALLENGE_OFFSET + 8;
        if (hasTargetInfo) {
            NtlmMessages.require(m, TARGET_INFO_FIELDS, 8, "TargetInfoFields");
        }
        NtlmVersion version = null;
        if (hasVersion) {
            version = NtlmVersion.read(m, VERSION_OFFSET);
        }
        PduCursor name = NtlmMessages.payload(m, 12, payloadStart, "TargetName");
        boolean unicode = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_UNICODE);
        String targetName = NtlmMessages.string(name, unicode, "TargetName");

        List<AvPair> pairs = List.of();
        if (hasTargetInfo) {
            pairs = decodeAvPairs(NtlmMessages.payload(m, TARGET_INFO_FIELDS, payloadStart, "TargetInfo"));
        }
        in.readerIndex(in.writerIndex());
        return new NtlmChallenge(targetName, flags, challenge, pairs, version);
    }

    private static List<AvPair> decodeAvPairs(PduCursor info) {
        List<AvPair> pairs = new ArrayList<>(8); // Windows sends six or seven
        while (info.hasMore()) {
            int pos = info.offset();
            if (info.remaining() < 4) {
                throw info.error("AvPair", pos, info.remaining()
                        + " stray bytes at the end of TargetInfo, too few for an AvId and AvLen");
            }
            int id = info.u16le("AvId");
            int avLen = info.u16le("AvLen");
            if (id == AvPair.MSV_AV_EOL) {
                break;
            }
            if (avLen > info.remaining()) {
                throw info.error("AvLen", pos + 2, AvPair.name(id) + " length " + avLen
                        + " runs past the TargetInfo buffer (" + info.remaining() + " bytes left)");
            }
            if (id == AvPair.MSV_AV_TIMESTAMP && avLen != 8) {
                throw info.error("MsvAvTimestamp", pos + 2, "length " + avLen + ", expected 8");
            }
            pairs.add(AvPair.owning(id, info.bytes(avLen, AvPair.name(id))));
        }
        return pairs;
    }

    /**
     * Writes the message: the 56-byte header (Version or zeros), TargetName at 56 (UTF-16LE when
     * UNICODE is set, else Latin-1), then the AV pairs and an MsvAvEOL when the list is non-empty or
     * NEGOTIATE_TARGET_INFO is set.
     *
     * @throws IllegalArgumentException if a payload exceeds 65535 bytes
     */
    public void encode(ByteBuf out) {
        byte[] name = targetName.getBytes(NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_UNICODE)
                ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
        int infoLen = 0;
        boolean writeInfo = !targetInfo.isEmpty() || NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_TARGET_INFO);
        if (writeInfo) {
            infoLen = 4;
            for (AvPair pair : targetInfo) {
                infoLen += 4 + pair.length();
            }
        }
        if (name.length > 0xFFFF || infoLen > 0xFFFF) {
            throw new IllegalArgumentException("TargetName or TargetInfo longer than 65535 bytes");
        }
        out.writeBytes(NtlmMessages.signature());
        out.writeIntLE(NtlmMessages.CHALLENGE);
        NtlmMessages.writeField(out, name.length, HEADER_SIZE);
        out.writeIntLE((int) flags);
        out.writeBytes(serverChallenge);
        out.writeZero(8);
        NtlmMessages.writeField(out, infoLen, HEADER_SIZE + name.length);
        if (version != null) {
            version.write(out);
        } else {
            out.writeZero(NtlmVersion.SIZE);
        }
        out.writeBytes(name);
        if (writeInfo) {
            for (AvPair pair : targetInfo) {
                out.writeShortLE(pair.id());
                out.writeShortLE(pair.length());
                out.writeBytes(pair.value());
            }
            out.writeIntLE(0);
        }
    }

    /** The encoded message as a byte array. */
    public byte[] toBytes() {
        ByteBuf buf = Unpooled.buffer();
        try {
            encode(buf);
            return io.netty.buffer.ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NtlmChallenge that && flags == that.flags && targetName.equals(that.targetName)
                && Arrays.equals(serverChallenge, that.serverChallenge) && targetInfo.equals(that.targetInfo)
                && Objects.equals(version, that.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(targetName, flags, Arrays.hashCode(serverChallenge), targetInfo, version);
    }

    /** Never prints the ServerChallenge: it is the nonce a client's response is computed over. */
    @Override
    public String toString() {
        return "NtlmChallenge[targetName=" + targetName + ", flags=" + NtlmFlags.names(flags)
                + ", serverChallenge=(8 bytes, not shown), targetInfo=" + targetInfo + ", version=" + version + "]";
    }
}
