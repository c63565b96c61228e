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

import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.ntlm.AvPair;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmChallenge;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmFlags;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmNegotiate;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CredSspMessagesTest {

    static final Instant D1_RECEIVED = Instant.parse("2019-03-12T13:27:00Z");
    static final byte[] D3 = bytes(Vectors.D3);

    static CredSspAnswer read(String hex, Instant receivedAt) {
        return CredSspMessages.readServerAnswer(buf(hex), receivedAt);
    }

    static CredSspAnswer read(byte[] message) {
        return CredSspMessages.readServerAnswer(Unpooled.wrappedBuffer(message), D1_RECEIVED);
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
    void d1WindowsTen() {
        CredSspAnswer answer = read(Vectors.D1, D1_RECEIVED);
        assertThat(answer).isInstanceOf(CredSspAnswer.Challenge.class);
        CredSspFacts facts = answer.facts();
        assertThat(facts.version()).isEqualTo(6);
        assertThat(facts.spnegoWrapped()).isFalse();
        assertThat(facts.errorCode()).isEmpty();
        assertThat(facts.errorName()).isEmpty();
        NtlmServerInfo ntlm = facts.ntlm().orElseThrow();
        assertThat(ntlm.targetName()).isEqualTo("DESKTOP-KMDT420");
        assertThat(ntlm.netbiosComputerName()).isEqualTo("DESKTOP-KMDT420");
        assertThat(ntlm.netbiosDomainName()).isEqualTo("DESKTOP-KMDT420");
        assertThat(ntlm.dnsComputerName()).isEqualTo("DESKTOP-KMDT420");
        assertThat(ntlm.dnsDomainName()).isEqualTo("DESKTOP-KMDT420");
        assertThat(ntlm.dnsTreeName()).isNull();
        assertThat(ntlm.osVersion()).isEqualTo("10.0.16299");
        assertThat(ntlm.osBuild()).isEqualTo(16299);
        assertThat(ntlm.windowsRelease()).isEqualTo("Windows 10 1709 / Server 1709");
        assertThat(ntlm.serverTime()).isEqualTo(Instant.parse("2019-03-12T13:27:28.1697397Z"));
        assertThat(ntlm.clockSkew()).isEqualTo(Duration.ofSeconds(28, 169_739_700));
        assertThat(ntlm.negotiateFlags()).isEqualTo(0xE28A8235L);
    }

    @Test
    void clockSkewIsNegativeWhenTheServerIsBehind() {
        CredSspAnswer answer = read(Vectors.D1, Instant.parse("2019-03-12T13:30:00Z"));
        assertThat(answer.facts().ntlm().orElseThrow().clockSkew()).isNegative();
    }

    @Test
    void d2Windows7Names() {
        CredSspAnswer answer = read(Vectors.D2, D1_RECEIVED);
        NtlmServerInfo ntlm = ((CredSspAnswer.Challenge) answer).facts().ntlm().orElseThrow();
        assertThat(ntlm.targetName()).isEqualTo("VGPC");
        assertThat(ntlm.netbiosComputerName()).isEqualTo("VGPC");
        assertThat(ntlm.osVersion()).isEqualTo("6.1.7601");
        assertThat(ntlm.osBuild()).isEqualTo(7601);
        assertThat(ntlm.windowsRelease()).isEqualTo("Windows 7 / Server 2008 R2 SP1");
        assertThat(ntlm.serverTime()).isEqualTo(Instant.parse("2019-02-28T09:49:21Z"));
    }

    @Test
    void d3SpecExampleWithoutTimestamp() {
        CredSspAnswer answer = read(tsRequest(D3, null));
        NtlmServerInfo ntlm = ((CredSspAnswer.Challenge) answer).facts().ntlm().orElseThrow();
        assertThat(ntlm.targetName()).isEqualTo("Server");
        assertThat(ntlm.netbiosComputerName()).isEqualTo("Server");
        assertThat(ntlm.netbiosDomainName()).isEqualTo("Domain");
        assertThat(ntlm.dnsComputerName()).isNull();
        assertThat(ntlm.osVersion()).isEqualTo("6.0.6000");
        assertThat(ntlm.windowsRelease()).isEqualTo("Windows Vista");
        assertThat(ntlm.serverTime()).isNull();
        assertThat(ntlm.clockSkew()).isNull();
    }

    @Test
    void spnegoWrappedChallenge() {
        CredSspAnswer answer = read(tsRequest(Spnego.wrapNtlmChallenge(D3), null));
        assertThat(answer).isInstanceOf(CredSspAnswer.Challenge.class);
        assertThat(answer.facts().spnegoWrapped()).isTrue();
        assertThat(answer.facts().ntlm()).isEqualTo(read(tsRequest(D3, null)).facts().ntlm());
    }

    @Test
    void unknownWrapperFallsBackToTheSignatureSearch() {
        byte[] junk = bytes("0410deadbeefdeadbeefdeadbeefdeadbeef4e544c4d535350000100");
        byte[] token = concat(junk, D3);
        CredSspAnswer answer = read(tsRequest(token, null));
        assertThat(answer).isInstanceOf(CredSspAnswer.Challenge.class);
        assertThat(answer.facts().spnegoWrapped()).isTrue();
        assertThat(answer.facts().ntlm().orElseThrow().targetName()).isEqualTo("Server");
        // a broken NegTokenResp around the CHALLENGE: the search finds it too
        CredSspAnswer broken = read(tsRequest(concat(bytes("a105ffffffffff"), D3), null));
        assertThat(broken.facts().ntlm().orElseThrow().netbiosDomainName()).isEqualTo("Domain");
    }

    @Test
    void d4ErrorCodeFromWin32() {
        CredSspAnswer answer = read(Vectors.D4, D1_RECEIVED);
        assertThat(answer).isInstanceOf(CredSspAnswer.Error.class);
        CredSspAnswer.Error error = (CredSspAnswer.Error) answer;
        assertThat(error.ntStatus()).isEqualTo(0xC00700EAL);
        assertThat(error.name()).isEqualTo("NTSTATUS_FROM_WIN32(00EA)");
        assertThat(error.facts().errorCode()).contains(0xC00700EAL);
        assertThat(error.facts().errorName()).contains("NTSTATUS_FROM_WIN32(00EA)");
        assertThat(error.facts().ntlm()).isEmpty();
    }

    @Test
    void d5LogonFailure() {
        CredSspAnswer answer = read(Vectors.D5, D1_RECEIVED);
        CredSspAnswer.Error error = (CredSspAnswer.Error) answer;
        assertThat(error.ntStatus()).isEqualTo(NtStatus.STATUS_LOGON_FAILURE);
        assertThat(error.name()).isEqualTo("STATUS_LOGON_FAILURE");
        assertThat(error.facts().version()).isEqualTo(6);
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
        assertThat(answer.facts().ntlm()).isEmpty();
        assertThat(answer.facts().version()).isEqualTo(6);
    }

    @Test
    void versionOnlyIsNoChallenge() {
        CredSspAnswer answer = read("3005a003020103", D1_RECEIVED);
        assertThat(answer).isInstanceOf(CredSspAnswer.NoChallenge.class);
        assertThat(answer.facts().version()).isEqualTo(3);
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
        assertThat(answer.facts().ntlm().orElseThrow().targetName()).isEqualTo("Server");
    }

    @Test
    void aRawNtlmMessageOfTheWrongTypeIsMalformed() {
        byte[] negotiate = NtlmNegotiate.probe().toBytes();
        MalformedPduException e = expectMalformed(() -> read(tsRequest(negotiate, null)));
        assertThat(e.pdu()).isEqualTo(NtlmChallenge.PDU);
        assertThat(e.field()).isEqualTo("MessageType");
    }

    @Test
    void avPairOrderDoesNotChangeTheFacts() {
        NtlmChallenge original = NtlmChallenge.decode(Unpooled.wrappedBuffer(range(bytes(Vectors.D1), 0x18, 0x106)));
        NtlmServerInfo expected = read(Vectors.D1, D1_RECEIVED).facts().ntlm().orElseThrow();
        Random random = new Random(3);
        for (int round = 0; round < 10; round++) {
            List<AvPair> pairs = new ArrayList<>(original.targetInfo());
            Collections.shuffle(pairs, random);
            NtlmChallenge shuffled = new NtlmChallenge(original.targetName(), original.flags(),
                    original.serverChallenge(), pairs, original.version());
            assertThat(read(tsRequest(shuffled.toBytes(), null)).facts().ntlm()).contains(expected);
        }
    }

    @Test
    void fakeServerChallengeRoundTripsRawAndWrapped() {
        Instant time = Instant.parse("2025-01-02T03:04:05.5Z");
        ChallengeSpec spec = new ChallengeSpec("CORP", "RDS01", "CORP", "rds01.corp.example.com", "corp.example.com",
                "example.com", 10, 0, 20348, time, ChallengeSpec.WINDOWS_SERVER_FLAGS, bytes("0102030405060708"));
        for (boolean wrapped : new boolean[] {false, true}) {
            ByteBuf out = Unpooled.buffer();
            CredSspMessages.writeChallengeAnswer(out, 6, spec, wrapped);
            CredSspAnswer answer = CredSspMessages.readServerAnswer(out, time.minusSeconds(2));
            assertThat(out.readableBytes()).isZero();
            out.release();
            assertThat(answer).isInstanceOf(CredSspAnswer.Challenge.class);
            assertThat(answer.facts().spnegoWrapped()).isEqualTo(wrapped);
            NtlmServerInfo ntlm = answer.facts().ntlm().orElseThrow();
            assertThat(ntlm).isEqualTo(new NtlmServerInfo("CORP", "RDS01", "CORP", "rds01.corp.example.com",
                    "corp.example.com", "example.com", "10.0.20348", 20348, "Windows Server 2022", time,
                    Duration.ofSeconds(2), ChallengeSpec.WINDOWS_SERVER_FLAGS));
        }
    }

    @Test
    void fakeServerWorkgroupSpecMatchesD1() {
        ChallengeSpec spec = ChallengeSpec.workgroup("DESKTOP-KMDT420", 10, 0, 16299,
                Instant.parse("2019-03-12T13:27:28.1697397Z"), bytes("6e803bb7f8b9f65c"));
        ByteBuf out = Unpooled.buffer();
        CredSspMessages.writeChallengeAnswer(out, 6, spec, false);
        assertThat(hex(drain(out))).isEqualTo(Vectors.D1);
    }

    @Test
    void challengeWithoutVersionFlagHasNoOsVersion() {
        ChallengeSpec spec = new ChallengeSpec(null, "HOST", null, null, null, null, 10, 0, 17763, null,
                ChallengeSpec.WINDOWS_SERVER_FLAGS & ~NtlmFlags.NEGOTIATE_VERSION, new byte[8]);
        ByteBuf out = Unpooled.buffer();
        CredSspMessages.writeChallengeAnswer(out, 6, spec, false);
        NtlmServerInfo ntlm = CredSspMessages.readServerAnswer(out, D1_RECEIVED).facts().ntlm().orElseThrow();
        out.release();
        assertThat(ntlm.osVersion()).isNull();
        assertThat(ntlm.osBuild()).isNull();
        assertThat(ntlm.windowsRelease()).isNull();
        assertThat(ntlm.targetName()).isNull();
        assertThat(ntlm.netbiosComputerName()).isEqualTo("HOST");
    }

    @Test
    void fakeServerErrorAnswerIsD5() {
        ByteBuf out = Unpooled.buffer();
        CredSspMessages.writeErrorAnswer(out, 6, NtStatus.STATUS_LOGON_FAILURE);
        assertThat(hex(drain(out))).isEqualTo(Vectors.D5);
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
                expectMalformed(() -> CredSspMessages.readServerAnswer(prefix(all, length), D1_RECEIVED));
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
                    CredSspMessages.readServerAnswer(Unpooled.wrappedBuffer(m), D1_RECEIVED);
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
