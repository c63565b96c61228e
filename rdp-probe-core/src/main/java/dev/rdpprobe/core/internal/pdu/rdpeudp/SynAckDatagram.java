package dev.rdpprobe.core.internal.pdu.rdpeudp;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;
import java.util.Locale;
import java.util.Objects;

/**
 * The server's SYN+ACK datagram ([MS-RDPEUDP] 3.1.5.1.2): a SYN whose snSourceAck echoes the client's
 * initial sequence number and whose flags add ACK. Despite the ACK flag, no ACK vector follows the
 * header (3.1.5.1.3): SYNDATA comes straight after it. Padded like the SYN. All fields big-endian.
 *
 * <p>The decoder reports snSourceAck; checking that it echoes the SYN's sequence number is the
 * caller's job (it alone knows the SYN).
 *
 * @param acknowledgedSequenceNumber snSourceAck: the client's snInitialSequenceNumber, if the server is right
 * @param receiveWindow uReceiveWindowSize, 0..65535
 * @param flags uFlags: SYN and ACK set, CORRELATION_ID and SYNEX set exactly when their payloads are present;
 *     other bits are kept as received
 * @param synData the server's initial sequence number and MTUs
 * @param correlationId a correlation id, or {@code null} (servers do not normally send one)
 * @param synDataEx the version the server chose, or {@code null}; never with a cookie hash
 */
public record SynAckDatagram(
        int acknowledgedSequenceNumber,
        int receiveWindow,
        int flags,
        SynDataPayload synData,
        CorrelationIdPayload correlationId,
        SynDataExPayload synDataEx) {

    /** The PDU name in errors. */
    public static final String PDU = "RDPEUDP SYN+ACK";

    /**
     * @throws IllegalArgumentException if a field is out of range or the flags contradict the payloads
     */
    public SynAckDatagram {
        Objects.requireNonNull(synData, "synData");
        if ((receiveWindow & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("receiveWindow is 16-bit, was " + receiveWindow);
        }
        int synAck = RdpUdpFlags.SYN | RdpUdpFlags.ACK;
        if ((flags & ~0xFFFF) != 0 || (flags & synAck) != synAck) {
            throw new IllegalArgumentException("a SYN+ACK has SYN and ACK set; flags " + RdpUdpFlags.describe(flags));
        }
        SynPayloads.checkPresenceFlags(flags, correlationId, synDataEx);
        if (synDataEx != null && synDataEx.cookieHash() != null) {
            throw new IllegalArgumentException("a SYN+ACK never carries a cookie hash ([MS-RDPEUDP] 2.2.2.9)");
        }
    }

    /**
     * A SYN+ACK whose flags follow from its payloads (SYN|ACK, plus SYNEX if a version is given).
     *
     * @param acknowledgedSequenceNumber the client's initial sequence number
     * @param receiveWindow uReceiveWindowSize
     * @param synData the server's sequence number and MTUs
     * @param synDataEx the chosen version, or {@code null}
     * @return the SYN+ACK
     */
    public static SynAckDatagram of(int acknowledgedSequenceNumber, int receiveWindow, SynDataPayload synData,
            SynDataExPayload synDataEx) {
        int flags = RdpUdpFlags.SYN | RdpUdpFlags.ACK | (synDataEx == null ? 0 : RdpUdpFlags.SYNEX);
        return new SynAckDatagram(acknowledgedSequenceNumber, receiveWindow, flags, synData, null, synDataEx);
    }

    /** The version the server chose, if it sent SYNDATAEX marked valid; else {@code null} (which means version 1). */
    public Integer chosenVersion() {
        return synDataEx != null && synDataEx.versionValid() ? synDataEx.udpVersion() : null;
    }

    /**
     * Decodes one whole datagram (from the reader index to the writer index). Padding is not required
     * and is skipped unread.
     *
     * @param in the datagram; its reader index ends at its end
     * @return the SYN+ACK
     * @throws MalformedPduException if it is truncated, the flags lack SYN or ACK, or an MTU is out of range
     */
    public static SynAckDatagram decode(ByteBuf in) {
        PduCursor datagram = PduCursor.over(PDU, in);
        SynPayloads.require(datagram, SynPayloads.FEC_HEADER_SIZE, "RDPUDP_FEC_HEADER");
        int snSourceAck = (int) datagram.u32be("snSourceAck");
        int window = datagram.u16be("uReceiveWindowSize");
        int flags = datagram.u16be("uFlags");
        int synAck = RdpUdpFlags.SYN | RdpUdpFlags.ACK;
        if ((flags & synAck) != synAck) {
            throw new MalformedPduException(PDU, "uFlags", 6,
                    RdpUdpFlags.describe(flags) + " is not a SYN+ACK (needs SYN and ACK)");
        }
        SynPayloads payloads = SynPayloads.decode(datagram, flags, false);
        in.readerIndex(in.writerIndex());
        return new SynAckDatagram(snSourceAck, window, flags, payloads.synData(), payloads.correlationId(),
                payloads.synDataEx());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SynAckDatagram[snSourceAck=0x%08X, window=%d, flags=%s, %s, %s, %s]",
                acknowledgedSequenceNumber, receiveWindow, RdpUdpFlags.describe(flags), synData, correlationId, synDataEx);
    }

    /** The payloads, for a writer of the datagram ({@link SynPayloads#datagram}). */
    public SynPayloads payloads() {
        return new SynPayloads(synData, correlationId, synDataEx);
    }
}
