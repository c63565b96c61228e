package dev.rdpprobe.core.internal.pdu.rdpeudp;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import io.netty.buffer.ByteBuf;

/**
 * The part that SYN and SYN+ACK datagrams share after RDPUDP_FEC_HEADER ([MS-RDPEUDP] 3.1.5.1.1):
 * SYNDATA, then CORRELATION_ID if flagged, then SYNDATAEX if flagged, then zero padding. Every read is
 * bounded first; nothing is allocated from a length read off the wire.
 */
record SynPayloads(SynDataPayload synData, CorrelationIdPayload correlationId, SynDataExPayload synDataEx) {

    /** RDPUDP_FEC_HEADER size. */
    static final int FEC_HEADER_SIZE = 8;

    /** Size of the header and payloads without padding. */
    int unpaddedSize() {
        return FEC_HEADER_SIZE + SynDataPayload.SIZE + (correlationId == null ? 0 : CorrelationIdPayload.SIZE)
                + (synDataEx == null ? 0 : synDataEx.encodedSize());
    }

    /** Writes header, payloads and zero padding up to the smaller MTU. */
    static void encode(ByteBuf out, int snSourceAck, int receiveWindow, int flags, SynPayloads payloads) {
        int start = out.writerIndex();
        out.writeInt(snSourceAck);
        out.writeShort(receiveWindow);
        out.writeShort(flags);
        payloads.synData.encode(out);
        if (payloads.correlationId != null) {
            payloads.correlationId.encode(out);
        }
        if (payloads.synDataEx != null) {
            payloads.synDataEx.encode(out);
        }
        int padding = payloads.synData.paddedDatagramSize() - (out.writerIndex() - start);
        out.writeZero(Math.max(0, padding));
    }

    /**
     * Checks that {@code needed} bytes remain.
     *
     * @param start the reader index where the datagram began
     */
    static void require(ByteBuf in, int start, int needed, String pdu, String field) {
        if (in.readableBytes() < needed) {
            int offset = in.readerIndex() - start;
            throw new MalformedPduException(pdu, field, offset, "needs " + needed + " bytes but only "
                    + in.readableBytes() + " remain; the datagram is " + (in.writerIndex() - start) + " bytes");
        }
    }

    /**
     * Reads the payloads that {@code flags} announce, then skips the padding (the rest of the datagram).
     *
     * @param start the reader index where the datagram began
     * @param cookieHashAllowed whether a version-3 SYNDATAEX carries a cookie hash (client SYN only)
     */
    static SynPayloads decode(ByteBuf in, int start, int flags, String pdu, boolean cookieHashAllowed) {
        require(in, start, SynDataPayload.SIZE, pdu, "RDPUDP_SYNDATA_PAYLOAD");
        SynDataPayload synData = SynDataPayload.decode(in, pdu, in.readerIndex() - start);
        CorrelationIdPayload correlationId = null;
        if ((flags & RdpUdpFlags.CORRELATION_ID) != 0) {
            require(in, start, CorrelationIdPayload.SIZE, pdu, "RDPUDP_CORRELATION_ID_PAYLOAD");
            correlationId = CorrelationIdPayload.decode(in);
        }
        SynDataExPayload synDataEx = null;
        if ((flags & RdpUdpFlags.SYNEX) != 0) {
            require(in, start, SynDataExPayload.SIZE, pdu, "RDPUDP_SYNDATAEX_PAYLOAD");
            int synExFlags = in.readUnsignedShort();
            int version = in.readUnsignedShort();
            byte[] cookieHash = null;
            if (cookieHashAllowed && version == SynDataExPayload.VERSION_3) {
                require(in, start, SynDataExPayload.COOKIE_HASH_LENGTH, pdu, "cookieHash");
                cookieHash = new byte[SynDataExPayload.COOKIE_HASH_LENGTH];
                in.readBytes(cookieHash);
            }
            synDataEx = new SynDataExPayload(synExFlags, version, cookieHash);
        }
        in.skipBytes(in.readableBytes());
        return new SynPayloads(synData, correlationId, synDataEx);
    }

    /** Checks that the presence flags match the payloads. */
    static void checkPresenceFlags(int flags, CorrelationIdPayload correlationId, SynDataExPayload synDataEx) {
        if (((flags & RdpUdpFlags.CORRELATION_ID) != 0) != (correlationId != null)) {
            throw new IllegalArgumentException("the CORRELATION_ID flag must be set exactly when a correlation id is present; flags "
                    + RdpUdpFlags.describe(flags));
        }
        if (((flags & RdpUdpFlags.SYNEX) != 0) != (synDataEx != null)) {
            throw new IllegalArgumentException("the SYNEX flag must be set exactly when SYNDATAEX is present; flags "
                    + RdpUdpFlags.describe(flags));
        }
    }
}
