package dev.rdpprobe.testkit.wire;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduCursor;
import dev.rdpprobe.core.internal.pdu.tpkt.Tpkt;
import dev.rdpprobe.core.internal.pdu.x224.TpduCode;
import io.netty.buffer.ByteBuf;

/**
 * A client's T.125 domain PDU after the MCS Connect Initial, as the fake server reads it: one TPKT frame with an
 * X.224 Data TPDU ([MS-RDPBCGR] 2.2.1.5 to 2.2.1.8 and every later slow-path PDU), or the X.224 Disconnect Request a
 * client may end with. Every length is checked against the frame before it is used.
 */
public sealed interface ClientMcsPdu {

    /** The PDU name errors carry. */
    String PDU = "MCS domain PDU";

    /** Erect Domain Request (T.125 DomainMCSPDU choice 1). */
    record ErectDomainRequest(long subHeight, long subInterval) implements ClientMcsPdu {
    }

    /** Attach User Request (choice 10). */
    record AttachUserRequest() implements ClientMcsPdu {
    }

    /** Channel Join Request (choice 14): {@code userId} asks to join {@code channelId}. */
    record ChannelJoinRequest(int userId, int channelId) implements ClientMcsPdu {
    }

    /**
     * Send Data Request (choice 25): {@code userData} from {@code userId} on {@code channelId}.
     *
     * @param userData a copy of the user data (the RDP PDU)
     */
    record SendDataRequest(int userId, int channelId, byte[] userData) implements ClientMcsPdu {
        /** Copies the data. */
        public SendDataRequest {
            userData = userData.clone();
        }

        @Override
        public byte[] userData() {
            return userData.clone();
        }
    }

    /** Disconnect Provider Ultimatum (choice 8) with its T.125 reason, or an X.224 Disconnect Request ({@code reason} -1). */
    record Disconnect(int reason) implements ClientMcsPdu {
    }

    /**
     * Decodes the one TPKT frame at the reader index of {@code in} (consumed).
     *
     * @throws MalformedPduException naming the field and its offset from the TPKT's first byte
     */
    static ClientMcsPdu decode(ByteBuf in) {
        PduCursor r = Tpkt.open(in, PDU);
        int li = r.u8("X.224 LI");
        int code = r.u8("X.224 code");
        if (li < 1) {
            throw r.error("X.224 LI", 4, "LI 0 leaves no room for the TPDU code");
        }
        if ((code & 0xF0) == TpduCode.DR) {
            r.skip(li - 1, "X.224 Disconnect Request");
            return new Disconnect(-1);
        }
        if (li != 2 || (code & 0xF0) != TpduCode.DT) {
            throw r.error("X.224 code", 5, String.format("expected an X.224 Data TPDU (LI 2, 0xF0), got LI %d, 0x%02X", li, code));
        }
        r.skip(1, "X.224 EOT");
        int choiceAt = r.offset();
        int first = r.u8("DomainMCSPDU choice");
        int choice = first >> 2;
        ClientMcsPdu pdu = switch (choice) {
            case 1 -> new ErectDomainRequest(perInteger(r, "subHeight"), perInteger(r, "subInterval"));
            case 8 -> new Disconnect(((first & 0x03) << 1) | (r.u8("DisconnectProviderUltimatum.reason") >> 7));
            case 10 -> new AttachUserRequest();
            case 14 -> new ChannelJoinRequest(McsDomainWriters.MCS_BASE_CHANNEL_ID + r.u16be("ChannelJoinRequest.initiator"),
                    r.u16be("ChannelJoinRequest.channelId"));
            case 25 -> sendDataRequest(r);
            default -> throw r.error("DomainMCSPDU choice", choiceAt, "choice " + choice + " is not a PDU a client sends here");
        };
        r.expectEnd("end of the MCS PDU");
        return pdu;
    }

    private static SendDataRequest sendDataRequest(PduCursor r) {
        int user = McsDomainWriters.MCS_BASE_CHANNEL_ID + r.u16be("SendDataRequest.initiator");
        int channel = r.u16be("SendDataRequest.channelId");
        r.skip(1, "SendDataRequest.dataPriority");
        int lengthAt = r.offset();
        int b0 = r.u8("SendDataRequest.userData length");
        int length;
        if ((b0 & 0x80) == 0) {
            length = b0;
        } else if ((b0 & 0xC0) == 0x80) {
            length = ((b0 & 0x3F) << 8) | r.u8("SendDataRequest.userData length");
        } else {
            throw r.error("SendDataRequest.userData length", lengthAt, String.format("fragmented PER length 0x%02X is not used by RDP", b0));
        }
        if (length > r.remaining()) {
            throw r.error("SendDataRequest.userData length", lengthAt, "length " + length + " runs past the frame ("
                    + r.remaining() + " bytes follow)");
        }
        return new SendDataRequest(user, channel, r.bytes(length, "SendDataRequest.userData"));
    }

    /** A PER-encoded unconstrained INTEGER: a one-byte length (1 to 4) and that many big-endian bytes. */
    private static long perInteger(PduCursor r, String field) {
        int at = r.offset();
        int n = r.u8(field + " length");
        if (n < 1 || n > 4) {
            throw r.error(field, at, "an INTEGER of " + n + " bytes; 1 to 4 expected");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | r.u8(field);
        }
        return v;
    }
}
