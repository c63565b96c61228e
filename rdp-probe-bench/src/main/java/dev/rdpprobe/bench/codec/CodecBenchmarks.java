package dev.rdpprobe.bench.codec;

import dev.rdpprobe.bench.Vectors;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspMessages;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynAckDatagram;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataExPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDatagram;
import dev.rdpprobe.core.internal.pdu.x224.ConnectionRequest;
import dev.rdpprobe.core.internal.pdu.x224.NegotiationRequest;
import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
import dev.rdpprobe.core.internal.pdu.x224.ServerX224Pdu;
import dev.rdpprobe.core.internal.sequence.CodecReadings;
import dev.rdpprobe.core.outcome.CredSspFacts;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The PDU codecs one probe runs, each on its own: time and (with {@code -prof gc}) bytes allocated per
 * operation. Encoders write into one reused heap buffer; decoders read the same wrapped vector again
 * (reader index reset), so the figures are the codec's own work and allocation, nothing of the harness.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmarks {

    private static final Instant RECEIVED_AT = Instant.parse("2019-03-12T13:27:30Z");

    private ByteBuf out;
    private ByteBuf ccNegRsp;
    private ByteBuf ccNegFailure;
    private ByteBuf challengeD1;
    private ByteBuf synAck;
    private byte[] nonce;
    private int isn;

    /** Allocates the reused buffers. */
    @Setup
    public void setUp() {
        out = Unpooled.buffer(2048);
        ccNegRsp = Unpooled.wrappedBuffer(Vectors.CC_NEG_RSP_HYBRID);
        ccNegFailure = Unpooled.wrappedBuffer(Vectors.CC_NEG_FAILURE);
        challengeD1 = Unpooled.wrappedBuffer(Vectors.TSREQUEST_CHALLENGE_D1);
        synAck = Unpooled.wrappedBuffer(Vectors.SYN_ACK_F2);
        nonce = new byte[CredSspMessages.NONCE_SIZE];
        isn = 0x12345678;
    }

    /** Releases the buffers. */
    @TearDown
    public void tearDown() {
        out.release();
    }

    /** The probe's Connection Request: cookie "rdpprobe", RDP_NEG_REQ SSL|HYBRID|HYBRID_EX (46 bytes), as the sequence builds it. */
    @Benchmark
    public int encodeConnectionRequest() {
        out.clear();
        new ConnectionRequest("rdpprobe", null, new NegotiationRequest(0, SecurityProtocols.DEFAULT_REQUEST), null).encode(out);
        return out.writerIndex();
    }

    /** Vector B1: a Connection Confirm with RDP_NEG_RSP selecting HYBRID. */
    @Benchmark
    public ServerX224Pdu decodeConfirmNegRsp() {
        ccNegRsp.readerIndex(0);
        return ServerX224Pdu.decode(ccNegRsp);
    }

    /** Vector B4: a Connection Confirm with RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER. */
    @Benchmark
    public ServerX224Pdu decodeConfirmNegFailure() {
        ccNegFailure.readerIndex(0);
        return ServerX224Pdu.decode(ccNegFailure);
    }

    /** The probe's first TSRequest: version 6, raw NTLM NEGOTIATE, 32-byte clientNonce. */
    @Benchmark
    public int encodeTsRequestNegotiate() {
        out.clear();
        CredSspMessages.writeProbeRequest(out, nonce);
        return out.writerIndex();
    }

    /** Vector D1: a TSRequest carrying a Windows 10 NTLM CHALLENGE, AV pairs and timestamp decoded into server facts. */
    @Benchmark
    public CredSspFacts decodeTsRequestChallenge() {
        challengeD1.readerIndex(0);
        return CodecReadings.credSspFacts(CredSspMessages.readServerAnswer(challengeD1), RECEIVED_AT);
    }

    /** The probe's RDPEUDP SYN (SYNDATAEX offering version 2), built and padded to 1232 bytes. */
    @Benchmark
    public int encodeRdpeudpSyn() {
        out.clear();
        SynDatagram.of(64, SynDataPayload.withMaxMtu(isn), null, SynDataExPayload.offer(2)).encode(out);
        return out.writerIndex();
    }

    /** Vector F2: the spec's SYN+ACK, 1232 bytes. */
    @Benchmark
    public SynAckDatagram decodeRdpeudpSynAck() {
        synAck.readerIndex(0);
        return SynAckDatagram.decode(synAck);
    }
}
