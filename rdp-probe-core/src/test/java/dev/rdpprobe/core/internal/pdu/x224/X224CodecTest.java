package dev.rdpprobe.core.internal.pdu.x224;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.Hex;
import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.tpkt.Tpkt;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Vectors from shared/protocol/vectors.md (A: Connection Request, B: Connection Confirm, E3: teardown). */
class X224CodecTest {

    static final String A1 = "0000  03 00 00 2c 27 e0 00 00 00 00 00 43 6f 6f 6b 69\n0010  65 3a 20 6d 73 74 73 68 61 73 68 3d 65 6c 74 6f\n0020  6e 73 0d 0a 01 00 08 00 00 00 00 00";
    static final String A4 = "0000  03 00 00 37 32 e0 00 00 00 00 00 01 08 08 00 01\n0010  00 00 00 06 00 24 00 01 01 01 01 01 01 01 01 01\n0020  01 01 01 01 01 01 01 00 00 00 00 00 00 00 00 00\n0030  00 00 00 00 00 00 00";
    static final String A5 = "03 00 00 13 0e e0 00 00 00 00 00 01 00 08 00 00 00 00 00";
    static final String A6 = "0000  03 00 00 2a 25 e0 00 00 00 00 00 43 6f 6f 6b 69\n0010  65 3a 20 6d 73 74 73 68 61 73 68 3d 6e 6d 61 70\n0020  0d 0a 01 00 08 00 0b 00 00 00";
    static final String A7 = "0000  03 00 00 22 1d e0 00 00 00 00 00 43 6f 6f 6b 69\n0010  65 3a 20 6d 73 74 73 68 61 73 68 3d 6e 6d 61 70\n0020  0d 0a";
    static final String B1 = "03 00 00 13 0e d0 00 00 00 00 00 02 1f 08 00 02 00 00 00";
    static final String B2 = "03 00 00 13 0e d0 00 00 00 00 00 03 00 08 00 06 00 00 00";
    static final String B3 = "03 00 00 13 0e d0 00 00 12 34 00 02 00 08 00 01 00 00 00";
    static final String B4 = "03 00 00 13 0e d0 00 00 12 34 00 03 00 08 00 05 00 00 00";
    static final String B5 = "03 00 00 0b 06 d0 00 00 12 34 00";
    static final String DPUM = "03 00 00 09 02 f0 80 21 80";
    static final String DR = "03 00 00 0b 06 80 00 00 00 00 00";

    @Test
    void a1SpecRequestWithCookieAndProtocolRdp() {
        ConnectionRequest cr = ConnectionRequest.decode(Hex.buf(A1));
        assertThat(cr.cookie()).isEqualTo("eltons");
        assertThat(cr.negotiationRequest().requestedProtocols()).isEqualTo(SecurityProtocols.RDP);
        assertThat(encode(cr)).isEqualTo(Hex.hex(Hex.bytes(A1)));
    }

    @Test
    void a4CorrelationInfoRoundTrips() {
        ConnectionRequest cr = ConnectionRequest.decode(Hex.buf(A4));
        assertThat(cr.cookie()).isNull();
        assertThat(cr.negotiationRequest().flags()).isEqualTo(NegotiationRequest.CORRELATION_INFO_PRESENT);
        assertThat(cr.negotiationRequest().requestedProtocols().bits()).isEqualTo(SecurityProtocols.SSL);
        byte[] id = new byte[16];
        Arrays.fill(id, (byte) 1);
        assertThat(cr.correlationInfo()).isEqualTo(new CorrelationInfo(id));
        assertThat(encode(cr)).isEqualTo(Hex.hex(Hex.bytes(A4)));
    }

    @Test
    void a5SmallestRequest() {
        ConnectionRequest cr = ConnectionRequest.decode(Hex.buf(A5));
        assertThat(cr).isEqualTo(new ConnectionRequest(null, null, new NegotiationRequest(0, SecurityProtocols.RDP), null));
        assertThat(encode(cr)).isEqualTo(Hex.hex(Hex.bytes(A5)));
    }

    @Test
    void a6NmapRequestIsWhatWeSendWithTheDefaults() {
        ConnectionRequest ours = ConnectionRequest.of("nmap", SecurityProtocols.DEFAULT_REQUEST);
        assertThat(encode(ours)).isEqualTo(Hex.hex(Hex.bytes(A6)));
        assertThat(ConnectionRequest.decode(Hex.buf(A6))).isEqualTo(ours);
    }

    @Test
    void a7RequestWithoutNegotiationData() {
        ConnectionRequest cr = ConnectionRequest.decode(Hex.buf(A7));
        assertThat(cr.cookie()).isEqualTo("nmap");
        assertThat(cr.negotiationRequest()).isNull();
        assertThat(encode(cr)).isEqualTo(Hex.hex(Hex.bytes(A7)));
    }

    @Test
    void routingTokenRoundTrips() {
        ConnectionRequest cr = new ConnectionRequest(null, "Cookie: msts=3640205228.15629.0000",
                new NegotiationRequest(0, SecurityProtocols.of(3)), null);
        ByteBuf b = Unpooled.buffer();
        cr.encode(b);
        assertThat(ConnectionRequest.decode(b)).isEqualTo(cr);
    }

    @Test
    void b1ResponseSelectingHybridWithAllFlags() {
        ServerX224Pdu.ConnectionConfirm cc = (ServerX224Pdu.ConnectionConfirm) ServerX224Pdu.decode(Hex.buf(B1));
        NegotiationData.Response rsp = (NegotiationData.Response) cc.negotiation();
        assertThat(rsp.selectedProtocol().bits()).isEqualTo(SecurityProtocols.HYBRID);
        assertThat(rsp.flags()).isEqualTo(0x1F);
        assertThat(rsp.flagNames()).containsExactly("EXTENDED_CLIENT_DATA_SUPPORTED", "DYNVC_GFX_PROTOCOL_SUPPORTED",
                "NEGRSP_FLAG_RESERVED", "RESTRICTED_ADMIN_MODE_SUPPORTED", "REDIRECTED_AUTHENTICATION_MODE_SUPPORTED");
    }

    @Test
    void b2FailureCode6() {
        var cc = (ServerX224Pdu.ConnectionConfirm) ServerX224Pdu.decode(Hex.buf(B2));
        assertThat(((NegotiationData.Failure) cc.negotiation()).code().name()).isEqualTo("SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER");
    }

    @Test
    void b3SpecConfirmSelectsSslDespiteItsAnnotation() {
        var cc = (ServerX224Pdu.ConnectionConfirm) ServerX224Pdu.decode(Hex.buf(B3));
        assertThat(cc.sourceReference()).isEqualTo(0x1234);
        assertThat(((NegotiationData.Response) cc.negotiation()).selectedProtocol().bits()).isEqualTo(SecurityProtocols.SSL);
    }

    @Test
    void b4HybridRequired() {
        var cc = (ServerX224Pdu.ConnectionConfirm) ServerX224Pdu.decode(Hex.buf(B4));
        assertThat(((NegotiationData.Failure) cc.negotiation()).code().value()).isEqualTo(NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER);
    }

    @Test
    void b5LegacyConfirm() {
        var cc = (ServerX224Pdu.ConnectionConfirm) ServerX224Pdu.decode(Hex.buf(B5));
        assertThat(cc.negotiation()).isNull();
    }

    @Test
    void teardownPdus() {
        ServerX224Pdu dpum = ServerX224Pdu.decode(Hex.buf(DPUM));
        assertThat(((ServerX224Pdu.Data) dpum).isDisconnectProviderUltimatum()).isTrue();
        assertThat(dpum.describe()).isEqualTo("MCS Disconnect Provider Ultimatum");
        ServerX224Pdu dr = ServerX224Pdu.decode(Hex.buf(DR));
        assertThat(dr).isEqualTo(new ServerX224Pdu.DisconnectRequest(0));
    }

    @Test
    void unknownProtocolAndFlagBitsSurvive() {
        String cc = "03 00 00 13 0e d0 00 00 00 00 00 02 a0 08 00 01 01 00 80";
        var rsp = (NegotiationData.Response) ((ServerX224Pdu.ConnectionConfirm) ServerX224Pdu.decode(Hex.buf(cc))).negotiation();
        assertThat(rsp.selectedProtocol().bits()).isEqualTo(0x80000101);
        assertThat(rsp.selectedProtocol().names()).containsExactly("SSL", "0x80000100");
        assertThat(rsp.flagNames()).containsExactly("0xA0");
        assertThat(new NegotiationFailureCode(99).name()).isEqualTo("UNKNOWN_0x00000063");
    }

    @ParameterizedTest
    @ValueSource(strings = {A1, A4, A5, A6, A7})
    void everyTruncatedRequestFailsWithTheTypedError(String vector) {
        byte[] full = Hex.bytes(vector);
        for (int n = 0; n < full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            cut = fixTpktLength(cut);
            byte[] input = cut;
            assertThatThrownBy(() -> ConnectionRequest.decode(Unpooled.wrappedBuffer(input)))
                    .as("truncated to %d bytes", n)
                    .isInstanceOf(MalformedPduException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {B1, B2, B3, B4, B5, DPUM, DR})
    void everyTruncatedServerPduFailsWithTheTypedError(String vector) {
        byte[] full = Hex.bytes(vector);
        for (int n = 0; n < full.length; n++) {
            byte[] plain = Arrays.copyOf(full, n);
            // A Data TPDU carries variable user data: relabelled, a shorter one is still valid.
            boolean variable = vector.equals(DPUM);
            byte[] relabelled = fixTpktLength(plain);
            for (byte[] input : variable ? new byte[][] {plain} : new byte[][] {plain, relabelled}) {
                assertThatThrownBy(() -> ServerX224Pdu.decode(Unpooled.wrappedBuffer(input)))
                        .as("truncated to %d bytes", n)
                        .isInstanceOf(MalformedPduException.class);
            }
        }
    }

    /** Rewrites the TPKT length to the truncated size, so the decoder must catch the inner inconsistency. */
    private static byte[] fixTpktLength(byte[] b) {
        if (b.length >= 4) {
            b = b.clone();
            b[2] = (byte) (b.length >> 8);
            b[3] = (byte) b.length;
        }
        return b;
    }

    @Test
    void malformedShapesNameTheirField() {
        assertError("04 00 00 13 0e d0 00 00 00 00 00 02 1f 08 00 02 00 00 00", "TPKT version", 0);
        assertError("03 00 00 14 0e d0 00 00 00 00 00 02 1f 08 00 02 00 00 00", "TPKT length", 2);
        assertError("03 00 00 13 0f d0 00 00 00 00 00 02 1f 08 00 02 00 00 00", "LI", 4);
        assertError("03 00 00 13 0e d0 00 00 00 00 05 02 1f 08 00 02 00 00 00", "class", 10);
        assertError("03 00 00 13 0e d0 00 00 00 00 00 07 1f 08 00 02 00 00 00", "rdpNegData.type", 11);
        assertError("03 00 00 13 0e d0 00 00 00 00 00 02 1f 09 00 02 00 00 00", "rdpNegData.length", 13);
        assertError("03 00 00 13 0e 10 00 00 00 00 00 02 1f 08 00 02 00 00 00", "code", 5);
        assertError("03 00 00 09 03 f0 80 21 80", "LI", 4);
    }

    private static void assertError(String hex, String field, int offset) {
        assertThatThrownBy(() -> ServerX224Pdu.decode(Hex.buf(hex)))
                .isInstanceOfSatisfying(MalformedPduException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.offset()).isEqualTo(offset);
                    assertThat(e.getMessage()).contains(e.pdu());
                });
    }

    @Test
    void tpktFraming() {
        assertThat(Tpkt.frameLength(Hex.buf("03 00"))).isEqualTo(-1);
        assertThat(Tpkt.frameLength(Hex.buf("03 00 ff ff"))).isEqualTo(65535);
        assertThatThrownBy(() -> Tpkt.frameLength(Hex.buf("16"))).isInstanceOf(MalformedPduException.class);
        assertThatThrownBy(() -> Tpkt.frameLength(Hex.buf("03 00 00 06"))).isInstanceOf(MalformedPduException.class);
    }

    @Test
    void badRequestsAreRefusedWithAMessage() {
        assertThatThrownBy(() -> new ConnectionRequest("a\r\nb", null, null, null)).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> new ConnectionRequest("a", "Cookie: msts=1", null, null)).hasMessageContaining("not both");
        assertThatThrownBy(() -> SecurityProtocols.parse("ssl,tls13")).hasMessageContaining("'tls13'");
        assertThat(SecurityProtocols.parse("rdp,SSL, hybrid_ex")).isEqualTo(SecurityProtocols.of(9));
    }

    private static String encode(ConnectionRequest cr) {
        ByteBuf b = Unpooled.buffer();
        cr.encode(b);
        assertThat(b.readableBytes()).isEqualTo(cr.encodedLength());
        return Hex.hex(b);
    }
}
