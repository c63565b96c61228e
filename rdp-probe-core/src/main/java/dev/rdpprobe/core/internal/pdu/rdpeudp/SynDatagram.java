package dev.rdpprobe.core.internal.pdu.rdpeudp;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduBytes;
import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;
import java.util.Locale;
import java.util.Objects;

/**
 * The client's SYN datagram ([MS-RDPEUDP] 3.1.5.1.1): RDPUDP_FEC_HEADER with snSourceAck −1,
 * RDPUDP_SYNDATA_PAYLOAD, optionally RDPUDP_CORRELATION_ID_PAYLOAD and RDPUDP_SYNDATAEX_PAYLOAD,
 * zero-padded to the smaller of its two MTUs (1232 bytes with the usual MTUs). All fields big-endian.
 *
 * @param receiveWindow uReceiveWindowSize, 0..65535
 * @param flags uFlags: SYN set, ACK clear, CORRELATION_ID and SYNEX set exactly when their payloads are present
 * @param synData the sequence number and MTUs
 * @param correlationId the correlation id, or {@code null}
 * @param synDataEx the version offer, or {@code null}
 */
public record SynDatagram(
        int receiveWindow, int flags, SynDataPayload synData, CorrelationIdPayload correlationId, SynDataExPayload synDataEx) {

    /** The PDU name in errors. */
    public static final String PDU = "RDPEUDP SYN";
    /** snSourceAck of every SYN. */
    public static final int SN_SOURCE_ACK = -1;

    /**
     * @throws IllegalArgumentException if a field is out of range or the flags contradict the payloads
     */
    public SynDatagram {
        Objects.requireNonNull(synData, "synData");
        if ((receiveWindow & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("receiveWindow is 16-bit, was " + receiveWindow);
        }
        if ((flags & ~0xFFFF) != 0 || (flags & RdpUdpFlags.SYN) == 0 || (flags & RdpUdpFlags.ACK) != 0) {
            throw new IllegalArgumentException("a SYN has SYN set and ACK clear; flags " + RdpUdpFlags.describe(flags));
        }
        SynPayloads.checkPresenceFlags(flags, correlationId, synDataEx);
        if (synDataEx != null && synDataEx.udpVersion() == SynDataExPayload.VERSION_3 && synDataEx.cookieHash() == null) {
            throw new IllegalArgumentException("a SYN offering version 3 must carry the cookie hash ([MS-RDPEUDP] 2.2.2.9)");
        }
    }

    /**
     * A SYN whose flags follow from its payloads (SYN, plus CORRELATION_ID and SYNEX as present).
     *
     * @param receiveWindow uReceiveWindowSize
     * @param synData sequence number and MTUs
     * @param correlationId the correlation id, or {@code null}
     * @param synDataEx the version offer, or {@code null}
     * @return the SYN
     */
    public static SynDatagram of(int receiveWindow, SynDataPayload synData, CorrelationIdPayload correlationId,
            SynDataExPayload synDataEx) {
        int flags = RdpUdpFlags.SYN
                | (correlationId == null ? 0 : RdpUdpFlags.CORRELATION_ID)
                | (synDataEx == null ? 0 : RdpUdpFlags.SYNEX);
        return new SynDatagram(receiveWindow, flags, synData, correlationId, synDataEx);
    }

    /** The encoded size: the smaller MTU (the spec's padding rule). */
    public int encodedSize() {
        return payloads().datagramSize();
    }

    /**
     * Writes the datagram, padding included.
     *
     * @param out where to write
     */
    public void encode(ByteBuf out) {
        SynPayloads.encode(out, SN_SOURCE_ACK, receiveWindow, flags, payloads());
    }

    /** The datagram as a new array, padding included. */
    public byte[] toBytes() {
        return PduBytes.encode(encodedSize(), this::encode);
    }

    /**
     * Decodes one whole datagram (from the reader index to the writer index). Padding is not required
     * and is skipped unread.
     *
     * @param in the datagram; its reader index ends at its end
     * @return the SYN
     * @throws MalformedPduException if it is truncated, snSourceAck is not −1, the flags are not a SYN's,
     *     or an MTU is out of range
     */
    public static SynDatagram decode(ByteBuf in) {
        PduCursor datagram = PduCursor.over(PDU, in);
        SynPayloads.require(datagram, SynPayloads.FEC_HEADER_SIZE, "RDPUDP_FEC_HEADER");
        int snSourceAck = (int) datagram.u32be("snSourceAck");
        int window = datagram.u16be("uReceiveWindowSize");
        int flags = datagram.u16be("uFlags");
        if (snSourceAck != SN_SOURCE_ACK) {
            throw new MalformedPduException(PDU, "snSourceAck", 0,
                    String.format(Locale.ROOT, "0x%08X; a SYN carries -1 (0xFFFFFFFF)", snSourceAck));
        }
        if ((flags & RdpUdpFlags.SYN) == 0 || (flags & RdpUdpFlags.ACK) != 0) {
            throw new MalformedPduException(PDU, "uFlags", 6,
                    RdpUdpFlags.describe(flags) + " is not a SYN (needs SYN without ACK)");
        }
        SynPayloads payloads = SynPayloads.decode(datagram, flags, true);
        in.readerIndex(in.writerIndex());
        return new SynDatagram(window, flags, payloads.synData(), payloads.correlationId(), payloads.synDataEx());
    }

    private SynPayloads payloads() {
        return new SynPayloads(synData, correlationId, synDataEx);
    }
}
