package dev.rdpprobe.core.internal.pdu.ntlm;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduBytes;
import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * NTLM NEGOTIATE_MESSAGE ([MS-NLMP] 2.2.1.1): signature, MessageType 1, NegotiateFlags, DomainNameFields,
 * WorkstationFields, Version (8 bytes), then the payload. The encoder always writes the 40-byte
 * header (Version or zeros) and, like nmap and sspi-rs, zero descriptors for empty fields.
 *
 * @param flags NegotiateFlags (unsigned 32-bit)
 * @param domain the OEM domain name, "" if none
 * @param workstation the OEM workstation name, "" if none
 * @param version the Version field, or {@code null} if the VERSION flag is not set
 */
public record NtlmNegotiate(long flags, String domain, String workstation, NtlmVersion version) {

    /** PDU name in errors. */
    public static final String PDU = "NTLM NEGOTIATE_MESSAGE";
    /** Size of the fixed header including Version. */
    public static final int HEADER_SIZE = 40;
    private static final int HEADER_WITHOUT_VERSION = 32;

    /** Checks ranges; {@code null} names become "". */
    public NtlmNegotiate {
        if (flags < 0 || flags > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("flags not an unsigned 32-bit value: " + flags);
        }
        domain = domain == null ? "" : domain;
        workstation = workstation == null ? "" : workstation;
        if (domain.length() > 0xFFFF || workstation.length() > 0xFFFF) {
            throw new IllegalArgumentException("domain or workstation longer than 65535 characters");
        }
    }

    /**
     * The probe's NEGOTIATE: flags {@link NtlmFlags#PROBE_NEGOTIATE} (0xE20882B7, VERSION included),
     * no domain, no workstation, Version 10.0.17763 revision 15 — what nmap's rdp-ntlm-info sends.
     */
    public static NtlmNegotiate probe() {
        return new NtlmNegotiate(NtlmFlags.PROBE_NEGOTIATE, "", "", NtlmVersion.WINDOWS_10_1809);
    }

    /** Encoded size in bytes. */
    public int encodedLength() {
        return HEADER_SIZE + domain.length() + workstation.length();
    }

    /** Writes the message. */
    public void encode(ByteBuf out) {
        byte[] dom = domain.getBytes(StandardCharsets.ISO_8859_1);
        byte[] ws = workstation.getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes(NtlmMessages.signature());
        out.writeIntLE(NtlmMessages.NEGOTIATE);
        out.writeIntLE((int) flags);
        NtlmMessages.writeField(out, dom.length, dom.length == 0 ? 0 : HEADER_SIZE);
        NtlmMessages.writeField(out, ws.length, ws.length == 0 ? 0 : HEADER_SIZE + dom.length);
        if (version != null) {
            version.write(out);
        } else {
            out.writeZero(NtlmVersion.SIZE);
        }
        out.writeBytes(dom);
        out.writeBytes(ws);
    }

    /** The encoded message as a byte array. */
    public byte[] toBytes() {
        return PduBytes.encode(encodedLength(), this::encode);
    }

    /**
     * Decodes the readable bytes as one NEGOTIATE_MESSAGE (trailing bytes beyond its payload are
     * ignored) and moves the reader index to the writer index. Version is read only when the
     * VERSION flag is set.
     *
     * @throws MalformedPduException naming the field and its offset from the signature
     */
    public static NtlmNegotiate decode(ByteBuf in) {
        Objects.requireNonNull(in, "in");
        PduCursor m = NtlmMessages.open(in, PDU, NtlmMessages.NEGOTIATE);
        NtlmMessages.require(m, 12, 4, "NegotiateFlags");
        long flags = m.u32le("NegotiateFlags");
        boolean hasVersion = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_VERSION);
        int payloadStart = hasVersion ? HEADER_SIZE : HEADER_WITHOUT_VERSION;
        PduCursor dom = NtlmMessages.payload(m, 16, payloadStart, "DomainName");
        PduCursor ws = NtlmMessages.payload(m, 24, payloadStart, "Workstation");
        NtlmVersion version = hasVersion ? NtlmVersion.read(m, 32) : null;
        String domain = NtlmMessages.string(dom, false, "DomainName");
        String workstation = NtlmMessages.string(ws, false, "Workstation");
        in.readerIndex(in.writerIndex());
        return new NtlmNegotiate(flags, domain, workstation, version);
    }
}
