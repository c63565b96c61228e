package dev.rdpprobe.testkit.wire;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduCursor;

/**
 * A client's slow-path share PDU inside TLS (no security header), as the fake server reads it from a Send Data
 * Request's user data ([MS-RDPBCGR] 2.2.8.1.1.1): a Confirm Active PDU, a data PDU (its pduType2 and, for a Control
 * PDU, the action), a flow control PDU, or another share PDU by its type. Nothing of a data PDU's payload is kept
 * (an input PDU carries keystrokes).
 */
public sealed interface ClientSharePdu {

    /** The PDU name errors carry. */
    String PDU = "share PDU";

    /** A Confirm Active PDU (2.2.1.13.2) for {@code shareId}, with {@code capabilityCount} capability sets. */
    record ConfirmActive(long shareId, int capabilityCount) implements ClientSharePdu {
    }

    /**
     * A data PDU.
     *
     * @param shareId the share it belongs to
     * @param pduType2 what it is (PDUTYPE2_SYNCHRONIZE, PDUTYPE2_CONTROL, PDUTYPE2_FONTLIST …)
     * @param controlAction for a Control PDU its action, else -1
     */
    record Data(long shareId, int pduType2, int controlAction) implements ClientSharePdu {
    }

    /** A flow control PDU (totalLength 0x8000), which needs no answer. */
    record FlowControl() implements ClientSharePdu {
    }

    /** Another share PDU, by its Share Control Header type (a Deactivate All, …). */
    record Other(int pduType) implements ClientSharePdu {
    }

    /**
     * Reads the share PDU at the start of {@code userData}; bytes after it (a client may batch PDUs) are not read.
     *
     * @throws MalformedPduException naming the field and its offset from the user data's first byte
     */
    static ClientSharePdu decode(byte[] userData) {
        PduCursor r = PduCursor.over(PDU, userData);
        int totalLength = r.u16le("shareControlHeader.totalLength");
        if (totalLength == 0x8000) {
            return new FlowControl();
        }
        if (totalLength < 6 || totalLength > userData.length) {
            throw r.error("shareControlHeader.totalLength", 0, "length " + totalLength + " is below 6 or beyond the "
                    + userData.length + " bytes of user data");
        }
        PduCursor pdu = PduCursor.over(PDU, userData);
        pdu.skip(2, "shareControlHeader.totalLength");
        PduCursor body = pdu.window(totalLength - 2, "share PDU");
        int type = body.u16le("shareControlHeader.pduType") & 0x0F;
        body.skip(2, "shareControlHeader.pduSource");
        switch (type) {
            case SharePduWriters.PDUTYPE_CONFIRMACTIVEPDU: {
                long shareId = body.u32le("TS_CONFIRM_ACTIVE_PDU.shareID");
                body.skip(2, "TS_CONFIRM_ACTIVE_PDU.originatorID");
                int sourceLength = body.u16le("TS_CONFIRM_ACTIVE_PDU.lengthSourceDescriptor");
                int capsAt = body.offset();
                int combined = body.u16le("TS_CONFIRM_ACTIVE_PDU.lengthCombinedCapabilities");
                body.skip(sourceLength, "TS_CONFIRM_ACTIVE_PDU.sourceDescriptor");
                if (combined < 4 || combined > body.remaining()) {
                    throw body.error("TS_CONFIRM_ACTIVE_PDU.lengthCombinedCapabilities", capsAt, "length " + combined
                            + " is below 4 or beyond the " + body.remaining() + " bytes that follow");
                }
                PduCursor caps = body.window(combined, "capabilities");
                int count = caps.u16le("TS_CONFIRM_ACTIVE_PDU.numberCapabilities");
                caps.skip(2, "TS_CONFIRM_ACTIVE_PDU.pad2Octets");
                for (int i = 0; i < count; i++) {
                    int setAt = caps.offset();
                    caps.skip(2, "capabilitySetType");
                    int length = caps.u16le("lengthCapability");
                    if (length < 4) {
                        throw caps.error("lengthCapability", setAt + 2, "length " + length + " is below the 4-byte header");
                    }
                    caps.skip(length - 4, "capabilityData");
                }
                return new ConfirmActive(shareId, count);
            }
            case SharePduWriters.PDUTYPE_DATAPDU: {
                long shareId = body.u32le("shareDataHeader.shareId");
                body.skip(4, "shareDataHeader.pad1, streamId, uncompressedLength");
                int pduType2 = body.u8("shareDataHeader.pduType2");
                int compressed = body.u8("shareDataHeader.compressedType");
                body.skip(2, "shareDataHeader.compressedLength");
                int action = -1;
                if (pduType2 == SharePduWriters.PDUTYPE2_CONTROL && (compressed & 0x20) == 0) { // not PACKET_COMPRESSED
                    action = body.u16le("TS_CONTROL_PDU.action");
                }
                return new Data(shareId, pduType2, action);
            }
            default:
                return new Other(type);
        }
    }
}
