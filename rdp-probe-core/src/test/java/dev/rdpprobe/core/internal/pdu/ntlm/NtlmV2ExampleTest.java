package dev.rdpprobe.core.internal.pdu.ntlm;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The NTLMv2 example of [MS-NLMP] 4.2.4, reproduced exactly: user "User", domain "Domain", password
 * "Password", ServerChallenge 0123456789abcdef, ClientChallenge aa×8, Time 0, RandomSessionKey 55×16,
 * workstation "COMPUTER". (MD4, the NT hash itself, is checked where the provider lives: rdp-probe-tls.)
 */
class NtlmV2ExampleTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", "").replace("\n", ""));
    }

    /** [MS-NLMP] 4.2.2.1.2 NTOWFv1("Password"). */
    static final byte[] NT_HASH = hex("a4 f4 9c 40 65 10 bd ca b6 82 4e e7 c3 0f d8 52");
    /** 4.2.4.1.1 NTOWFv2. */
    static final byte[] RESPONSE_KEY = hex("0c 86 8a 40 3b fd 7a 93 a3 00 1e f2 2e f0 2e 3f");
    /** 4.2.4.1.2 SessionBaseKey. */
    static final byte[] SESSION_BASE_KEY = hex("8d e4 0c ca db c1 4a 82 f1 5c b0 ad 0d e9 5c a3");
    /** 4.2.4.2.1 LMv2 response. */
    static final byte[] LMV2 = hex("86 c3 50 97 ac 9c ec 10 25 54 76 4a 57 cc cc 19 aa aa aa aa aa aa aa aa");
    /** 4.2.4.2.2 NTProofStr. */
    static final byte[] NT_PROOF = hex("68 cd 0a b8 51 e5 1c 96 aa bc 92 7b eb ef 6a 1c");
    /** 4.2.4.2.3 EncryptedRandomSessionKey. */
    static final byte[] ENCRYPTED_KEY = hex("c5 da d2 54 4f c9 79 90 94 ce 1c e9 0b c9 d0 3e");
    static final byte[] SERVER_CHALLENGE = hex("01 23 45 67 89 ab cd ef");
    static final byte[] CLIENT_CHALLENGE = hex("aa aa aa aa aa aa aa aa");
    static final byte[] RANDOM_SESSION_KEY = hex("55555555555555555555555555555555");
    /** The CHALLENGE's TargetInfo: MsvAvNbDomainName "Domain", MsvAvNbComputerName "Server", MsvAvEOL. */
    static final byte[] TARGET_INFO = hex("02 00 0c 00 44 00 6f 00 6d 00 61 00 69 00 6e 00"
            + "01 00 0c 00 53 00 65 00 72 00 76 00 65 00 72 00 00 00 00 00");
    /** 4.2.4.3 the AUTHENTICATE_MESSAGE (no MIC; Version 5.1.2600). */
    static final byte[] AUTHENTICATE = hex("""
            4e 54 4c 4d 53 53 50 00 03 00 00 00 18 00 18 00 6c 00 00 00 54 00 54 00 84 00 00 00 0c 00 0c 00
            48 00 00 00 08 00 08 00 54 00 00 00 10 00 10 00 5c 00 00 00 10 00 10 00 d8 00 00 00 35 82 88 e2
            05 01 28 0a 00 00 00 0f 44 00 6f 00 6d 00 61 00 69 00 6e 00 55 00 73 00 65 00 72 00 43 00 4f 00
            4d 00 50 00 55 00 54 00 45 00 52 00 86 c3 50 97 ac 9c ec 10 25 54 76 4a 57 cc cc 19 aa aa aa aa
            aa aa aa aa 68 cd 0a b8 51 e5 1c 96 aa bc 92 7b eb ef 6a 1c 01 01 00 00 00 00 00 00 00 00 00 00
            00 00 00 00 aa aa aa aa aa aa aa aa 00 00 00 00 02 00 0c 00 44 00 6f 00 6d 00 61 00 69 00 6e 00
            01 00 0c 00 53 00 65 00 72 00 76 00 65 00 72 00 00 00 00 00 00 00 00 00 c5 da d2 54 4f c9 79 90
            94 ce 1c e9 0b c9 d0 3e""");
    /** 4.2.4.4 keys and the sealed "Plaintext". */
    static final byte[] SEALING_KEY = hex("59 f6 00 97 3c c4 96 0a 25 48 0a 7c 19 6e 4c 58");
    static final byte[] SIGNING_KEY = hex("47 88 dc 86 1b 47 82 f3 5d 43 fd 98 fe 1a 2d 39");
    static final byte[] SEALED = hex("54 e5 01 65 bf 19 36 dc 99 60 20 c1 81 1b 0f 06 fb 5f");
    static final byte[] SIGNATURE = hex("01 00 00 00 7f b3 8e c5 c5 5d 49 76 00 00 00 00");
    static final long FLAGS = 0xE2888235L;

    @Test
    void responseKeyIsNtowfV2OfTheExample() {
        assertThat(NtlmV2.responseKey(NT_HASH, "User", "Domain")).isEqualTo(RESPONSE_KEY);
    }

    @Test
    void responsesAndSessionBaseKeyAreTheExamples() {
        byte[] blob = NtlmV2.clientBlob(new byte[8], CLIENT_CHALLENGE, TARGET_INFO);
        NtlmV2.Responses r = NtlmV2.compute(RESPONSE_KEY, SERVER_CHALLENGE, blob, CLIENT_CHALLENGE, true);
        assertThat(r.ntProofStr()).isEqualTo(NT_PROOF);
        assertThat(r.lmChallengeResponse()).isEqualTo(LMV2);
        assertThat(r.sessionBaseKey()).isEqualTo(SESSION_BASE_KEY);
        assertThat(NtlmPrimitives.rc4(r.sessionBaseKey(), RANDOM_SESSION_KEY)).isEqualTo(ENCRYPTED_KEY);
        assertThat(r.toString()).doesNotContain("68cd").doesNotContain("104");
    }

    @Test
    void theAuthenticateMessageIsTheExampleByteForByte() {
        byte[] blob = NtlmV2.clientBlob(new byte[8], CLIENT_CHALLENGE, TARGET_INFO);
        NtlmV2.Responses r = NtlmV2.compute(RESPONSE_KEY, SERVER_CHALLENGE, blob, CLIENT_CHALLENGE, true);
        NtlmAuthenticate message = new NtlmAuthenticate(r.lmChallengeResponse(), r.ntChallengeResponse(), "Domain", "User",
                "COMPUTER", NtlmPrimitives.rc4(r.sessionBaseKey(), RANDOM_SESSION_KEY), FLAGS, new NtlmVersion(5, 1, 2600, 15), null);
        assertThat(message.toBytes()).isEqualTo(AUTHENTICATE);
        assertThat(NtlmAuthenticate.decode(Unpooled.wrappedBuffer(AUTHENTICATE))).isEqualTo(message);
    }

    @Test
    void keysAndSealingAreTheGssWrapExExample() {
        NtlmSessionKeys keys = NtlmSessionKeys.derive(RANDOM_SESSION_KEY, FLAGS);
        assertThat(keys.clientSealingKey()).isEqualTo(SEALING_KEY);
        assertThat(keys.clientSigningKey()).isEqualTo(SIGNING_KEY);
        NtlmSealing.Sealed sealed = keys.clientToServer().seal("Plaintext".getBytes(StandardCharsets.UTF_16LE));
        assertThat(sealed.data()).isEqualTo(SEALED);
        assertThat(sealed.signature()).isEqualTo(SIGNATURE);
    }

    @Test
    void whatOneSideSealsTheOtherUnsealsAndATamperedMessageFails() {
        NtlmSessionKeys keys = NtlmSessionKeys.derive(RANDOM_SESSION_KEY, FLAGS);
        NtlmSealing sender = keys.serverToClient();
        NtlmSealing receiver = NtlmSessionKeys.derive(RANDOM_SESSION_KEY, FLAGS).serverToClient();
        byte[] first = sender.seal(hex("0102030405")).signatureThenData();
        byte[] second = sender.seal(hex("0607")).signatureThenData();
        assertThat(receiver.unseal(first)).isEqualTo(hex("0102030405"));
        second[second.length - 1] ^= 1;
        assertThat(receiver.unseal(second)).isNull();
        assertThat(receiver.unseal(new byte[3])).isNull();
    }

    @Test
    void aClientAuthenticateCarriesTheMicOverAllThreeMessagesAndTheBindingPairs() {
        byte[] challengeBytes = NtlmChallengeTest.D3;
        NtlmChallenge challenge = NtlmChallenge.decode(Unpooled.wrappedBuffer(challengeBytes));
        byte[] negotiate = NtlmNegotiate.probe().toBytes();
        byte[] bindings = ChannelBindings.hash("tls-server-end-point:abc".getBytes(StandardCharsets.US_ASCII));
        NtlmClientAuthentication.Result result = NtlmClientAuthentication.authenticate(negotiate, challengeBytes, challenge,
                new NtlmClientAuthentication.Inputs("User", "Domain", "", NT_HASH, bindings, "TERMSRV/server",
                        CLIENT_CHALLENGE, RANDOM_SESSION_KEY, new byte[8]));
        NtlmAuthenticate sent = NtlmAuthenticate.decode(Unpooled.wrappedBuffer(result.message()));
        assertThat(sent.user()).isEqualTo("User");
        assertThat(sent.mic()).isNotNull();
        byte[] expectedMic = NtlmPrimitives.hmacMd5(RANDOM_SESSION_KEY, negotiate, challengeBytes,
                NtlmAuthenticate.withMicZeroed(result.message()));
        assertThat(sent.mic()).isEqualTo(expectedMic);
        byte[] nt = sent.ntChallengeResponse();
        byte[] info = Arrays.copyOfRange(nt, 16 + 28, nt.length - 4);
        String pairs = HexFormat.of().formatHex(info);
        assertThat(pairs).contains("06000400" + "02000000")
                .contains("0a001000" + HexFormat.of().formatHex(bindings))
                .contains(HexFormat.of().formatHex(AvPair.ofString(AvPair.MSV_AV_TARGET_NAME, "TERMSRV/server").value()))
                .endsWith("00000000");
        assertThat(result.toString()).doesNotContain(HexFormat.of().formatHex(nt).substring(0, 8));
        assertThat(sent.toString()).doesNotContain(HexFormat.of().formatHex(nt).substring(0, 8));
    }
}
