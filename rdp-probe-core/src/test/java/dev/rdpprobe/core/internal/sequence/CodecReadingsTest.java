package dev.rdpprobe.core.internal.sequence;

import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.buf;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.bytes;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.range;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspMessages;
import dev.rdpprobe.core.internal.pdu.credssp.NtStatus;
import dev.rdpprobe.core.internal.pdu.credssp.Spnego;
import dev.rdpprobe.core.internal.pdu.credssp.TsRequest;
import dev.rdpprobe.core.internal.pdu.credssp.Vectors;
import dev.rdpprobe.core.internal.pdu.ntlm.AvPair;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmChallenge;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The mapping from what the codecs read to the outcome model (the codecs know nothing of it). */
class CodecReadingsTest {

    static final Instant D1_RECEIVED = Instant.parse("2019-03-12T13:27:00Z");
    static final byte[] D3 = bytes(Vectors.D3);

    static CredSspFacts facts(String hex, Instant receivedAt) {
        return CodecReadings.credSspFacts(CredSspMessages.readServerAnswer(buf(hex)), receivedAt);
    }

    static CredSspFacts facts(byte[] message) {
        return CodecReadings.credSspFacts(CredSspMessages.readServerAnswer(Unpooled.wrappedBuffer(message)), D1_RECEIVED);
    }

    static byte[] tsRequest(byte[] token, Long errorCode) {
        return new TsRequest(6, token == null ? null : List.of(token), null, null, errorCode, null).toBytes();
    }

    @Test
    void aMalformedPduBecomesTheSameFailure() {
        Failure.MalformedPdu failure = CodecReadings.failure(new MalformedPduException("TPKT", "length", 2, "too short"));
        assertThat(failure).isEqualTo(new Failure.MalformedPdu("TPKT", "length", 2, "too short"));
        assertThat(failure.message()).isEqualTo("malformed TPKT: length at offset 2: too short");
    }

    @Test
    void spnegoWrappingIsKeptAndTheNtlmFactsAreTheSame() {
        CredSspFacts wrapped = facts(tsRequest(Spnego.wrapNtlmChallenge(D3), null));
        assertThat(wrapped.spnegoWrapped()).isTrue();
        assertThat(wrapped.ntlm()).isEqualTo(facts(tsRequest(D3, null)).ntlm()).isPresent();
    }

    @Test
    void anErrorCodeFillsTheErrorFactsAndKeepsAValidChallengeBesideIt() {
        CredSspFacts d4 = facts(Vectors.D4, D1_RECEIVED);
        assertThat(d4.errorCode()).contains(0xC00700EAL);
        assertThat(d4.errorName()).contains("NTSTATUS_FROM_WIN32(00EA)");
        assertThat(d4.ntlm()).isEmpty();
        CredSspFacts beside = facts(tsRequest(D3, NtStatus.STATUS_ACCESS_DENIED));
        assertThat(beside.errorCode()).contains(NtStatus.STATUS_ACCESS_DENIED);
        assertThat(beside.ntlm().orElseThrow().targetName()).isEqualTo("Server");
    }

    @Test
    void noChallengeHasOnlyTheVersion() {
        assertThat(facts("3005a003020103", D1_RECEIVED)).isEqualTo(new CredSspFacts(3, false, Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void d1WindowsTen() {
        CredSspFacts facts = facts(Vectors.D1, D1_RECEIVED);
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
        assertThat(facts(Vectors.D1, Instant.parse("2019-03-12T13:30:00Z")).ntlm().orElseThrow().clockSkew()).isNegative();
    }

    @Test
    void d2Windows7Names() {
        NtlmServerInfo ntlm = facts(Vectors.D2, D1_RECEIVED).ntlm().orElseThrow();
        assertThat(ntlm.targetName()).isEqualTo("VGPC");
        assertThat(ntlm.netbiosComputerName()).isEqualTo("VGPC");
        assertThat(ntlm.osVersion()).isEqualTo("6.1.7601");
        assertThat(ntlm.osBuild()).isEqualTo(7601);
        assertThat(ntlm.windowsRelease()).isEqualTo("Windows 7 / Server 2008 R2 SP1");
        assertThat(ntlm.serverTime()).isEqualTo(Instant.parse("2019-02-28T09:49:21Z"));
    }

    @Test
    void d3SpecExampleWithoutTimestamp() {
        NtlmServerInfo ntlm = facts(tsRequest(D3, null)).ntlm().orElseThrow();
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
    void avPairOrderDoesNotChangeTheFacts() {
        NtlmChallenge original = NtlmChallenge.decode(Unpooled.wrappedBuffer(range(bytes(Vectors.D1), 0x18, 0x106)));
        NtlmServerInfo expected = facts(Vectors.D1, D1_RECEIVED).ntlm().orElseThrow();
        Random random = new Random(3);
        for (int round = 0; round < 10; round++) {
            List<AvPair> pairs = new ArrayList<>(original.targetInfo());
            Collections.shuffle(pairs, random);
            NtlmChallenge shuffled = new NtlmChallenge(original.targetName(), original.flags(),
                    original.serverChallenge(), pairs, original.version());
            assertThat(facts(tsRequest(shuffled.toBytes(), null)).ntlm()).contains(expected);
        }
    }
}
