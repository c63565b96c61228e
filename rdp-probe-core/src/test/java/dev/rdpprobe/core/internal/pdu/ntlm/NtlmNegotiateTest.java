package dev.rdpprobe.core.internal.pdu.ntlm;

import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.bytes;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.expectMalformed;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.prefix;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.range;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.credssp.Vectors;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class NtlmNegotiateTest {

    static final byte[] C1_TOKEN = range(bytes(Vectors.C1), 0x11, 0x11 + 40);
    static final byte[] C2_TOKEN = range(bytes(Vectors.C2), 0x11, 0x11 + 40);

    @Test
    void probeNegotiateIsNmapsBlob() {
        assertThat(NtlmNegotiate.probe().toBytes()).isEqualTo(C1_TOKEN);
        assertThat(NtlmNegotiate.probe().encodedLength()).isEqualTo(40);
        assertThat(NtlmFlags.has(NtlmNegotiate.probe().flags(), NtlmFlags.NEGOTIATE_VERSION)).isTrue();
    }

    @Test
    void decodesC1AndC2() {
        NtlmNegotiate c1 = NtlmNegotiate.decode(Unpooled.wrappedBuffer(C1_TOKEN));
        assertThat(c1.flags()).isEqualTo(0xE20882B7L);
        assertThat(c1.domain()).isEmpty();
        assertThat(c1.workstation()).isEmpty();
        assertThat(c1.version()).isEqualTo(new NtlmVersion(10, 0, 17763, 15));
        NtlmNegotiate c2 = NtlmNegotiate.decode(Unpooled.wrappedBuffer(C2_TOKEN));
        assertThat(c2.version()).isEqualTo(new NtlmVersion(6, 1, 7601, 15));
        assertThat(c2.toBytes()).isEqualTo(C2_TOKEN);
    }

    @Test
    void roundTripWithDomainAndWorkstation() {
        NtlmNegotiate n = new NtlmNegotiate(0xE20882B7L | NtlmFlags.DOMAIN_SUPPLIED | NtlmFlags.WORKSTATION_SUPPLIED,
                "CORP", "PROBE-HOST", NtlmVersion.WINDOWS_10_1809);
        byte[] encoded = n.toBytes();
        assertThat(encoded).hasSize(40 + 4 + 10);
        assertThat(NtlmNegotiate.decode(Unpooled.wrappedBuffer(encoded))).isEqualTo(n);
    }

    @Test
    void withoutVersionFlagVersionIsNull() {
        NtlmNegotiate n = new NtlmNegotiate(0xE00882B7L, "", "", null);
        assertThat(NtlmNegotiate.decode(Unpooled.wrappedBuffer(n.toBytes())).version()).isNull();
    }

    @Test
    void truncatedAtEveryByteThrowsOnlyMalformed() {
        for (byte[] vector : List.of(C1_TOKEN, C2_TOKEN)) {
            for (int n = 0; n < vector.length; n++) {
                int length = n;
                MalformedPduException e = expectMalformed(() -> NtlmNegotiate.decode(prefix(vector, length)));
                assertThat(e.pdu()).isEqualTo(NtlmNegotiate.PDU);
            }
        }
    }

    @Test
    void wrongTypeAndSignature() {
        assertThat(expectMalformed(() -> NtlmNegotiate.decode(Unpooled.wrappedBuffer(with(C1_TOKEN, 8, 2)))).field())
                .isEqualTo("MessageType");
        assertThat(expectMalformed(() -> NtlmNegotiate.decode(Unpooled.wrappedBuffer(with(C1_TOKEN, 7, 1)))).field())
                .isEqualTo("Signature");
    }

    @Test
    void domainPastTheEnd() {
        // DomainNameFields: length 4 at offset 40, but the message ends at 40
        byte[] m = with(with(C1_TOKEN, 16, 4), 20, 40);
        MalformedPduException e = expectMalformed(() -> NtlmNegotiate.decode(Unpooled.wrappedBuffer(m)));
        assertThat(e.field()).isEqualTo("DomainNameFields");
        byte[] intoHeader = with(with(C1_TOKEN, 16, 4), 20, 8);
        assertThat(expectMalformed(() -> NtlmNegotiate.decode(Unpooled.wrappedBuffer(intoHeader))).offset())
                .isEqualTo(20);
    }
}
