package dev.rdpprobe.core.internal.pdu.ntlm;

import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What all NTLM messages share ([MS-NLMP] 2.2.1): the {@code "NTLMSSP\0"} signature, the u32 LE
 * MessageType at offset 8, and payload fields (Len u16, MaxLen u16, BufferOffset u32, all LE) whose
 * offsets count from the signature. Also the nmap-style search for a CHALLENGE inside an unknown
 * wrapper.
 */
public final class NtlmMessages {

    /** The 8-byte signature {@code "NTLMSSP\0"}. */
    private static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    /** MessageType of NEGOTIATE_MESSAGE. */
    public static final int NEGOTIATE = 1;
    /** MessageType of CHALLENGE_MESSAGE. */
    public static final int CHALLENGE = 2;
    /** MessageType of AUTHENTICATE_MESSAGE. */
    public static final int AUTHENTICATE = 3;
    /** Signature plus MessageType. */
    static final int PREFIX_SIZE = 12;

    private NtlmMessages() {
    }

    /** A copy of the signature bytes {@code "NTLMSSP\0"}. */
    public static byte[] signature() {
        return SIGNATURE.clone();
    }

    /** Whether {@code "NTLMSSP\0"} starts at the absolute index (no index is moved). */
    public static boolean startsWithSignature(ByteBuf buf, int index) {
        if (index < 0 || index > buf.writerIndex() - SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (buf.getByte(index + i) != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Finds the first {@code "NTLMSSP\0"} followed by MessageType 2 in the readable bytes, looking at
     * no more than {@code maxScan} start positions — the fallback nmap uses when it does not
     * understand the wrapper.
     *
     * @return the absolute index of the signature, or -1
     */
    public static int findChallenge(ByteBuf buf, int maxScan) {
        int last = Math.min(buf.writerIndex() - PREFIX_SIZE, buf.readerIndex() + Math.max(0, maxScan) - 1);
        for (int i = buf.readerIndex(); i <= last; i++) {
            if (buf.getByte(i) == 'N' && startsWithSignature(buf, i) && buf.getIntLE(i + 8) == CHALLENGE) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A cursor over the readable bytes of {@code in} as the NTLM message {@code pdu}: the signature and
     * MessageType checked, positioned after them (offset 12). Offsets count from the signature.
     */
    static PduCursor open(ByteBuf in, String pdu, int expectedType) {
        PduCursor message = PduCursor.over(pdu, in);
        int start = in.readerIndex();
        int length = message.remaining();
        if (length < SIGNATURE.length || !startsWithSignature(in, start)) {
            int i = 0;
            while (i < SIGNATURE.length && i < length && in.getByte(start + i) == SIGNATURE[i]) {
                i++;
            }
            throw message.error("Signature", i, i < length ? "not \"NTLMSSP\\0\"" : "truncated after " + length + " bytes");
        }
        if (length < PREFIX_SIZE) {
            throw message.error("MessageType", 8, "truncated after " + length + " bytes");
        }
        message.skip(SIGNATURE.length, "Signature");
        long type = message.u32le("MessageType");
        if (type != expectedType) {
            throw message.error("MessageType", 8, "expected " + expectedType + ", found " + type);
        }
        return message;
    }

    /** Throws unless {@code need} bytes of {@code message} are present at {@code offset}. */
    static void require(PduCursor message, int offset, int need, String field) {
        int length = message.endOffset();
        if (length - offset < need) {
            throw message.error(field, offset, "needs " + need + " bytes, " + Math.max(0, length - offset) + " present");
        }
    }

    /**
     * The payload that the field descriptor at {@code at} points to (Len u16, MaxLen u16, BufferOffset
     * u32), as a window of {@code message}: it must lie in [{@code minOffset}, end of message). An empty
     * field's offset is not checked (peers write 0 there); its window is empty, at offset 0.
     */
    /** "TargetNameFields" for "TargetName" …, made once per field name (callers name their fields with constants). */
    private static final ConcurrentMap<String, String> DESCRIPTOR_NAMES = new ConcurrentHashMap<>();

    static PduCursor payload(PduCursor message, int at, int minOffset, String field) {
        String fields = DESCRIPTOR_NAMES.computeIfAbsent(field, f -> f + "Fields");
        require(message, at, 8, fields);
        PduCursor descriptor = message.windowAt(at, 8, fields);
        int len = descriptor.u16le(fields);
        descriptor.skip(2, fields);
        long offset = descriptor.u32le(fields);
        if (len == 0) {
            return message.windowAt(0, 0, field);
        }
        if (offset < minOffset) {
            throw message.error(fields, at + 4, "BufferOffset " + offset
                    + " points into the fixed header (payload starts at " + minOffset + ")");
        }
        if (offset + len > message.endOffset()) {
            throw message.error(fields, at, "payload [" + offset + ", " + (offset + len)
                    + ") runs past the end of the " + message.endOffset() + "-byte message");
        }
        return message.windowAt(offset, len, field);
    }

    /** Reads a payload string: UTF-16LE when UNICODE is negotiated, else the OEM code page (read as Latin-1). */
    static String string(PduCursor payload, boolean unicode, String field) {
        int at = payload.offset();
        int len = payload.remaining();
        if (unicode && (len & 1) != 0) {
            throw payload.error(field, at, "odd length " + len + " for a UTF-16LE string");
        }
        if (unicode) {
            return Utf16.decode(payload.bytes(len, field), 0, len);
        }
        return payload.string(len, StandardCharsets.ISO_8859_1, field);
    }

    /** Writes a payload field descriptor. */
    static void writeField(ByteBuf out, int len, int offset) {
        out.writeShortLE(len);
        out.writeShortLE(len);
        out.writeIntLE(offset);
    }
}
