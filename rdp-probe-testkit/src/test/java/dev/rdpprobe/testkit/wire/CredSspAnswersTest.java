package dev.rdpprobe.testkit.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.internal.pdu.credssp.CredSspAnswer;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspMessages;
import dev.rdpprobe.core.internal.pdu.credssp.NtStatus;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmFlags;
import dev.rdpprobe.core.internal.sequence.CodecReadings;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The fake server's CredSSP answers, read back by the probe's decoder and compared with vectors.md. */
class CredSspAnswersTest {

    /** vectors.md D1 (262 bytes): a Windows 10 CHALLENGE. */
    static final String D1 = "30820102a003020106a181fa3081f73081f4a081f10481ee4e544c4d53535000"
            + "020000001e001e003800000035828ae26e803bb7f8b9f65c0000000000000000"
            + "98009800560000000a00ab3f0000000f4400450053004b0054004f0050002d00"
            + "4b004d004400540034003200300002001e004400450053004b0054004f005000"
            + "2d004b004d004400540034003200300001001e004400450053004b0054004f00"
            + "50002d004b004d004400540034003200300004001e004400450053004b005400"
            + "4f0050002d004b004d004400540034003200300003001e004400450053004b00"
            + "54004f0050002d004b004d00440054003400320030000700080075c68456d7d8"
            + "d40100000000";
    /** vectors.md D5 (15 bytes): STATUS_LOGON_FAILURE. */
    static final String D5 = "300da003020106a4060204c000006d";

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] drain(ByteBuf buf) {
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void aChallengeRoundTripsRawAndWrapped() {
        Instant time = Instant.parse("2025-01-02T03:04:05.5Z");
        ChallengeSpec spec = new ChallengeSpec("CORP", "RDS01", "CORP", "rds01.corp.example.com", "corp.example.com",
                "example.com", 10, 0, 20348, time, ChallengeSpec.WINDOWS_SERVER_FLAGS, bytes("0102030405060708"));
        for (boolean wrapped : new boolean[] {false, true}) {
            ByteBuf out = Unpooled.buffer();
            CredSspAnswers.writeChallenge(out, 6, spec, wrapped);
            CredSspAnswer answer = CredSspMessages.readServerAnswer(out);
            assertThat(out.readableBytes()).isZero();
            out.release();
            assertThat(answer).isInstanceOf(CredSspAnswer.Challenge.class);
            CredSspFacts facts = CodecReadings.credSspFacts(answer, time.minusSeconds(2));
            assertThat(facts.spnegoWrapped()).isEqualTo(wrapped);
            NtlmServerInfo ntlm = facts.ntlm().orElseThrow();
            assertThat(ntlm).isEqualTo(new NtlmServerInfo("CORP", "RDS01", "CORP", "rds01.corp.example.com",
                    "corp.example.com", "example.com", "10.0.20348", 20348, "Windows Server 2022", time,
                    Duration.ofSeconds(2), ChallengeSpec.WINDOWS_SERVER_FLAGS));
        }
    }

    @Test
    void theWorkgroupSpecMatchesVectorD1() {
        ChallengeSpec spec = ChallengeSpec.workgroup("DESKTOP-KMDT420", 10, 0, 16299,
                Instant.parse("2019-03-12T13:27:28.1697397Z"), bytes("6e803bb7f8b9f65c"));
        ByteBuf out = Unpooled.buffer();
        CredSspAnswers.writeChallenge(out, 6, spec, false);
        assertThat(hex(drain(out))).isEqualTo(D1);
    }

    @Test
    void challengeWithoutVersionFlagHasNoOsVersion() {
        ChallengeSpec spec = new ChallengeSpec(null, "HOST", null, null, null, null, 10, 0, 17763, null,
                ChallengeSpec.WINDOWS_SERVER_FLAGS & ~NtlmFlags.NEGOTIATE_VERSION, new byte[8]);
        ByteBuf out = Unpooled.buffer();
        CredSspAnswers.writeChallenge(out, 6, spec, false);
        NtlmServerInfo ntlm = CodecReadings.credSspFacts(CredSspMessages.readServerAnswer(out), Instant.EPOCH).ntlm().orElseThrow();
        out.release();
        assertThat(ntlm.osVersion()).isNull();
        assertThat(ntlm.osBuild()).isNull();
        assertThat(ntlm.windowsRelease()).isNull();
        assertThat(ntlm.targetName()).isNull();
        assertThat(ntlm.netbiosComputerName()).isEqualTo("HOST");
    }

    @Test
    void theErrorAnswerIsVectorD5() {
        ByteBuf out = Unpooled.buffer();
        CredSspAnswers.writeError(out, 6, NtStatus.STATUS_LOGON_FAILURE);
        assertThat(hex(drain(out))).isEqualTo(D5);
    }
}
