package dev.rdpprobe.core.internal.pdu.rdpeudp;

import dev.rdpprobe.core.internal.pdu.PduBytes;
import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;

/**
 * The part that SYN and SYN+ACK datagrams share after RDPUDP_FEC_HEADER ([MS-RDPEUDP] 3.1.5.1.1):
 * SYNDATA, then CORRELATION_ID if flagged, then SYNDATAEX if flagged, then zero padding. Every read is
 * bounded first; nothing is allocated from a length read off the wire. {@link #datagram} writes the
 * layout both share (the probe's SYN uses it; the fake server's SYN+ACK writer, in the testkit, too).
 *
 * @param synData SYNDATA
 * @param correlationId CORRELATION_ID, or {@code null}
 * @param synDataEx SYNDATAEX, or {@code null}
 */
public record SynPayloads(SynDataPayload synData, CorrelationIdPayload correlationId, SynDataExPayload synDataEx) {

    /** RDPUDP_FEC_HEADER size. */
    static final int FEC_HEADER_SIZE = 8;

    /** Size of the header and payloads without padding. */
    int unpaddedSize() {
        return FEC_HEADER_SIZE + SynDataPayload.SIZE + (correlationId == null ? 0 : CorrelationIdPayload.SIZE)
                + (synDataEx == null ? 0 : synDataEx.encodedSize());
    }

    /** The size of a datagram with these payloads: the smaller MTU (the spec's padding rule), or more if they need it. */
    public int datagramSize() {
        return Math.max(synData.paddedDatagramSize(), unpaddedSize());
    }

    /**
     * A whole datagram, padding included: RDPUDP_FEC_HEADER with these fields, then the payloads.
     *
     * @param snSourceAck snSourceAck (-1 in a SYN, the acknowledged sequence number in a SYN+ACK)
     * @param receiveWindow uReceiveWindowSize
     * @param flags uFlags, which the caller has checked against the payloads
     */
    public static byte[] datagram(int snSourceAck, int receiveWindow, int flags, SynPayloads payloads) {
        return PduBytes.encode(payloads.datagramSize(), out -> encode(out, snSourceAck, receiveWindow, flags, payloads));
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

    /** Checks that {@code needed} bytes remain in the datagram. */
    static void require(PduCursor datagram, int needed, String field) {
        if (datagram.remaining() < needed) {
            throw datagram.error(field, "needs " + needed + " bytes but only " + datagram.remaining()
                    + " remain; the datagram is " + datagram.endOffset() + " bytes");
        }
    }

    /**
     * Reads the payloads that {@code flags} announce; the padding after them (the rest of the
     * datagram) is left unread.
     *
     * @param cookieHashAllowed whether a version-3 SYNDATAEX carries a cookie hash (client SYN only)
     */
    static SynPayloads decode(PduCursor datagram, int flags, boolean cookieHashAllowed) {
        require(datagram, SynDataPayload.SIZE, "RDPUDP_SYNDATA_PAYLOAD");
        SynDataPayload synData = SynDataPayload.decode(datagram);
        CorrelationIdPayload correlationId = null;
        if ((flags & RdpUdpFlags.CORRELATION_ID) != 0) {
            require(datagram, CorrelationIdPayload.SIZE, "RDPUDP_CORRELATION_ID_PAYLOAD");
            correlationId = CorrelationIdPayload.decode(datagram);
        }
        SynDataExPayload synDataEx = null;
        if ((flags & RdpUdpFlags.SYNEX) != 0) {
            require(datagram, SynDataExPayload.SIZE, "RDPUDP_SYNDATAEX_PAYLOAD");
            int synExFlags = datagram.u16be("uSynExFlags");
            int version = datagram.u16be("uUdpVer");
            byte[] cookieHash = null;
            if (cookieHashAllowed && version == SynDataExPayload.VERSION_3) {
                require(datagram, SynDataExPayload.COOKIE_HASH_LENGTH, "cookieHash");
                cookieHash = datagram.bytes(SynDataExPayload.COOKIE_HASH_LENGTH, "cookieHash");
            }
            synDataEx = new SynDataExPayload(synExFlags, version, cookieHash);
        }
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
