package dev.rdpprobe.core.internal.pdu.credssp;

import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.buf;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.bytes;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.expectMalformed;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.hex;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.prefix;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.range;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpnegoTest {

    /** The NegTokenInit inside C3 (offset 0x11, 74 bytes). */
    static final byte[] C3_TOKEN = range(bytes(Vectors.C3), 0x11, 0x11 + 74);
    /** The raw NEGOTIATE inside C1 (offset 0x11, 40 bytes). */
    static final byte[] NEGOTIATE = range(bytes(Vectors.C1), 0x11, 0x11 + 40);
    static final byte[] D3 = bytes(Vectors.D3);

    @Test
    void c3NegTokenInit() {
        NegTokenInit init = NegTokenInit.decode(Unpooled.wrappedBuffer(C3_TOKEN));
        assertThat(init.mechTypes()).containsExactly(Spnego.OID_NTLM);
        assertThat(init.mechToken()).isEqualTo(NEGOTIATE);
        assertThat(init.toBytes()).isEqualTo(C3_TOKEN);
        assertThat(Spnego.wrapNtlmNegotiate(NEGOTIATE)).isEqualTo(C3_TOKEN);
    }

    @Test
    void negTokenInitRoundTripWithSeveralMechanisms() {
        NegTokenInit init = new NegTokenInit(List.of(Spnego.OID_MS_KERBEROS, Spnego.OID_KERBEROS, Spnego.OID_NEGOEX,
                Spnego.OID_NTLM), new byte[300]);
        byte[] encoded = init.toBytes();
        assertThat(hex(encoded)).contains("06092a864882f712010202").contains("06092a864886f712010202")
                .contains("060a2b06010401823702021e");
        ByteBuf in = Unpooled.wrappedBuffer(encoded, bytes("ffff"));
        assertThat(NegTokenInit.decode(in)).isEqualTo(init);
        assertThat(in.readableBytes()).isEqualTo(2);
        NegTokenInit noToken = new NegTokenInit(List.of(Spnego.OID_NTLM), null);
        assertThat(NegTokenInit.decode(Unpooled.wrappedBuffer(noToken.toBytes()))).isEqualTo(noToken);
    }

    @Test
    void negTokenInitWithoutGssWrapperAndWithSkippedFields() {
        // A0 { 30 { [0] mechTypes, [1] reqFlags (skipped), [2] mechToken } }
        String bare = "a01a3018a00c300a06082b06010401823702a10403020000a2020400";
        NegTokenInit init = NegTokenInit.decode(buf(bare));
        assertThat(init.mechTypes()).containsExactly("1.3.6.1.4.1.311.2");
        assertThat(init.mechToken()).isEmpty();
    }

    @Test
    void negTokenInitWithAnotherMechanismOid() {
        // thisMech 1.3.6.1.5.5.3 instead of SPNEGO
        MalformedPduException e = expectMalformed(() -> NegTokenInit.decode(Unpooled.wrappedBuffer(with(C3_TOKEN, 9, 3))));
        assertThat(e.field()).isEqualTo("thisMech");
        assertThat(e.offset()).isEqualTo(2);
    }

    @Test
    void negTokenRespWrapsAChallenge() {
        byte[] wrapped = Spnego.wrapNtlmChallenge(D3);
        assertThat(hex(wrapped)).isEqualTo("a18181307fa0030a0101a10c060a2b06010401823702020aa26a0468" + Vectors.D3);
        NegTokenResp resp = NegTokenResp.decode(Unpooled.wrappedBuffer(wrapped));
        assertThat(resp.negState()).isEqualTo(Spnego.ACCEPT_INCOMPLETE);
        assertThat(resp.supportedMech()).isEqualTo(Spnego.OID_NTLM);
        assertThat(resp.responseToken()).isEqualTo(D3);
        assertThat(resp.mechListMic()).isNull();
        assertThat(resp.toBytes()).isEqualTo(wrapped);
    }

    @Test
    void negTokenRespRoundTrips() {
        for (NegTokenResp resp : List.of(
                new NegTokenResp(null, null, null, null),
                new NegTokenResp(Spnego.REJECT, null, null, null),
                new NegTokenResp(Spnego.ACCEPT_COMPLETED, Spnego.OID_KERBEROS, new byte[0], bytes("0102030405")),
                new NegTokenResp(Spnego.REQUEST_MIC, Spnego.OID_NTLM, new byte[1000], new byte[16]))) {
            assertThat(NegTokenResp.decode(Unpooled.wrappedBuffer(resp.toBytes()))).isEqualTo(resp);
        }
        assertThat(Spnego.negStateName(Spnego.REJECT)).isEqualTo("reject");
        assertThat(Spnego.negStateName(9)).isEqualTo("unknown(9)");
    }

    @Test
    void truncatedAtEveryByteThrowsOnlyMalformed() {
        for (int n = 0; n < C3_TOKEN.length; n++) {
            int length = n;
            assertThat(expectMalformed(() -> NegTokenInit.decode(prefix(C3_TOKEN, length))).pdu())
                    .isEqualTo(NegTokenInit.PDU);
        }
        byte[] resp = Spnego.wrapNtlmChallenge(D3);
        for (int n = 0; n < resp.length; n++) {
            int length = n;
            assertThat(expectMalformed(() -> NegTokenResp.decode(prefix(resp, length))).pdu())
                    .isEqualTo(NegTokenResp.PDU);
        }
    }

    @Test
    void malformedNegTokenResp() {
        assertThat(expectMalformed(() -> NegTokenResp.decode(buf("a0023000"))).field()).isEqualTo("negTokenResp");
        // negState as INTEGER instead of ENUMERATED
        assertThat(expectMalformed(() -> NegTokenResp.decode(buf("a1073005a0030201 01".replace(" ", "")))).field())
                .isEqualTo("negState");
        // fields out of order
        assertThat(expectMalformed(() -> NegTokenResp.decode(buf("a10b3009a2020400a0030a0101"))).detail())
                .contains("out of order");
        // an OID arc longer than 8 bytes
        assertThat(expectMalformed(() -> NegTokenResp.decode(buf("a110300ea10c060a2b8181818181818181 81".replace(" ", ""))))
                .detail()).contains("arc");
        // an OID ending inside an arc
        assertThat(expectMalformed(() -> NegTokenResp.decode(buf("a1083006a10406022b81")))
                .field()).isEqualTo("supportedMech");
        // trailing bytes after the SEQUENCE inside [1]
        assertThat(expectMalformed(() -> NegTokenResp.decode(buf("a10430000000"))).detail()).contains("trailing");
    }
}
