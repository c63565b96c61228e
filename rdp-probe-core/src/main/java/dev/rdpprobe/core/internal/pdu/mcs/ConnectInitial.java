package dev.rdpprobe.core.internal.pdu.mcs;

import dev.rdpprobe.core.internal.pdu.PduCursor;
import dev.rdpprobe.core.internal.pdu.tpkt.Tpkt;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
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

    /**
     * Decodes one TPKT-framed Connect Initial at the reader index and consumes it (the fake server's side);
     * the domain parameters are read and not kept, client blocks of other types are skipped.
     *
     * @throws dev.rdpprobe.core.internal.pdu.MalformedPduException on any malformed field
     */
    public static ConnectInitial decode(ByteBuf in) {
        String pdu = "MCS Connect Initial";
        PduCursor r = Tpkt.open(in, pdu);
        byte[] dt = r.bytes(X224_DATA.length, "X.224 Data header");
        if (!Arrays.equals(dt, X224_DATA)) {
            throw r.error("X.224 Data header", 4, "expected 02 F0 80");
        }
        int tagAt = r.offset();
        if (r.u8("Connect-Initial tag") != 0x7F || r.u8("Connect-Initial tag") != 0x65) {
            throw r.error("Connect-Initial tag", tagAt, "expected 7F 65");
        }
        PduCursor c = r.window(Ber.readLength(r, "Connect-Initial length"), "Connect-Initial");
        r.expectEnd(pdu);
        Ber.readTlv(c, Ber.TAG_OCTET_STRING, "callingDomainSelector");
        Ber.readTlv(c, Ber.TAG_OCTET_STRING, "calledDomainSelector");
        Ber.readTlv(c, Ber.TAG_BOOLEAN, "upwardFlag");
        DomainParameters.decode(c, "targetParameters");
        DomainParameters.decode(c, "minimumParameters");
        DomainParameters.decode(c, "maximumParameters");
        PduCursor userData = Ber.readTlv(c, Ber.TAG_OCTET_STRING, "userData");
        c.expectEnd("Connect-Initial");
        int keyAt = userData.offset();
        if (!Arrays.equals(userData.bytes(Math.min(Gcc.T124_KEY.length, userData.remaining()), "t124Identifier"), Gcc.T124_KEY)) {
            throw userData.error("t124Identifier", keyAt, "not the T.124 object identifier 0.0.20.124.0.1");
        }
        PduCursor connectPdu = userData.window(Per.readLength(userData, "connectPDU length"), "connectPDU");
        int headerAt = connectPdu.offset();
        byte[] header = connectPdu.bytes(Math.min(Gcc.CREATE_REQUEST_HEADER.length, connectPdu.remaining()),
                "ConferenceCreateRequest");
        if (!Arrays.equals(header, Gcc.CREATE_REQUEST_HEADER)) {
            throw connectPdu.error("ConferenceCreateRequest", headerAt, "not the ConferenceCreateRequest RDP sends (key \"Duca\")");
        }
        PduCursor blocks = connectPdu.window(Per.readLength(connectPdu, "userData length"), "client data blocks");
        return new ConnectInitial(ClientDataBlocks.decode(blocks));
    }
}
