package dev.rdpprobe.testkit.wire;

import dev.rdpprobe.core.internal.pdu.PduBytes;
import dev.rdpprobe.core.internal.pdu.tpkt.Tpkt;
import dev.rdpprobe.core.internal.pdu.x224.NegotiationData;
import dev.rdpprobe.core.internal.pdu.x224.TpduCode;
import io.netty.buffer.ByteBuf;

/** The fake server's X.224 replies to a Connection Request, TPKT-framed, as Windows and FreeRDP write them. */
public final class X224Writers {

    private X224Writers() {
    }

    /** Encoded length of a Connection Confirm, TPKT header included: 11, or 19 with negotiation data. */
    public static int connectionConfirmLength(NegotiationData negotiation) {
        return Tpkt.HEADER_LENGTH + 7 + (negotiation == null ? 0 : 8);
    }

    /**
     * Writes an X.224 Connection Confirm ([MS-RDPBCGR] 2.2.1.2).
     *
     * @param sourceReference SRC-REF (Windows sets 0x1234)
     * @param negotiation RDP_NEG_RSP / RDP_NEG_FAILURE, or {@code null} for a legacy confirm without negotiation data
     */
    public static void writeConnectionConfirm(ByteBuf out, int sourceReference, NegotiationData negotiation) {
        int total = connectionConfirmLength(negotiation);
        Tpkt.writeHeader(out, total);
        out.writeByte(total - Tpkt.HEADER_LENGTH - 1);
        out.writeByte(TpduCode.CC);
        out.writeShort(0);
        out.writeShort(sourceReference);
        out.writeByte(0);
        if (negotiation instanceof NegotiationData.Response rsp) {
            out.writeByte(NegotiationData.Response.TYPE);
            out.writeByte(rsp.flags());
            out.writeShortLE(8);
            out.writeIntLE(rsp.selectedProtocol().bits());
        } else if (negotiation instanceof NegotiationData.Failure f) {
            out.writeByte(NegotiationData.Failure.TYPE);
            out.writeByte(0);
            out.writeShortLE(8);
            out.writeIntLE(f.code().value());
        }
    }

    /** A Connection Confirm as {@link #writeConnectionConfirm} writes it, in a new array of exactly its size. */
    public static byte[] connectionConfirm(int sourceReference, NegotiationData negotiation) {
        return PduBytes.encode(connectionConfirmLength(negotiation), out -> writeConnectionConfirm(out, sourceReference, negotiation));
    }

    /** Writes the 11-byte X.224 Disconnect Request as FreeRDP would: {@code 03 00 00 0B 06 80 00 00 00 00 rr}. */
    public static void writeDisconnectRequest(ByteBuf out, int reason) {
        Tpkt.writeHeader(out, 11);
        out.writeByte(6);
        out.writeByte(TpduCode.DR);
        out.writeShort(0);
        out.writeShort(0);
        out.writeByte(reason);
    }
}
