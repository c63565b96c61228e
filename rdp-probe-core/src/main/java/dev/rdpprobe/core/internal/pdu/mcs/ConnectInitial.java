package dev.rdpprobe.core.internal.pdu.mcs;

import dev.rdpprobe.core.internal.pdu.tpkt.Tpkt;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * The client's MCS Connect Initial PDU with GCC Conference Create Request ([MS-RDPBCGR] 2.2.1.3): TPKT,
 * X.224 Data, the BER Connect-Initial of T.125 with the domain parameters of the 4.1.3 example, and as its
 * userData the PER ConnectData carrying the client data blocks.
 *
 * @param blocks the client data blocks
 */
public record ConnectInitial(ClientDataBlocks blocks) {

    /** The X.224 Data TPDU header (LI 2, DT, EOT). */
    static final byte[] X224_DATA = {0x02, (byte) 0xF0, (byte) 0x80};
    /** BER tag of Connect-Initial: [APPLICATION 101], constructed, in the high-tag-number form. */
    static final byte[] TAG = {0x7F, 0x65};

    public ConnectInitial {
        Objects.requireNonNull(blocks, "blocks");
    }

    private int connectPduLength() {
        int b = blocks.encodedLength();
        return Gcc.CREATE_REQUEST_HEADER.length + Per.lengthSize(b) + b;
    }

    private int gccLength() {
        int c = connectPduLength();
        return Gcc.T124_KEY.length + Per.lengthSize(c) + c;
    }

    private int mcsContentLength() {
        int g = gccLength();
        return 3 + 3 + 3 + DomainParameters.TARGET.encodedLength() + DomainParameters.MINIMUM.encodedLength()
                + DomainParameters.MAXIMUM.encodedLength() + 1 + Ber.lengthSize(g) + g;
    }

    /** Encoded length, TPKT header included. */
    public int encodedLength() {
        int m = mcsContentLength();
        return Tpkt.HEADER_LENGTH + X224_DATA.length + TAG.length + Ber.lengthSize(m) + m;
    }

    /** Writes the TPKT-framed PDU. */
    public void encode(ByteBuf out) {
        Tpkt.writeHeader(out, encodedLength());
        out.writeBytes(X224_DATA);
        out.writeBytes(TAG);
        Ber.writeLength(out, mcsContentLength());
        out.writeByte(Ber.TAG_OCTET_STRING).writeByte(1).writeByte(1); // callingDomainSelector
        out.writeByte(Ber.TAG_OCTET_STRING).writeByte(1).writeByte(1); // calledDomainSelector
        out.writeByte(Ber.TAG_BOOLEAN).writeByte(1).writeByte(0xFF); // upwardFlag TRUE
        DomainParameters.TARGET.encode(out);
        DomainParameters.MINIMUM.encode(out);
        DomainParameters.MAXIMUM.encode(out);
        out.writeByte(Ber.TAG_OCTET_STRING);
        Ber.writeLength(out, gccLength());
        out.writeBytes(Gcc.T124_KEY);
        Per.writeLength(out, connectPduLength());
        out.writeBytes(Gcc.CREATE_REQUEST_HEADER);
        Per.writeLength(out, blocks.encodedLength());
        blocks.encode(out);
    }
}
