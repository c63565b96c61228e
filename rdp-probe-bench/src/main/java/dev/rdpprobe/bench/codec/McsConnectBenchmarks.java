package dev.rdpprobe.bench.codec;

import dev.rdpprobe.bench.Vectors;
import dev.rdpprobe.core.internal.pdu.mcs.ClientDataBlocks;
import dev.rdpprobe.core.internal.pdu.mcs.ConnectInitial;
import dev.rdpprobe.core.internal.pdu.mcs.ServerMcsPdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
 * The codec work the MCS_CONNECT phase adds to a probe: the Connect Initial it sends and the Connect Response it
 * reads (the [MS-RDPBCGR] 4.1.4 example, with a proprietary certificate). Same method as {@link CodecBenchmarks}:
 * one reused output buffer, the vector wrapped once and read again.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class McsConnectBenchmarks {

    private ByteBuf out;
    private ByteBuf response;

    /** Allocates the reused buffers. */
    @Setup
    public void setUp() {
        out = Unpooled.buffer(1024);
        response = Unpooled.wrappedBuffer(Vectors.CONNECT_RESPONSE_4_1_4);
    }

    /** Releases the buffers. */
    @TearDown
    public void tearDown() {
        out.release();
    }

    /** The probe's Connect Initial under Standard RDP Security: every block built, BER and PER framing (388 B). */
    @Benchmark
    public int encodeConnectInitial() {
        out.clear();
        new ConnectInitial(ClientDataBlocks.forProbe(0, 0x1B)).encode(out);
        return out.writerIndex();
    }

    /** [MS-RDPBCGR] 4.1.4's Connect Response: BER, PER, every server block and the proprietary certificate. */
    @Benchmark
    public ServerMcsPdu decodeConnectResponse() {
        response.readerIndex(0);
        return ServerMcsPdu.decode(response);
    }
}
