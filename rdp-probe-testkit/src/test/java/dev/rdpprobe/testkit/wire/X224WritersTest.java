package dev.rdpprobe.testkit.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.x224.NegotiationData;
import dev.rdpprobe.core.internal.pdu.x224.NegotiationFailureCode;
import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
import dev.rdpprobe.core.internal.pdu.x224.ServerX224Pdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fake server's X.224 writers produce vectors.md's bytes, and what the probe decodes writes back the same. */
class X224WritersTest {

    /** vectors.md B1. */
    static final String B1 = "030000130ed00000000000021f080002000000";
    /** vectors.md B3. */
    static final String B3 = "030000130ed000001234000200080001000000";
    /** vectors.md B4. */
    static final String B4 = "030000130ed000001234000300080005000000";
    /** vectors.md B5. */
    static final String B5 = "0300000b06d00000123400";
    /** vectors.md DR. */
    static final String DR = "0300000b06800000000000";

    @Test
    void confirmsAreTheVectors() {
        assertThat(write(0, new NegotiationData.Response(0x1F, SecurityProtocols.of(SecurityProtocols.HYBRID)))).isEqualTo(B1);
        assertThat(write(0x1234, new NegotiationData.Response(0, SecurityProtocols.of(SecurityProtocols.SSL)))).isEqualTo(B3);
        assertThat(write(0x1234, new NegotiationData.Failure(new NegotiationFailureCode(NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER))))
                .isEqualTo(B4);
        assertThat(write(0x1234, null)).isEqualTo(B5);
        assertThat(X224Writers.connectionConfirmLength(null)).isEqualTo(11);
        assertThat(X224Writers.connectionConfirm(0x1234, null)).hasSize(11);
    }

    @Test
    void theDisconnectRequestIsTheVector() {
        ByteBuf out = Unpooled.buffer();
        X224Writers.writeDisconnectRequest(out, 0);
        assertThat(hex(out)).isEqualTo(DR);
    }

    @Test
    void everyConfirmTheProbeDecodesWritesBackTheSame() {
        Random random = new Random(12);
        byte[] template = HexFormat.of().parseHex(B1);
        int decoded = 0;
        for (int round = 0; round < 5000; round++) {
            byte[] m = template.clone();
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                m[8 + random.nextInt(m.length - 8)] = (byte) random.nextInt(256);
            }
            ServerX224Pdu pdu;
            try {
                pdu = ServerX224Pdu.decode(Unpooled.wrappedBuffer(m));
            } catch (MalformedPduException malformed) {
                continue;
            }
            var cc = (ServerX224Pdu.ConnectionConfirm) pdu;
            byte[] again = X224Writers.connectionConfirm(cc.sourceReference(), cc.negotiation());
            assertThat(ServerX224Pdu.decode(Unpooled.wrappedBuffer(again))).isEqualTo(cc);
            decoded++;
        }
        assertThat(decoded).as("mutations that still decode").isGreaterThan(1000);
    }

    private static String write(int sourceReference, NegotiationData negotiation) {
        ByteBuf out = Unpooled.buffer();
        X224Writers.writeConnectionConfirm(out, sourceReference, negotiation);
        assertThat(out.readableBytes()).isEqualTo(X224Writers.connectionConfirmLength(negotiation));
        return hex(out);
    }

    private static String hex(ByteBuf buf) {
        try {
            return ByteBufUtil.hexDump(buf);
        } finally {
            buf.release();
        }
    }
}
