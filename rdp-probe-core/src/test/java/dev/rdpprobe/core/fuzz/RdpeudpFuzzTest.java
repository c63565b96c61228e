package dev.rdpprobe.core.fuzz;

import static dev.rdpprobe.core.fuzz.Decoding.check;
import static dev.rdpprobe.core.fuzz.Decoding.decodeOrNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynAckBytes;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynAckDatagram;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDatagram;
import io.netty.buffer.Unpooled;

/** Fuzz targets for the RDPEUDP decoders. Seeds: vectors.md F1–F4 and a SYN+ACK with SYNDATAEX. */
class RdpeudpFuzzTest {

    /** Any datagram: a SYN+ACK or MalformedPdu; a decoded one re-encodes (padded) to an equal one. */
    @FuzzTest
    void synAckDatagram(byte[] input) {
        SynAckDatagram synAck = decodeOrNull(input, SynAckDatagram::decode);
        if (synAck != null) {
            byte[] bytes = SynAckBytes.of(synAck);
            check(bytes.length == synAck.payloads().datagramSize(), "datagramSize disagrees with the datagram");
            SynAckDatagram again = SynAckDatagram.decode(Unpooled.wrappedBuffer(bytes));
            check(again.equals(synAck), "round trip changed " + synAck + " into " + again);
        }
    }

    /** Any datagram: a SYN or MalformedPdu; a decoded one re-encodes (padded) to an equal one. */
    @FuzzTest
    void synDatagram(byte[] input) {
        SynDatagram syn = decodeOrNull(input, SynDatagram::decode);
        if (syn != null) {
            byte[] bytes = syn.toBytes();
            check(bytes.length == syn.encodedSize(), "encodedSize disagrees with encode");
            SynDatagram again = SynDatagram.decode(Unpooled.wrappedBuffer(bytes));
            check(again.equals(syn), "round trip changed " + syn + " into " + again);
        }
    }
}
