package dev.rdpprobe.testkit.wire;

import dev.rdpprobe.core.internal.pdu.rdpeudp.SynAckDatagram;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynPayloads;

/** The fake UDP server's RDPEUDP datagrams. */
public final class RdpeudpWriters {

    private RdpeudpWriters() {
    }

    /**
     * The SYN+ACK datagram, padding included: snSourceAck (the client's initial sequence number),
     * uReceiveWindowSize, uFlags, SYNDATA, then CORRELATION_ID and SYNDATAEX as flagged, padded to the
     * smaller MTU ([MS-RDPEUDP] 3.1.5.1.1).
     */
    public static byte[] synAck(SynAckDatagram ack) {
        return SynPayloads.datagram(ack.acknowledgedSequenceNumber(), ack.receiveWindow(), ack.flags(), ack.payloads());
    }
}
