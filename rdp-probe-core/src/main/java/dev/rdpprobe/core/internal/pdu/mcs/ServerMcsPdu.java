package dev.rdpprobe.core.internal.pdu.mcs;

import dev.rdpprobe.core.internal.pdu.PduCursor;
import dev.rdpprobe.core.internal.pdu.tpkt.Tpkt;
import dev.rdpprobe.core.internal.pdu.x224.TpduCode;
import io.netty.buffer.ByteBuf;

/**
 * What a server may send in reply to a Connect Initial: one TPKT-framed X.224 Data TPDU carrying a
 * {@link ConnectResponse} or a {@link DisconnectProviderUltimatum}. {@link #decode(ByteBuf)} reads exactly
 * one frame. Another TPDU (a Disconnect Request) is for the caller to classify before calling it.
 */
public sealed interface ServerMcsPdu permits ConnectResponse, ServerMcsPdu.DisconnectProviderUltimatum {

    /** A short description for messages. */
    String describe();

    /**
     * Whether the TPKT frame at the reader index (whole, as the framing delivers it) is an X.224 Data TPDU,
     * the only TPDU this decoder reads. Does not move the reader index.
     */
    static boolean isDataTpdu(ByteBuf in) {
        PduCursor peek = PduCursor.over(ConnectResponse.PDU, in);
        if (peek.remaining() <= 5) {
            return false;
        }
        peek.skip(5, "TPKT header and LI");
        return (peek.u8("X.224 code") & 0xF0) == TpduCode.DT;
    }

    /**
     * Decodes one TPKT-framed X.224 Data TPDU with an MCS PDU at the reader index and consumes the frame.
     *
     * @throws dev.rdpprobe.core.internal.pdu.MalformedPduException on any malformed field
     */
    static ServerMcsPdu decode(ByteBuf in) {
        PduCursor r = Tpkt.open(in, ConnectResponse.PDU);
        int li = r.u8("X.224 LI");
        if (li != 2) {
            throw r.error("X.224 LI", 4, "an X.224 Data TPDU has LI 2, got " + li);
        }
        int code = r.u8("X.224 code");
        if ((code & 0xF0) != TpduCode.DT) {
            throw r.error("X.224 code", 5, String.format("expected 0xF0 (Data), got 0x%02X", code));
        }
        r.skip(1, "X.224 EOT");
        int first = r.peekU8();
        if (first == 0x7F) {
            return ConnectResponse.decode(r);
        }
        if (first >= 0 && (first & 0xFC) == 0x20) {
            int b0 = r.u8("DisconnectProviderUltimatum");
            int b1 = r.u8("DisconnectProviderUltimatum.reason");
            r.expectEnd("DisconnectProviderUltimatum");
            // choice 8 in six bits, then the 3-bit reason across the byte boundary
            return new DisconnectProviderUltimatum(((b0 & 0x03) << 1) | (b1 >> 7));
        }
        throw r.error("MCS PDU", 7, first < 0 ? "no MCS PDU"
                : String.format("0x%02X is neither a Connect-Response (7F 66) nor a Disconnect Provider Ultimatum", first));
    }

    /**
     * An MCS Disconnect Provider Ultimatum (T.125 DomainMCSPDU choice 8): the server ends the connection.
     *
     * @param reason the T.125 Reason (3: rn-user-requested)
     */
    record DisconnectProviderUltimatum(int reason) implements ServerMcsPdu {
        private static final String[] REASONS = {"rn-domain-disconnected", "rn-provider-initiated", "rn-token-purged",
            "rn-user-requested", "rn-channel-purged"};

        /** T.125's name of the reason. */
        public String reasonName() {
            return reason < REASONS.length ? REASONS[reason] : "unknown reason " + reason;
        }

        @Override
        public String describe() {
            return "MCS Disconnect Provider Ultimatum (" + reasonName() + ")";
        }
    }
}
