package dev.rdpprobe.core.internal.pdu.x224;

import dev.rdpprobe.core.internal.pdu.PduCursor;
import dev.rdpprobe.core.internal.pdu.tpkt.Tpkt;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The client's X.224 Connection Request ([MS-RDPBCGR] 2.2.1.1), TPKT framed.
 *
 * @param cookie the mstshash identifier (without "Cookie: mstshash=" and CR LF), or {@code null}
 * @param routingToken a load-balancer routing token line (without CR LF, e.g. "Cookie: msts=…"), or {@code null}; exclusive with cookie
 * @param negotiationRequest RDP_NEG_REQ, or {@code null} for none (a legacy CR)
 * @param correlationInfo RDP_NEG_CORRELATION_INFO, or {@code null}; present only with the CORRELATION_INFO_PRESENT flag
 */
public record ConnectionRequest(String cookie, String routingToken, NegotiationRequest negotiationRequest,
        CorrelationInfo correlationInfo) {

    static final String PDU = "X.224 Connection Request";
    static final byte[] COOKIE_PREFIX = "Cookie: mstshash=".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ROUTING_PREFIX = "Cookie: ".getBytes(StandardCharsets.US_ASCII);
    /** Longest cookie or routing token line accepted when decoding. */
    public static final int MAX_TOKEN_LENGTH = 1024;

    public ConnectionRequest {
        if (cookie != null && routingToken != null) {
            throw new IllegalArgumentException("a Connection Request carries a cookie or a routing token, not both");
        }
        checkLine(cookie, "cookie");
        checkLine(routingToken, "routing token");
        boolean flagged = negotiationRequest != null
                && (negotiationRequest.flags() & NegotiationRequest.CORRELATION_INFO_PRESENT) != 0;
        if (correlationInfo != null && !flagged) {
            throw new IllegalArgumentException("correlation info needs RDP_NEG_REQ with CORRELATION_INFO_PRESENT");
        }
        if (flagged && correlationInfo == null) {
            throw new IllegalArgumentException("CORRELATION_INFO_PRESENT is set but no correlation info is given");
        }
    }

    private static void checkLine(String value, String what) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException(what + " may hold printable ASCII only; found 0x"
                        + Integer.toHexString(c) + " at " + i);
            }
        }
    }

    /** A request with a cookie and RDP_NEG_REQ, as a Windows client sends it. */
    public static ConnectionRequest of(String cookie, SecurityProtocols requested) {
        return new ConnectionRequest(cookie, null, new NegotiationRequest(0, requested), null);
    }

    /** Encoded length in bytes, TPKT header included. */
    public int encodedLength() {
        int n = Tpkt.HEADER_LENGTH + 7;
        if (cookie != null) {
            n += COOKIE_PREFIX.length + cookie.length() + 2;
        } else if (routingToken != null) {
            n += routingToken.length() + 2;
        }
        if (negotiationRequest != null) {
            n += NegotiationRequest.LENGTH;
        }
        if (correlationInfo != null) {
            n += CorrelationInfo.LENGTH;
        }
        return n;
    }

    /** Writes the TPKT-framed PDU. */
    public void encode(ByteBuf out) {
        int total = encodedLength();
        Tpkt.writeHeader(out, total);
        out.writeByte(total - Tpkt.HEADER_LENGTH - 1); // LI
        out.writeByte(TpduCode.CR);
        out.writeShort(0); // DST-REF
        out.writeShort(0); // SRC-REF
        out.writeByte(0); // class 0
        if (cookie != null) {
            out.writeBytes(COOKIE_PREFIX);
            out.writeCharSequence(cookie, StandardCharsets.US_ASCII);
            out.writeByte('\r').writeByte('\n');
        } else if (routingToken != null) {
            out.writeCharSequence(routingToken, StandardCharsets.US_ASCII);
            out.writeByte('\r').writeByte('\n');
        }
        if (negotiationRequest != null) {
            out.writeByte(NegotiationRequest.TYPE);
            out.writeByte(negotiationRequest.flags());
            out.writeShortLE(NegotiationRequest.LENGTH);
            out.writeIntLE(negotiationRequest.requestedProtocols().bits());
        }
        if (correlationInfo != null) {
            out.writeByte(CorrelationInfo.TYPE);
            out.writeByte(0);
            out.writeShortLE(CorrelationInfo.LENGTH);
            out.writeBytes(correlationInfo.id());
            out.writeZero(16);
        }
    }

    /**
     * Decodes one TPKT-framed Connection Request at the reader index and consumes it.
     *
     * @throws dev.rdpprobe.core.internal.pdu.MalformedPduException on any malformed field
     */
    public static ConnectionRequest decode(ByteBuf in) {
        PduCursor r = Tpkt.open(in, PDU);
        int li = r.u8("LI");
        int end = 5 + li;
        if (li < 6) {
            throw r.error("LI", 4, "LI " + li + " is below 6");
        }
        if (end > r.endOffset()) {
            throw r.error("LI", 4, "LI " + li + " runs past the TPKT length " + r.endOffset());
        }
        int code = r.u8("code");
        if ((code & 0xF0) != TpduCode.CR) {
            throw r.error("code", 5, String.format("expected 0xE0 (CR), got 0x%02X", code));
        }
        r.skip(4, "DST-REF and SRC-REF");
        int cls = r.u8("class");
        if (cls != 0) {
            throw r.error("class", 10, "class " + cls + " is not class 0");
        }
        // the variable part: the TPDU's own bytes, whatever follows it in the frame
        PduCursor v = r.window(end - r.offset(), "variable part");
        String cookie = null;
        String routing = null;
        if (v.hasMore() && v.peekU8() != NegotiationRequest.TYPE) {
            // A text line (cookie or routing token) ends with CR LF; RDP_NEG_REQ starts with 0x01, which no line does.
            int at = v.offset();
            // look at no more than the longest line accepted and its CR LF
            int look = Math.min(v.remaining(), MAX_TOKEN_LENGTH + 2);
            byte[] head = v.windowAt(at, look, "variable part").bytes(look, "variable part");
            boolean isCookie = startsWith(head, COOKIE_PREFIX);
            String field = isCookie ? "cookie" : "routingToken";
            int crlf = indexOfCrLf(head);
            if (crlf < 0 && look < v.remaining()) {
                throw v.error("cookie", at, "longer than " + MAX_TOKEN_LENGTH + " bytes");
            }
            if (crlf < 0) {
                throw v.error(field, at, "not terminated by CR LF");
            }
            if (crlf > MAX_TOKEN_LENGTH) {
                throw v.error("cookie", at, "longer than " + MAX_TOKEN_LENGTH + " bytes");
            }
            byte[] lineBytes = v.bytes(crlf, field);
            v.skip(2, field);
            for (int i = 0; i < lineBytes.length; i++) {
                if (lineBytes[i] < 0x20 || lineBytes[i] > 0x7E) {
                    throw v.error(field, at + i, String.format("byte 0x%02X is not printable ASCII", lineBytes[i] & 0xFF));
                }
            }
            String line = new String(lineBytes, StandardCharsets.US_ASCII);
            if (isCookie) {
                cookie = line.substring(COOKIE_PREFIX.length);
            } else {
                routing = line;
            }
        }
        NegotiationRequest neg = null;
        CorrelationInfo corr = null;
        if (v.remaining() >= NegotiationRequest.LENGTH) {
            int at = v.offset();
            int type = v.u8("rdpNegReq.type");
            if (type != NegotiationRequest.TYPE) {
                throw v.error("rdpNegReq.type", at, String.format("expected 0x01, got 0x%02X", type));
            }
            int flags = v.u8("rdpNegReq.flags");
            int length = v.u16le("rdpNegReq.length");
            if (length != NegotiationRequest.LENGTH) {
                throw v.error("rdpNegReq.length", at + 2, "expected 8, got " + length);
            }
            neg = new NegotiationRequest(flags, SecurityProtocols.of(v.i32le("rdpNegReq.requestedProtocols")));
            if ((flags & NegotiationRequest.CORRELATION_INFO_PRESENT) != 0) {
                int cat = v.offset();
                if (v.remaining() < CorrelationInfo.LENGTH) {
                    throw v.error("rdpCorrelationInfo", cat, "flag CORRELATION_INFO_PRESENT set but only " + v.remaining() + " bytes follow");
                }
                int ctype = v.u8("rdpCorrelationInfo.type");
                if (ctype != CorrelationInfo.TYPE) {
                    throw v.error("rdpCorrelationInfo.type", cat, String.format("expected 0x06, got 0x%02X", ctype));
                }
                v.skip(1, "rdpCorrelationInfo.flags");
                int clen = v.u16le("rdpCorrelationInfo.length");
                if (clen != CorrelationInfo.LENGTH) {
                    throw v.error("rdpCorrelationInfo.length", cat + 2, "expected 36, got " + clen);
                }
                corr = new CorrelationInfo(v.bytes(CorrelationInfo.ID_LENGTH, "rdpCorrelationInfo.correlationId"));
                v.skip(CorrelationInfo.LENGTH - 4 - CorrelationInfo.ID_LENGTH, "rdpCorrelationInfo.reserved");
            }
        }
        v.expectEnd("variable part");
        return new ConnectionRequest(cookie, routing, neg, corr);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first CR LF in {@code bytes}, or -1. */
    private static int indexOfCrLf(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
