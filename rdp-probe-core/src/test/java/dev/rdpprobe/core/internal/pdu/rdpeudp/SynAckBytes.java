package dev.rdpprobe.core.internal.pdu.rdpeudp;

/**
 * SYN+ACK datagrams as inputs for the probe's tests (the fake server's writer lives in the testkit,
 * which core's tests cannot use): the shared datagram layout with a SYN+ACK's fields.
 */
public final class SynAckBytes {

    private SynAckBytes() {
    }

    /** The datagram, padding included. */
    public static byte[] of(SynAckDatagram ack) {
        return SynPayloads.datagram(ack.acknowledgedSequenceNumber(), ack.receiveWindow(), ack.flags(), ack.payloads());
    }
}
