package dev.rdpprobe.testkit.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.internal.pdu.rdpeudp.SynAckDatagram;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataExPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataPayload;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The fake UDP server's SYN+ACK is vectors.md F2, and what it writes the probe decodes back. */
class RdpeudpWritersTest {

    /** vectors.md F2 (before its zero padding to 1232 bytes). */
    static final String F2 = "00000042040000050000004204d004d0";

    @Test
    void theSynAckIsVectorF2PaddedToTheSmallerMtu() {
        SynAckDatagram ack = SynAckDatagram.of(0x42, 1024, new SynDataPayload(0x42, 1232, 1232), null);
        assertThat(RdpeudpWriters.synAck(ack)).isEqualTo(Arrays.copyOf(HexFormat.of().parseHex(F2), 1232));
    }

    @Test
    void whatItWritesDecodesBack() {
        for (SynAckDatagram ack : new SynAckDatagram[] {
            SynAckDatagram.of(-1, 0, new SynDataPayload(0, 1132, 1200), SynDataExPayload.offer(2)),
            SynAckDatagram.of(5, 64, SynDataPayload.withMaxMtu(6), new SynDataExPayload(0, 0x0101, null)),
        }) {
            byte[] bytes = RdpeudpWriters.synAck(ack);
            assertThat(bytes).hasSize(Math.min(ack.synData().upstreamMtu(), ack.synData().downstreamMtu()));
            assertThat(SynAckDatagram.decode(Unpooled.wrappedBuffer(bytes))).isEqualTo(ack);
        }
    }
}
