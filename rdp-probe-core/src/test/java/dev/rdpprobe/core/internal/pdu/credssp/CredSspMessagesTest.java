package dev.rdpprobe.core.internal.pdu.credssp;

import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.buf;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.bytes;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.drain;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.expectMalformed;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.hex;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.prefix;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.ntlm.AvPair;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmChallenge;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmNegotiate;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CredSspMessagesTest {

    static final byte[] D3 = bytes(Vectors.D3);

    static CredSspAnswer read(String hex) {
        return CredSspMessages.readServerAnswer(buf(hex));
    }

    static CredSspAnswer read(byte[] message) {
        return CredSspMessages.readServerAnswer(Unpooled.wrappedBuffer(message));
    }

    static byte[] tsRequest(byte[] token, Long errorCode) {
        return new TsRequest(6, token == null ? null : List.of(token), null, null, errorCode, null).toBytes();
    }

    @Test
    void probeRequestHasTheC2Layout() {
        byte[] nonce = range(bytes(Vectors.C2), 0x3d, 0x3d + 32);
        ByteBuf out = Unpooled.buffer();
        CredSspMessages.writeProbeRequest(out, nonce);
        // C2 is sspi-rs's request with Version 6.1.7601; ours claims 10.0.17763 like nmap
        String expected = Vectors.C2.replace("0601b11d0000000f", "0a0063450000000f");
        assertThat(hex(drain(out))).isEqualTo(expected);
    }

    @Test
    void probeRequestWithoutNonceIsC1AtVersionSix() {
        ByteBuf out = Unpooled.buffer();
        CredSspMessages.writeProbeRequest(out, null);
        assertThat(hex(drain(out))).isEqualTo("3037a003020106" + Vectors.C1.substring(14));
    }

    @Test
    void probeRequestRejectsABadNonce() {
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> CredSspMessages.writeProbeRequest(out, new byte[31]))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(out.readableBytes()).isZero();
        } finally {
            out.release();
        }
    }

    @Test
    void spnegoWrappedChallenge() {
        CredSspAnswer answer = read(tsRequest(Spnego.wrapNtlmChallenge(D3), null));
        assertThat(answer).isInstanceOf(CredSspAnswer.Challenge.class);
        assertThat(((CredSspAnswer.Challenge) answer).spnegoWrapped()).isTrue();
        assertThat(((CredSspAnswer.Challenge) answer).challenge())
                .isEqualTo(((CredSspAnswer.Challenge) read(tsRequest(D3, null))).challenge());
    }

    @Test
    void unknownWrapperFallsBackToTheSignatureSearch() {
        byte[] junk = bytes("0410deadbeefdeadbeefdeadbeefdeadbeef4e544c4d535350000100");
        byte[] token = concat(junk, D3);
        CredSspAnswer answer = read(tsRequest(token, null));
        assertThat(answer).isInstanceOf(CredSspAnswer.Challenge.class);
        assertThat(((CredSspAnswer.Challenge) answer).spnegoWrapped()).isTrue();
        assertThat(((CredSspAnswer.Challenge) answer).challenge().targetName()).isEqualTo("Server");
        // a broken NegTokenResp around the CHALLENGE: the search finds it too
        CredSspAnswer broken = read(tsRequest(concat(bytes("a105ffffffffff"), D3), null));
        assertThat(((CredSspAnswer.Challenge) broken).challenge().avString(AvPair.MSV_AV_NB_DOMAIN_NAME)).isEqualTo("Domain");
    }

    @Test
    void d4ErrorCodeFromWin32() {
        CredSspAnswer answer = read(Vectors.D4);
        assertThat(answer).isInstanceOf(CredSspAnswer.Error.class);
        CredSspAnswer.Error error = (CredSspAnswer.Error) answer;
        assertThat(error.ntStatus()).isEqualTo(0xC00700EAL);
        assertThat(error.name()).isEqualTo("NTSTATUS_FROM_WIN32(00EA)");
        assertThat(error.challenge()).isNull();
        assertThat(error.spnegoWrapped()).isFalse();
    }

    @Test
    void d5LogonFailure() {
        CredSspAnswer answer = read(Vectors.D5);
        CredSspAnswer.Error error = (CredSspAnswer.Error) answer;
        assertThat(error.ntStatus()).isEqualTo(NtStatus.STATUS_LOGON_FAILURE);
        assertThat(error.name()).isEqualTo("STATUS_LOGON_FAILURE");
        assertThat(error.version()).isEqualTo(6);
    }

    @Test
    void freeRdpZeroTokenWithErrorCodeIsAnError() {
        CredSspAnswer answer = read(tsRequest(new byte[12 * 1024], 0xC00700EAL));
        assertThat(answer).isInstanceOf(CredSspAnswer.Error.class);
        assertThat(((CredSspAnswer.Error) answer).name()).isEqualTo("NTSTATUS_FROM_WIN32(00EA)");
    }

    @Test
    void zeroTokenWithoutErrorCodeIsNoChallenge() {
        CredSspAnswer answer = read(tsRequest(new byte[12 * 1024], null));
        assertThat(answer).isInstanceOf(CredSspAnswer.NoChallenge.class);
        assertThat(((CredSspAnswer.NoChallenge) answer).what()).contains("12288-byte").contains("all zeros");
        assertThat(answer.version()).isEqualTo(6);
    }

    @Test
    void versionOnlyIsNoChallenge() {
        CredSspAnswer answer = read("3005a003020103");
        assertThat(answer).isInstanceOf(CredSspAnswer.NoChallenge.class);
        assertThat(answer.version()).isEqualTo(3);
        assertThat(((CredSspAnswer.NoChallenge) answer).what()).contains("neither negoTokens nor errorCode");
    }

    @Test
    void spnegoRejectIsNoChallenge() {
        CredSspAnswer answer = read(tsRequest(new NegTokenResp(Spnego.REJECT, null, null, null).toBytes(), null));
        assertThat(((CredSspAnswer.NoChallenge) answer).what()).contains("reject");
    }

    @Test
    void errorCodeNextToAValidChallengeKeepsItsFacts() {
        CredSspAnswer answer = read(tsRequest(D3, NtStatus.STATUS_ACCESS_DENIED));
        assertThat(answer).isInstanceOf(CredSspAnswer.Error.class);
        assertThat(((CredSspAnswer.Error) answer).challenge().targetName()).isEqualTo("Server");
    }

    @Test
    void aRawNtlmMessageOfTheWrongTypeIsMalformed() {
        byte[] negotiate = NtlmNegotiate.probe().toBytes();
        MalformedPduException e = expectMalformed(() -> read(tsRequest(negotiate, null)));
        assertThat(e.pdu()).isEqualTo(NtlmChallenge.PDU);
        assertThat(e.field()).isEqualTo("MessageType");
    }

    @Test
    void fakeServerReadsClientRequests() {
        ClientNegotiate c1 = CredSspMessages.readClientRequest(buf(Vectors.C1));
        assertThat(c1.request().version()).isEqualTo(96);
        assertThat(c1.spnegoWrapped()).isFalse();
        assertThat(c1.mechTypes()).isEmpty();
        assertThat(c1.negotiate()).isEqualTo(NtlmNegotiate.probe());

        ClientNegotiate c2 = CredSspMessages.readClientRequest(buf(Vectors.C2));
        assertThat(c2.negotiate().version()).isEqualTo(new NtlmVersion(6, 1, 7601, 15));
        assertThat(c2.request().clientNonce()).hasSize(32);

        ClientNegotiate c3 = CredSspMessages.readClientRequest(buf(Vectors.C3));
        assertThat(c3.spnegoWrapped()).isTrue();
        assertThat(c3.mechTypes()).containsExactly(Spnego.OID_NTLM);
        assertThat(c3.negotiate()).isEqualTo(NtlmNegotiate.probe());

        ByteBuf ours = Unpooled.buffer();
        byte[] nonce = new byte[32];
        nonce[0] = 1;
        CredSspMessages.writeProbeRequest(ours, nonce);
        ClientNegotiate probe = CredSspMessages.readClientRequest(ours);
        ours.release();
        assertThat(probe.request().version()).isEqualTo(CredSspMessages.PROBE_VERSION);
        assertThat(probe.request().clientNonce()).isEqualTo(nonce);
        assertThat(probe.negotiate()).isEqualTo(NtlmNegotiate.probe());
        assertThat(probe.request().authInfo()).isNull();
        assertThat(probe.request().pubKeyAuth()).isNull();

        ClientNegotiate empty = CredSspMessages.readClientRequest(buf("3005a003020106"));
        assertThat(empty.negotiate()).isNull();
        assertThat(expectMalformed(() -> CredSspMessages.readClientRequest(Unpooled.wrappedBuffer(tsRequest(bytes("0400"), null))))
                .field()).isEqualTo("negoTokens[0].negoToken");
    }

    @Test
    void truncatedAnswersThrowOnlyMalformed() {
        for (String vector : List.of(Vectors.D1, Vectors.D2, Vectors.D4, Vectors.D5)) {
            byte[] all = bytes(vector);
            for (int n = 0; n < all.length; n++) {
                int length = n;
                expectMalformed(() -> CredSspMessages.readServerAnswer(prefix(all, length)));
            }
        }
        for (String vector : List.of(Vectors.C1, Vectors.C2, Vectors.C3)) {
            byte[] all = bytes(vector);
            for (int n = 0; n < all.length; n++) {
                int length = n;
                expectMalformed(() -> CredSspMessages.readClientRequest(prefix(all, length)));
            }
        }
    }

    @Test
    void randomMutationsThrowOnlyMalformed() {
        Random random = new Random(5);
        List<byte[]> vectors = List.of(bytes(Vectors.D1), bytes(Vectors.D2), bytes(Vectors.D4),
                tsRequest(Spnego.wrapNtlmChallenge(D3), null), bytes(Vectors.C3));
        for (byte[] original : vectors) {
            for (int round = 0; round < 2000; round++) {
                byte[] m = original.clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    m[random.nextInt(m.length)] = (byte) random.nextInt(256);
                }
                try {
                    CredSspMessages.readServerAnswer(Unpooled.wrappedBuffer(m));
                } catch (MalformedPduException expected) {
                    assertThat(expected.field()).isNotBlank();
                }
                try {
                    CredSspMessages.readClientRequest(Unpooled.wrappedBuffer(m));
                } catch (MalformedPduException expected) {
                    assertThat(expected.field()).isNotBlank();
                }
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
