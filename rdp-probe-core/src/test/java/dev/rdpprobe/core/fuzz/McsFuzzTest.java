package dev.rdpprobe.core.fuzz;

import static dev.rdpprobe.core.fuzz.Decoding.check;
import static dev.rdpprobe.core.fuzz.Decoding.decodeOrNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.core.internal.pdu.mcs.ConnectInitial;
import dev.rdpprobe.core.internal.pdu.mcs.ConnectResponse;
import dev.rdpprobe.core.internal.pdu.mcs.ServerMcsPdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Fuzz target for the server's reply to the MCS Connect Initial. Seeds: the [MS-RDPBCGR] 4.1.4 response,
 * responses with every optional block, an X.509 chain, a failed result, the Disconnect Provider Ultimatum.
 * The client's Connect Initial (the fake server reads it): seeds vectors.md E1 and the probe's own. In a plain
 * {@code mvn test} each input file under {@code McsFuzzTestInputs/<method>/} runs once as a regression test;
 * {@code bin/fuzz} fuzzes them.
 */
class McsFuzzTest {

    /** Any bytes: a Connect Response, an ultimatum, or MalformedPdu; describe() never fails; decoding again gives the same. */
    @FuzzTest
    void serverMcsPdu(byte[] input) {
        ServerMcsPdu pdu = decodeOrNull(input, ServerMcsPdu::decode);
        if (pdu == null) {
            return;
        }
        check(pdu.describe() != null, "no description");
        ServerMcsPdu again = ServerMcsPdu.decode(Unpooled.wrappedBuffer(input));
        check(again.equals(pdu), "decoding again changed " + pdu + " into " + again);
        if (pdu instanceof ConnectResponse rsp && rsp.blocks() != null && rsp.blocks().security() != null) {
            byte[] random = rsp.blocks().security().serverRandom();
            check(random == null || random.length <= input.length, "a server random longer than the input");
        }
    }

    /** Any bytes: a Connect Initial or MalformedPdu; what decodes re-encodes to something that decodes the same. */
    @FuzzTest
    void connectInitial(byte[] input) {
        ConnectInitial ci = decodeOrNull(input, ConnectInitial::decode);
        if (ci == null) {
            return;
        }
        ByteBuf out = Unpooled.buffer(ci.encodedLength());
        ci.encode(out);
        check(out.readableBytes() == ci.encodedLength(), "encodedLength disagrees with encode");
        ConnectInitial again = ConnectInitial.decode(Unpooled.wrappedBuffer(Decoding.drain(out)));
        check(again.equals(ci), "round trip changed " + ci + " into " + again);
    }
}
