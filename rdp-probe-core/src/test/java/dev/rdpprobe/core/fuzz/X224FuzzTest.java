package dev.rdpprobe.core.fuzz;

import static dev.rdpprobe.core.fuzz.Decoding.check;
import static dev.rdpprobe.core.fuzz.Decoding.decodeOrNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.tpkt.Tpkt;
import dev.rdpprobe.core.internal.pdu.x224.ConnectionRequest;
import dev.rdpprobe.core.internal.pdu.x224.ServerX224Pdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Fuzz targets for TPKT framing and the X.224 decoders. Seeds: vectors.md A1–A7, B1–B5, E3.
 * In a plain {@code mvn test} each input file under {@code X224FuzzTestInputs/<method>/} runs once
 * as a regression test; {@code bin/fuzz} fuzzes them.
 */
class X224FuzzTest {

    /** The framer's length never claims fewer bytes than a TPKT header or more than 64 KiB, and never moves the index. */
    @FuzzTest
    void tpktFrameLength(byte[] input) {
        ByteBuf buf = Unpooled.wrappedBuffer(input);
        try {
            int length = Tpkt.frameLength(buf);
            check(length == -1 || (length >= Tpkt.MIN_LENGTH && length <= Tpkt.MAX_LENGTH), "frame length " + length);
            check(length != -1 || input.length < Tpkt.HEADER_LENGTH, "-1 with a whole header present");
        } catch (MalformedPduException e) {
            Decoding.checkWellFormed(e);
        }
        check(buf.readerIndex() == 0, "frameLength moved the reader index");
    }

    /** Any bytes: a Connection Request or MalformedPdu; what decodes re-encodes to something that decodes the same. */
    @FuzzTest
    void connectionRequest(byte[] input) {
        ConnectionRequest cr = decodeOrNull(input, ConnectionRequest::decode);
        if (cr != null) {
            ByteBuf out = Unpooled.buffer(cr.encodedLength());
            cr.encode(out);
            check(out.readableBytes() == cr.encodedLength(), "encodedLength disagrees with encode");
            ConnectionRequest again = ConnectionRequest.decode(Unpooled.wrappedBuffer(Decoding.drain(out)));
            check(again.equals(cr), "round trip changed " + cr + " into " + again);
        }
    }

    /**
     * Any bytes: a server TPDU or MalformedPdu; describe() never fails; decoding the same bytes again gives
     * the same value. (That a confirm re-encodes to the same confirm is checked where the fake server's
     * writer lives, in the testkit's {@code X224WritersTest}.)
     */
    @FuzzTest
    void serverX224Pdu(byte[] input) {
        ServerX224Pdu pdu = decodeOrNull(input, ServerX224Pdu::decode);
        if (pdu == null) {
            return;
        }
        check(pdu.describe() != null, "no description");
        if (pdu instanceof ServerX224Pdu.ConnectionConfirm cc) {
            ServerX224Pdu again = ServerX224Pdu.decode(Unpooled.wrappedBuffer(input));
            check(again.equals(cc), "decoding again changed " + cc + " into " + again);
        }
    }
}
