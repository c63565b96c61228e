package dev.rdpprobe.core.fuzz;

import static dev.rdpprobe.core.fuzz.Decoding.check;
import static dev.rdpprobe.core.fuzz.Decoding.decodeOrNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.core.internal.pdu.mcs.ConnectResponse;
import dev.rdpprobe.core.internal.pdu.mcs.ServerMcsPdu;
import io.netty.buffer.Unpooled;

/**
 * Fuzz target for the server's reply to the MCS Connect Initial. Seeds: the [MS-RDPBCGR] 4.1.4 response,
 * responses with every optional block, an X.509 chain, a failed result, the Disconnect Provider Ultimatum.
 * In a plain {@code mvn test} each input file under {@code McsFuzzTestInputs/serverMcsPdu/} runs once as a
 * regression test; {@code bin/fuzz} fuzzes it.
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
}
