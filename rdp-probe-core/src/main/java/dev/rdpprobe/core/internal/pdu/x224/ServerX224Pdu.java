package dev.rdpprobe.core.internal.pdu.x224;

import dev.rdpprobe.core.internal.pdu.PduCursor;
import dev.rdpprobe.core.internal.pdu.tpkt.Tpkt;
import io.netty.buffer.ByteBuf;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a server may send in reply to a Connection Request: one TPKT-framed X.224 TPDU.
 * {@link #decode(ByteBuf)} reads exactly one frame.
 */
public sealed interface ServerX224Pdu {

    /** Largest user data kept from a Data TPDU (the rest is counted, not copied). */
    int MAX_KEPT_USER_DATA = 64;

    /** A short description for messages, e.g. "X.224 Disconnect Request (reason 0)". */
    String describe();

    /**
     * Decodes one TPKT-framed TPDU at the reader index and consumes the frame.
     *
     * @throws dev.rdpprobe.core.internal.pdu.MalformedPduException on any malformed field
     */
    static ServerX224Pdu decode(ByteBuf in) {
        // the PDU's name, for errors, from its code byte (offset 5) if present
        PduCursor peek = PduCursor.over("X.224 TPDU", in);
        int codeByte = -1;
        if (peek.remaining() > 5) {
            peek.skip(5, "TPKT header and LI");
            codeByte = peek.u8("code");
        }
        String pdu = codeByte == -1 ? "X.224 TPDU"
                : (codeByte & 0xF0) == TpduCode.CC ? ConnectionConfirm.PDU : TpduCode.describe(codeByte);
        PduCursor r = Tpkt.open(in, pdu);
        int li = r.u8("LI");
        int realCode = r.u8("code");
        int length = r.endOffset();
        switch (realCode & 0xF0) {
            case TpduCode.CC:
                return ConnectionConfirm.decode(r, li);
            case TpduCode.DR: {
                if (li < 6 || 5 + li > length) {
                    throw r.error("LI", 4, "LI " + li + " does not fit a Disconnect Request of " + length + " bytes");
                }
                r.seek(10, "reason");
                int reason = r.hasMore() ? r.u8("reason") : 0;
                return new DisconnectRequest(reason);
            }
            case TpduCode.DT: {
                if (li != 2) {
                    throw r.error("LI", 4, "a Data TPDU has LI 2, got " + li);
                }
                r.seek(7, "user data");
                int userLength = r.remaining();
                byte[] kept = r.bytes(Math.min(userLength, MAX_KEPT_USER_DATA), "user data");
                return new Data(kept, userLength);
            }
            case TpduCode.ER: {
                if (li < 4 || 5 + li > length) {
                    throw r.error("LI", 4, "LI " + li + " does not fit a TPDU Error of " + length + " bytes");
                }
                r.seek(8, "reject cause");
                return new TpduError(r.u8("reject cause"));
            }
            default:
                throw r.error("code", 5, String.format("0x%02X is not a TPDU a server sends here", realCode));
        }
    }

    /**
     * X.224 Connection Confirm ([MS-RDPBCGR] 2.2.1.2).
     *
     * @param sourceReference SRC-REF (Windows sets 0x1234; ignored)
     * @param negotiation RDP_NEG_RSP / RDP_NEG_FAILURE, or {@code null} for a legacy confirm without negotiation data
     */
    record ConnectionConfirm(int sourceReference, NegotiationData negotiation) implements ServerX224Pdu {
        static final String PDU = "X.224 Connection Confirm";

        public String describe() {
            return PDU;
        }

        static ConnectionConfirm decode(PduCursor r, int li) {
            int length = r.endOffset();
            if (li < 6) {
                throw r.error("LI", 4, "LI " + li + " is below 6");
            }
            if (5 + li != length) {
                throw r.error("LI", 4, "LI " + li + " does not match the TPKT length " + length + " (expected LI " + (length - 5) + ")");
            }
            r.skip(2, "DST-REF");
            int srcRef = r.u16be("SRC-REF");
            int cls = r.u8("class");
            if (cls != 0) {
                throw r.error("class", 10, "class " + cls + " is not class 0");
            }
            if (li == 6) {
                return new ConnectionConfirm(srcRef, null);
            }
            if (li != 14) {
                throw r.error("LI", 4, "LI " + li + ": negotiation data must be 8 bytes (LI 14)");
            }
            int type = r.u8("rdpNegData.type");
            int flags = r.u8("rdpNegData.flags");
            int negLength = r.u16le("rdpNegData.length");
            if (negLength != 8) {
                throw r.error("rdpNegData.length", 13, "expected 8, got " + negLength);
            }
            int value = r.i32le(type == NegotiationData.Failure.TYPE ? "rdpNegData.failureCode" : "rdpNegData.selectedProtocol");
            switch (type) {
                case NegotiationData.Response.TYPE:
                    return new ConnectionConfirm(srcRef, new NegotiationData.Response(flags, SecurityProtocols.of(value)));
                case NegotiationData.Failure.TYPE:
                    return new ConnectionConfirm(srcRef, new NegotiationData.Failure(new NegotiationFailureCode(value)));
                default:
                    throw r.error("rdpNegData.type", 11, String.format("expected 0x02 (RSP) or 0x03 (FAILURE), got 0x%02X", type));
            }
        }
    }

    /**
     * X.224 Disconnect Request.
     *
     * @param reason the reason byte (0 if absent)
     */
    record DisconnectRequest(int reason) implements ServerX224Pdu {
        public String describe() {
            return "X.224 Disconnect Request (reason " + reason + ")";
        }
    }

    /**
     * An X.224 Data TPDU (for example an MCS Disconnect Provider Ultimatum {@code 21 80}, as xrdp sends after a failure).
     *
     * @param userDataPrefix up to {@value #MAX_KEPT_USER_DATA} bytes of user data
     * @param userDataLength the full user data length
     */
    record Data(byte[] userDataPrefix, int userDataLength) implements ServerX224Pdu {
        public Data {
            Objects.requireNonNull(userDataPrefix, "userDataPrefix");
            userDataPrefix = userDataPrefix.clone();
        }

        /** Whether this is an MCS Disconnect Provider Ultimatum. */
        public boolean isDisconnectProviderUltimatum() {
            return userDataLength == 2 && (userDataPrefix[0] & 0xFC) == 0x20;
        }

        public String describe() {
            return isDisconnectProviderUltimatum() ? "MCS Disconnect Provider Ultimatum"
                    : "X.224 Data (" + userDataLength + " bytes: " + HexFormat.of().formatHex(userDataPrefix) + ")";
        }
    }

    /**
     * X.224 TPDU Error.
     *
     * @param rejectCause the reject cause byte
     */
    record TpduError(int rejectCause) implements ServerX224Pdu {
        public String describe() {
            return "X.224 TPDU Error (cause " + rejectCause + ")";
        }
    }
}
