package dev.rdpprobe.testkit.wire;

import dev.rdpprobe.core.internal.pdu.PduBytes;

/**
 * The server's licensing PDU of a host that issues no licence ([MS-RDPBCGR] 2.2.1.12, example 4.1.12): the user data
 * of a Send Data Indication on the I/O channel, a basic security header with SEC_LICENSE_PKT then a licensing
 * error message STATUS_VALID_CLIENT / ST_NO_TRANSITION with an empty BB_ERROR_BLOB — what Windows sends in the
 * per-device grace period, and what ends a client's licensing phase.
 */
public final class LicensingWriters {

    /** TS_SECURITY_HEADER.flags SEC_LICENSE_PKT. */
    public static final int SEC_LICENSE_PKT = 0x0080;
    /** bMsgType ERROR_ALERT. */
    public static final int ERROR_ALERT = 0xFF;
    /** Preamble flags: PREAMBLE_VERSION_3_0 (RDP 5.0 and later). */
    public static final int PREAMBLE_VERSION_3_0 = 0x03;
    /** dwErrorCode STATUS_VALID_CLIENT. */
    public static final int STATUS_VALID_CLIENT = 0x07;
    /** dwStateTransition ST_NO_TRANSITION. */
    public static final int ST_NO_TRANSITION = 0x02;
    /** wBlobType BB_ERROR_BLOB. */
    public static final int BB_ERROR_BLOB = 0x0004;
    /** Length of the licensing message after the security header: preamble 4, codes 8, blob header 4. */
    private static final int MESSAGE_LENGTH = 16;

    private LicensingWriters() {
    }

    /** The user data of the License Error (Valid Client) PDU: security header and licensing message, 20 bytes. */
    public static byte[] validClient() {
        return PduBytes.encode(4 + MESSAGE_LENGTH, out -> {
            out.writeShortLE(SEC_LICENSE_PKT).writeShortLE(0); // flags, flagsHi
            out.writeByte(ERROR_ALERT).writeByte(PREAMBLE_VERSION_3_0).writeShortLE(MESSAGE_LENGTH);
            out.writeIntLE(STATUS_VALID_CLIENT).writeIntLE(ST_NO_TRANSITION);
            out.writeShortLE(BB_ERROR_BLOB).writeShortLE(0);
        });
    }
}
