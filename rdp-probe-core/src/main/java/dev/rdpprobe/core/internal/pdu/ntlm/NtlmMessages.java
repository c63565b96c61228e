package dev.rdpprobe.core.internal.pdu.ntlm;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

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

    /** Checks signature and type of the message starting at {@code start} (absolute). */
    static void checkPrefix(ByteBuf in, int start, int length, String pdu, int expectedType) {
        if (length < SIGNATURE.length || !startsWithSignature(in, start)) {
            int i = 0;
            while (i < SIGNATURE.length && i < length && in.getByte(start + i) == SIGNATURE[i]) {
                i++;
            }
            throw new MalformedPduException(pdu, "Signature", i,
                    i < length ? "not \"NTLMSSP\\0\"" : "truncated after " + length + " bytes");
        }
        if (length < PREFIX_SIZE) {
            throw new MalformedPduException(pdu, "MessageType", 8, "truncated after " + length + " bytes");
        }
        long type = in.getUnsignedIntLE(start + 8);
        if (type != expectedType) {
            throw new MalformedPduException(pdu, "MessageType", 8, "expected " + expectedType + ", found " + type);
        }
    }

    /** Throws unless {@code need} bytes are present at {@code offset}. */
    static void require(int length, int offset, int need, String pdu, String field) {
        if (length - offset < need) {
            throw new MalformedPduException(pdu, field, offset, "needs " + need + " bytes, "
                    + Math.max(0, length - offset) + " present");
        }
    }

    /**
     * Reads and checks a payload field descriptor at {@code at}: the payload must lie in
     * [{@code minOffset}, {@code length}). An empty field's offset is not checked (peers write 0 there).
     *
     * @return {offset, length} of the payload, relative to the message start
     */
    static int[] payloadField(ByteBuf in, int start, int length, int at, int minOffset, String pdu, String field) {
        require(length, at, 8, pdu, field + "Fields");
        int len = in.getUnsignedShortLE(start + at);
        long offset = in.getUnsignedIntLE(start + at + 4);
        if (len == 0) {
            return new int[] {0, 0};
        }
        if (offset < minOffset) {
            throw new MalformedPduException(pdu, field + "Fields", at + 4, "BufferOffset " + offset
                    + " points into the fixed header (payload starts at " + minOffset + ")");
        }
        if (offset + len > length) {
            throw new MalformedPduException(pdu, field + "Fields", at, "payload [" + offset + ", " + (offset + len)
                    + ") runs past the end of the " + length + "-byte message");
        }
        return new int[] {(int) offset, len};
    }

    /** Decodes a payload string: UTF-16LE when UNICODE is negotiated, else the OEM code page (read as Latin-1). */
    static String string(ByteBuf in, int index, int len, boolean unicode, String pdu, String field, int offset) {
        if (unicode && (len & 1) != 0) {
            throw new MalformedPduException(pdu, field, offset, "odd length " + len + " for a UTF-16LE string");
        }
        if (unicode && in.hasArray()) {
            return Utf16.decode(in.array(), in.arrayOffset() + index, len);
        }
        return in.toString(index, len, unicode ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
    }

    /** Writes a payload field descriptor. */
    static void writeField(ByteBuf out, int len, int offset) {
        out.writeShortLE(len);
        out.writeShortLE(len);
        out.writeIntLE(offset);
    }
}
