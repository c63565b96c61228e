package dev.rdpprobe.core.internal.pdu.ntlm;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduBytes;
import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * NTLM AUTHENTICATE_MESSAGE ([MS-NLMP] 2.2.1.3).
 *
 * <pre>
 *  0 Signature "NTLMSSP\0"            36 UserNameFields (8)
 *  8 MessageType = 3 (u32 LE)         44 WorkstationFields (8)
 * 12 LmChallengeResponseFields (8)    52 EncryptedRandomSessionKeyFields (8)
 * 20 NtChallengeResponseFields (8)    60 NegotiateFlags (u32 LE)
 * 28 DomainNameFields (8)             64 Version (8)   72 MIC (16)   88 payload
 * </pre>
 *
 * <p>The payload is written in the order of the [MS-NLMP] 4.2.4.3 example: domain, user, workstation,
 * LM response, NT response, session key. Strings are UTF-16LE under NEGOTIATE_UNICODE, else Latin-1.
 * Decoding (the fake server's side) reads a MIC when the payload starts at or after offset 88.
 *
 * @param lmChallengeResponse the LM response (24 bytes, or empty)
 * @param ntChallengeResponse the NTLMv2 response
 * @param domain the user's domain ("" for none)
 * @param user the user name
 * @param workstation the client's name ("" for none)
 * @param encryptedRandomSessionKey the key exchange value (16 bytes, or empty)
 * @param flags NegotiateFlags
 * @param version the Version (written as zeros when {@code null} and NEGOTIATE_VERSION is set)
 * @param mic the 16-byte MIC, or {@code null} for a message without one
 */
public record NtlmAuthenticate(byte[] lmChallengeResponse, byte[] ntChallengeResponse, String domain, String user,
        String workstation, byte[] encryptedRandomSessionKey, long flags, NtlmVersion version, byte[] mic) {

    /** PDU name in errors. */
    public static final String PDU = "NTLM AUTHENTICATE_MESSAGE";
    /** Where the MIC lies in a message that has one. */
    public static final int MIC_OFFSET = 72;
    /** Size of the MIC. */
    public static final int MIC_SIZE = 16;
    private static final int HEADER_WITHOUT_MIC = 72;
    private static final int HEADER_WITH_MIC = MIC_OFFSET + MIC_SIZE;
    private static final int HEADER_WITHOUT_VERSION = 64;
    /** The largest message accepted: far above any real one, far below a TSRequest's cap. */
    public static final int MAX_SIZE = 16 * 1024;

    /** Copies the arrays and checks sizes. */
    public NtlmAuthenticate {
        lmChallengeResponse = lmChallengeResponse == null ? new byte[0] : lmChallengeResponse.clone();
        ntChallengeResponse = Objects.requireNonNull(ntChallengeResponse, "ntChallengeResponse").clone();
        domain = domain == null ? "" : domain;
        user = Objects.requireNonNull(user, "user");
        workstation = workstation == null ? "" : workstation;
        encryptedRandomSessionKey = encryptedRandomSessionKey == null ? new byte[0] : encryptedRandomSessionKey.clone();
        if (mic != null && mic.length != MIC_SIZE) {
            throw new IllegalArgumentException("the MIC must be 16 bytes");
        }
        mic = mic == null ? null : mic.clone();
    }

    /** A copy of the NT response. */
    @Override
    public byte[] ntChallengeResponse() {
        return ntChallengeResponse.clone();
    }

    /** A copy of the LM response. */
    @Override
    public byte[] lmChallengeResponse() {
        return lmChallengeResponse.clone();
    }

    /** A copy of the encrypted session key. */
    @Override
    public byte[] encryptedRandomSessionKey() {
        return encryptedRandomSessionKey.clone();
    }

    /** A copy of the MIC, or {@code null}. */
    @Override
    public byte[] mic() {
        return mic == null ? null : mic.clone();
    }

    /** This message with another MIC (zeros while the MIC is computed). */
    public NtlmAuthenticate withMic(byte[] value) {
        return new NtlmAuthenticate(lmChallengeResponse, ntChallengeResponse, domain, user, workstation,
                encryptedRandomSessionKey, flags, version, value);
    }

    private boolean unicode() {
        return NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_UNICODE);
    }

    private byte[] text(String s) {
        return s.getBytes(unicode() ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
    }

    private int headerSize() {
        return mic != null ? HEADER_WITH_MIC : HEADER_WITHOUT_MIC;
    }

    /** The encoded message. */
    public byte[] toBytes() {
        byte[] dom = text(domain);
        byte[] usr = text(user);
        byte[] ws = text(workstation);
        int total = headerSize() + dom.length + usr.length + ws.length + lmChallengeResponse.length
                + ntChallengeResponse.length + encryptedRandomSessionKey.length;
        if (total > MAX_SIZE) {
            throw new IllegalArgumentException("AUTHENTICATE_MESSAGE of " + total + " bytes exceeds " + MAX_SIZE);
        }
        return PduBytes.encode(total, out -> encode(out, dom, usr, ws));
    }

    private void encode(ByteBuf out, byte[] dom, byte[] usr, byte[] ws) {
        int at = headerSize();
        int domAt = at;
        int usrAt = domAt + dom.length;
        int wsAt = usrAt + usr.length;
        int lmAt = wsAt + ws.length;
        int ntAt = lmAt + lmChallengeResponse.length;
        int keyAt = ntAt + ntChallengeResponse.length;
        out.writeBytes(NtlmMessages.signature());
        out.writeIntLE(NtlmMessages.AUTHENTICATE);
        NtlmMessages.writeField(out, lmChallengeResponse.length, lmAt);
        NtlmMessages.writeField(out, ntChallengeResponse.length, ntAt);
        NtlmMessages.writeField(out, dom.length, domAt);
        NtlmMessages.writeField(out, usr.length, usrAt);
        NtlmMessages.writeField(out, ws.length, wsAt);
        NtlmMessages.writeField(out, encryptedRandomSessionKey.length, keyAt);
        out.writeIntLE((int) flags);
        if (version != null) {
            version.write(out);
        } else {
            out.writeZero(NtlmVersion.SIZE);
        }
        if (mic != null) {
            out.writeBytes(mic);
        }
        out.writeBytes(dom);
        out.writeBytes(usr);
        out.writeBytes(ws);
        out.writeBytes(lmChallengeResponse);
        out.writeBytes(ntChallengeResponse);
        out.writeBytes(encryptedRandomSessionKey);
    }

    /**
     * Decodes the readable bytes as one AUTHENTICATE_MESSAGE and moves the reader index to the writer index.
     *
     * @throws MalformedPduException naming the field and its offset from the signature
     */
    public static NtlmAuthenticate decode(ByteBuf in) {
        Objects.requireNonNull(in, "in");
        if (in.readableBytes() > MAX_SIZE) {
            throw new MalformedPduException(PDU, "length", 0, in.readableBytes() + " bytes exceed " + MAX_SIZE);
        }
        PduCursor m = NtlmMessages.open(in, PDU, NtlmMessages.AUTHENTICATE);
        NtlmMessages.require(m, 60, 4, "NegotiateFlags");
        m.seek(60, "NegotiateFlags");
        long flags = m.u32le("NegotiateFlags");
        boolean hasVersion = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_VERSION);
        int minPayload = hasVersion ? HEADER_WITHOUT_MIC : HEADER_WITHOUT_VERSION;
        PduCursor lm = NtlmMessages.payload(m, 12, minPayload, "LmChallengeResponse");
        PduCursor nt = NtlmMessages.payload(m, 20, minPayload, "NtChallengeResponse");
        PduCursor dom = NtlmMessages.payload(m, 28, minPayload, "DomainName");
        PduCursor usr = NtlmMessages.payload(m, 36, minPayload, "UserName");
        PduCursor ws = NtlmMessages.payload(m, 44, minPayload, "Workstation");
        PduCursor key = NtlmMessages.payload(m, 52, minPayload, "EncryptedRandomSessionKey");
        int firstPayload = Integer.MAX_VALUE;
        for (PduCursor p : new PduCursor[] {lm, nt, dom, usr, ws, key}) {
            if (p.remaining() > 0) {
                firstPayload = Math.min(firstPayload, p.offset());
            }
        }
        NtlmVersion version = hasVersion ? NtlmVersion.read(m, 64) : null;
        byte[] mic = null;
        if (hasVersion && firstPayload >= HEADER_WITH_MIC && firstPayload != Integer.MAX_VALUE) {
            m.seek(MIC_OFFSET, "MIC");
            mic = m.bytes(MIC_SIZE, "MIC");
        }
        boolean unicode = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_UNICODE);
        NtlmAuthenticate message = new NtlmAuthenticate(lm.bytes(lm.remaining(), "LmChallengeResponse"),
                nt.bytes(nt.remaining(), "NtChallengeResponse"), NtlmMessages.string(dom, unicode, "DomainName"),
                NtlmMessages.string(usr, unicode, "UserName"), NtlmMessages.string(ws, unicode, "Workstation"),
                key.bytes(key.remaining(), "EncryptedRandomSessionKey"), flags, version, mic);
        in.readerIndex(in.writerIndex());
        return message;
    }

    /** A copy of an encoded message that has a MIC, with the MIC zeroed: what the MIC is computed over. */
    public static byte[] withMicZeroed(byte[] encoded) {
        byte[] copy = encoded.clone();
        if (copy.length >= MIC_OFFSET + MIC_SIZE) {
            Arrays.fill(copy, MIC_OFFSET, MIC_OFFSET + MIC_SIZE, (byte) 0);
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NtlmAuthenticate that && flags == that.flags && domain.equals(that.domain)
                && user.equals(that.user) && workstation.equals(that.workstation)
                && Arrays.equals(lmChallengeResponse, that.lmChallengeResponse)
                && Arrays.equals(ntChallengeResponse, that.ntChallengeResponse)
                && Arrays.equals(encryptedRandomSessionKey, that.encryptedRandomSessionKey)
                && Objects.equals(version, that.version) && Arrays.equals(mic, that.mic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flags, domain, user, workstation, Arrays.hashCode(ntChallengeResponse), version);
    }

    /** Names and sizes only: the responses can be cracked offline, so they are never printed. */
    @Override
    public String toString() {
        return "NtlmAuthenticate[user=" + user + ", domain=" + domain + ", workstation=" + workstation
                + ", flags=" + NtlmFlags.names(flags) + ", ntChallengeResponse=" + ntChallengeResponse.length
                + " bytes (not shown), mic=" + (mic == null ? "absent" : "present") + ", version=" + version + "]";
    }
}
