package dev.rdpprobe.testkit.wire;

import dev.rdpprobe.core.internal.pdu.PduBytes;
import dev.rdpprobe.core.internal.pdu.tpkt.Tpkt;

/**
 * Server-side writers of the T.125 domain PDUs that follow the MCS Connect Response ([MS-RDPBCGR] 2.2.1.7 to
 * 2.2.1.9, ALIGNED PER as T.125 encodes them): Attach User Confirm, Channel Join Confirm and Send Data Indication,
 * each in a TPKT and an X.224 Data TPDU. User and channel ids are written as PER integers above 1001
 * ({@value #MCS_BASE_CHANNEL_ID}), as T.125's UserId type is.
 */
public final class McsDomainWriters {

    /** The lower bound of T.125's UserId: a user id is written as its distance from 1001. */
    public static final int MCS_BASE_CHANNEL_ID = 1001;
    /** DomainMCSPDU choice 11, attachUserConfirm. */
    private static final int ATTACH_USER_CONFIRM = 11;
    /** DomainMCSPDU choice 15, channelJoinConfirm. */
    private static final int CHANNEL_JOIN_CONFIRM = 15;
    /** DomainMCSPDU choice 26, sendDataIndication. */
    private static final int SEND_DATA_INDICATION = 26;
    /** Data priority high and segmentation begin|end, the byte Windows writes after the channel id. */
    private static final int PRIORITY_AND_SEGMENTATION = 0x70;
    /** The largest user data a Send Data Indication of ours carries (a two-byte PER length). */
    public static final int MAX_USER_DATA = 0x3FFF - 32;
    private static final int HEADER = Tpkt.HEADER_LENGTH + 3;

    private McsDomainWriters() {
    }

    /**
     * An Attach User Confirm (T.125 11.18, [MS-RDPBCGR] 2.2.1.7) with the initiator present.
     *
     * @param result the T.125 Result (0: rt-successful)
     * @param userId the user id the server gives the client (1002 and up)
     */
    public static byte[] attachUserConfirm(int result, int userId) {
        checkResult(result);
        int userOffset = userOffset(userId, "userId");
        return PduBytes.encode(HEADER + 4, out -> {
            Tpkt.writeHeader(out, HEADER + 4);
            out.writeByte(2).writeByte(0xF0).writeByte(0x80);
            out.writeByte((ATTACH_USER_CONFIRM << 2) | 0x02); // the initiator is present
            out.writeByte(result << 4); // 4-bit Result enumeration, then padding
            out.writeShort(userOffset);
        });
    }

    /**
     * A Channel Join Confirm (T.125 11.22, [MS-RDPBCGR] 2.2.1.9) with the channel id present.
     *
     * @param result the T.125 Result (0: rt-successful)
     * @param userId the initiator, the client's user id
     * @param requested the channel id the client asked to join
     * @param channelId the channel id joined
     */
    public static byte[] channelJoinConfirm(int result, int userId, int requested, int channelId) {
        checkResult(result);
        int userOffset = userOffset(userId, "userId");
        checkChannel(requested, "requested");
        checkChannel(channelId, "channelId");
        return PduBytes.encode(HEADER + 8, out -> {
            Tpkt.writeHeader(out, HEADER + 8);
            out.writeByte(2).writeByte(0xF0).writeByte(0x80);
            out.writeByte((CHANNEL_JOIN_CONFIRM << 2) | 0x02); // channelId present
            out.writeByte(result << 4);
            out.writeShort(userOffset).writeShort(requested).writeShort(channelId);
        });
    }

    /**
     * A Send Data Indication (T.125 11.33) from {@code initiator} on {@code channelId} carrying {@code userData}
     * (the RDP PDU: security header, share headers …), priority high, one segment.
     *
     * @param initiator the sender's user id (Windows: 1002, the server's own)
     * @param channelId the channel (1003: the I/O channel)
     * @param userData at most {@value #MAX_USER_DATA} bytes
     */
    public static byte[] sendDataIndication(int initiator, int channelId, byte[] userData) {
        int initiatorOffset = userOffset(initiator, "initiator");
        checkChannel(channelId, "channelId");
        if (userData.length > MAX_USER_DATA) {
            throw new IllegalArgumentException("userData of " + userData.length + " bytes; at most " + MAX_USER_DATA);
        }
        int lengthSize = userData.length < 0x80 ? 1 : 2;
        int total = HEADER + 6 + lengthSize + userData.length;
        return PduBytes.encode(total, out -> {
            Tpkt.writeHeader(out, total);
            out.writeByte(2).writeByte(0xF0).writeByte(0x80);
            out.writeByte(SEND_DATA_INDICATION << 2);
            out.writeShort(initiatorOffset).writeShort(channelId).writeByte(PRIORITY_AND_SEGMENTATION);
            if (lengthSize == 1) {
                out.writeByte(userData.length);
            } else {
                out.writeShort(0x8000 | userData.length);
            }
            out.writeBytes(userData);
        });
    }

    private static void checkResult(int result) {
        if (result < 0 || result > 15) {
            throw new IllegalArgumentException("T.125 result " + result + " out of range 0..15");
        }
    }

    private static int userOffset(int userId, String what) {
        if (userId < MCS_BASE_CHANNEL_ID || userId > MCS_BASE_CHANNEL_ID + 0xFFFF) {
            throw new IllegalArgumentException(what + " " + userId + " out of range " + MCS_BASE_CHANNEL_ID + ".." + (MCS_BASE_CHANNEL_ID + 0xFFFF));
        }
        return userId - MCS_BASE_CHANNEL_ID;
    }

    private static void checkChannel(int channelId, String what) {
        if (channelId < 0 || channelId > 0xFFFF) {
            throw new IllegalArgumentException(what + " " + channelId + " out of range 0..65535");
        }
    }
}
