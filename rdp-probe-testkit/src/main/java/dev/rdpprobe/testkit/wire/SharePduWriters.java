package dev.rdpprobe.testkit.wire;

import dev.rdpprobe.core.internal.pdu.PduBytes;
import java.util.Objects;

/**
 * The server's slow-path share PDUs inside TLS (no RDP encryption, so no security header), each the user data of a
 * Send Data Indication on the I/O channel ([MS-RDPBCGR] 2.2.8.1.1.1): the Demand Active PDU (2.2.1.13.1) and the
 * finalisation data PDUs — Synchronize (2.2.1.19), Control Cooperate and Granted Control (2.2.1.20, 2.2.1.21),
 * Font Map (2.2.1.22) — and Shutdown Request Denied (2.2.2.3).
 */
public final class SharePduWriters {

    /** Share Control Header pduType PDUTYPE_DEMANDACTIVEPDU. */
    public static final int PDUTYPE_DEMANDACTIVEPDU = 0x1;
    /** Share Control Header pduType PDUTYPE_CONFIRMACTIVEPDU. */
    public static final int PDUTYPE_CONFIRMACTIVEPDU = 0x3;
    /** Share Control Header pduType PDUTYPE_DEACTIVATEALLPDU. */
    public static final int PDUTYPE_DEACTIVATEALLPDU = 0x6;
    /** Share Control Header pduType PDUTYPE_DATAPDU. */
    public static final int PDUTYPE_DATAPDU = 0x7;
    /** The PDUVersion bits of every pduType (TS_PROTOCOL_VERSION). */
    public static final int TS_PROTOCOL_VERSION = 0x10;
    /** pduType2 PDUTYPE2_CONTROL. */
    public static final int PDUTYPE2_CONTROL = 20;
    /** pduType2 PDUTYPE2_SYNCHRONIZE. */
    public static final int PDUTYPE2_SYNCHRONIZE = 31;
    /** pduType2 PDUTYPE2_SHUTDOWN_REQUEST. */
    public static final int PDUTYPE2_SHUTDOWN_REQUEST = 36;
    /** pduType2 PDUTYPE2_SHUTDOWN_DENIED. */
    public static final int PDUTYPE2_SHUTDOWN_DENIED = 37;
    /** pduType2 PDUTYPE2_FONTLIST. */
    public static final int PDUTYPE2_FONTLIST = 39;
    /** pduType2 PDUTYPE2_FONTMAP. */
    public static final int PDUTYPE2_FONTMAP = 40;
    /** pduType2 PDUTYPE2_BITMAPCACHE_PERSISTENT_LIST. */
    public static final int PDUTYPE2_BITMAPCACHE_PERSISTENT_LIST = 43;
    /** Control action CTRLACTION_REQUEST_CONTROL. */
    public static final int CTRLACTION_REQUEST_CONTROL = 1;
    /** Control action CTRLACTION_GRANTED_CONTROL. */
    public static final int CTRLACTION_GRANTED_CONTROL = 2;
    /** Control action CTRLACTION_COOPERATE. */
    public static final int CTRLACTION_COOPERATE = 4;
    /** Synchronize messageType SYNCMSGTYPE_SYNC. */
    public static final int SYNCMSGTYPE_SYNC = 1;
    /** Share Data Header streamId STREAM_MED, as Windows marks its finalisation PDUs (4.1.20 to 4.1.22). */
    private static final int STREAM_MED = 2;
    /** The sourceDescriptor Windows sends: "RDP" and a zero byte. */
    private static final byte[] SOURCE_DESCRIPTOR = {'R', 'D', 'P', 0};
    private static final int SHARE_CONTROL_HEADER = 6;
    private static final int SHARE_DATA_HEADER = 12;

    private SharePduWriters() {
    }

    /**
     * A Demand Active PDU's user data.
     *
     * @param shareId the share id the client echoes (Windows: 0x000103EA)
     * @param pduSource the server's channel id (1002)
     * @param capabilities the capability sets, as {@link ServerCapabilitySets} writes them
     * @param sessionId the session id
     */
    public static byte[] demandActive(long shareId, int pduSource, ServerCapabilitySets.Combined capabilities, long sessionId) {
        Objects.requireNonNull(capabilities, "capabilities");
        byte[] sets = capabilities.bytes();
        int combined = 4 + sets.length; // numberCapabilities, pad2Octets, the sets
        int total = SHARE_CONTROL_HEADER + 4 + 2 + 2 + SOURCE_DESCRIPTOR.length + combined + 4;
        checkLength(total);
        return PduBytes.encode(total, out -> {
            out.writeShortLE(total).writeShortLE(PDUTYPE_DEMANDACTIVEPDU | TS_PROTOCOL_VERSION).writeShortLE(pduSource);
            out.writeIntLE((int) shareId).writeShortLE(SOURCE_DESCRIPTOR.length).writeShortLE(combined).writeBytes(SOURCE_DESCRIPTOR);
            out.writeShortLE(capabilities.count()).writeShortLE(0).writeBytes(sets);
            out.writeIntLE((int) sessionId);
        });
    }

    /**
     * A data PDU's user data: Share Control Header (PDUTYPE_DATAPDU), Share Data Header (stream medium, uncompressed)
     * and {@code payload}.
     */
    public static byte[] dataPdu(long shareId, int pduSource, int pduType2, byte[] payload) {
        int total = SHARE_CONTROL_HEADER + SHARE_DATA_HEADER + payload.length;
        checkLength(total);
        return PduBytes.encode(total, out -> {
            out.writeShortLE(total).writeShortLE(PDUTYPE_DATAPDU | TS_PROTOCOL_VERSION).writeShortLE(pduSource);
            out.writeIntLE((int) shareId).writeByte(0).writeByte(STREAM_MED)
                    .writeShortLE(payload.length + 4) // uncompressedLength counts from pduType2 ([MS-RDPBCGR] 2.2.8.1.1.1.2)
                    .writeByte(pduType2).writeByte(0).writeShortLE(0);
            out.writeBytes(payload);
        });
    }

    /** The Synchronize PDU's payload: SYNCMSGTYPE_SYNC and {@code targetUser}. */
    public static byte[] synchronize(int targetUser) {
        return PduBytes.encode(4, out -> out.writeShortLE(SYNCMSGTYPE_SYNC).writeShortLE(targetUser));
    }

    /** A Control PDU's payload: {@code action}, grantId, controlId. */
    public static byte[] control(int action, int grantId, long controlId) {
        return PduBytes.encode(8, out -> out.writeShortLE(action).writeShortLE(grantId).writeIntLE((int) controlId));
    }

    /** The Font Map PDU's payload: no entries, FONTMAP_FIRST | FONTMAP_LAST, entry size 4 (as Windows sends). */
    public static byte[] fontMap() {
        return PduBytes.encode(8, out -> out.writeShortLE(0).writeShortLE(0).writeShortLE(0x0003).writeShortLE(0x0004));
    }

    private static void checkLength(int total) {
        if (total > McsDomainWriters.MAX_USER_DATA) {
            throw new IllegalArgumentException("a share PDU of " + total + " bytes; at most " + McsDomainWriters.MAX_USER_DATA);
        }
    }
}
