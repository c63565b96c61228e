package dev.rdpprobe.core.internal.pdu.ntlm;

import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.bytes;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.expectMalformed;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.prefix;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.range;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.credssp.Vectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NtlmChallengeTest {

    /** The CHALLENGE inside D1 (offset 0x18, 238 bytes). */
    static final byte[] D1_TOKEN = range(bytes(Vectors.D1), 0x18, 0x18 + 238);
    /** The CHALLENGE inside D2 (offset 0x17, 128 bytes). */
    static final byte[] D2_TOKEN = range(bytes(Vectors.D2), 0x17, 0x17 + 128);
    static final byte[] D3 = bytes(Vectors.D3);

    static NtlmChallenge decode(byte[] message) {
        return NtlmChallenge.decode(Unpooled.wrappedBuffer(message));
    }

    @Test
    void d1WindowsTenChallenge() {
        NtlmChallenge c = decode(D1_TOKEN);
        assertThat(c.targetName()).isEqualTo("DESKTOP-KMDT420");
        assertThat(c.flags()).isEqualTo(0xE28A8235L);
        assertThat(c.serverChallenge()).isEqualTo(bytes("6e803bb7f8b9f65c"));
        assertThat(c.version()).isEqualTo(new NtlmVersion(10, 0, 16299, 15));
        assertThat(c.targetInfo()).extracting(AvPair::id).containsExactly(2, 1, 4, 3, 7);
        for (int id : new int[] {1, 2, 3, 4}) {
            assertThat(c.avString(id)).isEqualTo("DESKTOP-KMDT420");
        }
        assertThat(c.avString(AvPair.MSV_AV_DNS_TREE_NAME)).isNull();
        // 0x01D4D8D75684C675 = 2019-03-12 13:27:28.1697397 UTC (vectors.md rounds it to .17)
        assertThat(c.timestamp()).isEqualTo(Instant.parse("2019-03-12T13:27:28.1697397Z"));
    }

    @Test
    void d2ChallengeFromSspiRs() {
        NtlmChallenge c = decode(D2_TOKEN);
        assertThat(c.targetName()).isEqualTo("VGPC");
        assertThat(c.flags()).isEqualTo(0xE28882B7L);
        assertThat(c.serverChallenge()).isEqualTo(bytes("c86f7d24d5b06565"));
        assertThat(c.version().osVersion()).isEqualTo("6.1.7601");
        assertThat(c.targetInfo()).extracting(AvPair::id).containsExactly(2, 1, 4, 3, 7);
        assertThat(c.avString(AvPair.MSV_AV_NB_COMPUTER_NAME)).isEqualTo("VGPC");
        assertThat(c.timestamp()).isEqualTo(Instant.parse("2019-02-28T09:49:21Z"));
    }

    @Test
    void d3SpecExampleHasNoTimestamp() {
        NtlmChallenge c = decode(D3);
        assertThat(c.targetName()).isEqualTo("Server");
        assertThat(c.flags()).isEqualTo(0xE28A8233L);
        assertThat(c.serverChallenge()).isEqualTo(bytes("0123456789abcdef"));
        assertThat(c.version()).isEqualTo(new NtlmVersion(6, 0, 6000, 15));
        assertThat(c.targetInfo()).extracting(AvPair::id).containsExactly(2, 1);
        assertThat(c.avString(AvPair.MSV_AV_NB_DOMAIN_NAME)).isEqualTo("Domain");
        assertThat(c.avString(AvPair.MSV_AV_NB_COMPUTER_NAME)).isEqualTo("Server");
        assertThat(c.avString(AvPair.MSV_AV_DNS_COMPUTER_NAME)).isNull();
        assertThat(c.timestamp()).isNull();
    }

    @Test
    void decodeConsumesTheReadableBytes() {
        ByteBuf buf = Unpooled.wrappedBuffer(D3);
        NtlmChallenge.decode(buf);
        assertThat(buf.readableBytes()).isZero();
    }

    @Test
    void reEncodingTheVectorsGivesTheSameBytes() {
        for (byte[] vector : List.of(D1_TOKEN, D2_TOKEN, D3)) {
            assertThat(decode(vector).toBytes()).isEqualTo(vector);
        }
    }

    @Test
    void roundTripWithTreeFlagsAndUnknownPairs() {
        List<AvPair> pairs = List.of(
                AvPair.ofString(AvPair.MSV_AV_NB_DOMAIN_NAME, "CORP"),
                AvPair.ofString(AvPair.MSV_AV_NB_COMPUTER_NAME, "RDS01"),
                AvPair.ofString(AvPair.MSV_AV_DNS_DOMAIN_NAME, "corp.example.com"),
                AvPair.ofString(AvPair.MSV_AV_DNS_COMPUTER_NAME, "rds01.corp.example.com"),
                AvPair.ofString(AvPair.MSV_AV_DNS_TREE_NAME, "example.com"),
                new AvPair(AvPair.MSV_AV_FLAGS, bytes("02000000")),
                new AvPair(0x1234, bytes("abcdef")),
                AvPair.ofTimestamp(Instant.parse("2024-05-06T07:08:09.1234567Z")));
        NtlmChallenge c = new NtlmChallenge("CORP", 0xE28A8235L, bytes("1122334455667788"), pairs,
                new NtlmVersion(10, 0, 20348, 15));
        NtlmChallenge back = decode(c.toBytes());
        assertThat(back).isEqualTo(c);
        assertThat(back.timestamp()).isEqualTo(Instant.parse("2024-05-06T07:08:09.1234567Z"));
        assertThat(back.avString(AvPair.MSV_AV_DNS_TREE_NAME)).isEqualTo("example.com");
    }

    @Test
    void avPairsAreFoundByIdInAnyOrder() {
        NtlmChallenge original = decode(D1_TOKEN);
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<AvPair> shuffled = new ArrayList<>(original.targetInfo());
            Collections.shuffle(shuffled, random);
            NtlmChallenge c = decode(new NtlmChallenge(original.targetName(), original.flags(),
                    original.serverChallenge(), shuffled, original.version()).toBytes());
            for (int id = 0; id <= 10; id++) {
                assertThat(c.avString(id)).isEqualTo(original.avString(id));
            }
            assertThat(c.timestamp()).isEqualTo(original.timestamp());
        }
    }

    @Test
    void versionIsReadOnlyWhenTheFlagIsSet() {
        // clear NEGOTIATE_VERSION (0x02000000): byte 23 0xE2 -> 0xE0; payload offsets 56/68 remain valid
        NtlmChallenge c = decode(with(D3, 23, 0xE0));
        assertThat(c.version()).isNull();
        assertThat(c.targetName()).isEqualTo("Server");
    }

    @Test
    void targetInfoIsIgnoredWithoutTheFlag() {
        // clear NEGOTIATE_TARGET_INFO (0x00800000): byte 22 0x8A -> 0x0A
        NtlmChallenge c = decode(with(D3, 22, 0x0A));
        assertThat(c.targetInfo()).isEmpty();
    }

    @Test
    void oemTargetName() {
        // clear NEGOTIATE_UNICODE: the 12 bytes "S\0e\0r\0v\0e\0r\0" read as Latin-1
        NtlmChallenge c = decode(with(D3, 20, 0x32));
        assertThat(c.targetName()).isEqualTo("S\0e\0r\0v\0e\0r\0");
    }

    @Test
    void missingEolEndsTheListAtTheBufferEnd() {
        // TargetInfo length 36 -> 32: the two pairs, no EOL
        NtlmChallenge c = decode(with(with(D3, 40, 32), 42, 32));
        assertThat(c.targetInfo()).extracting(AvPair::id).containsExactly(2, 1);
    }

    @Test
    void bytesAfterEolAreIgnored() {
        // put EOL right after the first pair: the second pair is then ignored
        byte[] m = D3.clone();
        m[0x54] = 0;
        m[0x55] = 0;
        m[0x56] = 0;
        m[0x57] = 0;
        NtlmChallenge c = decode(m);
        assertThat(c.targetInfo()).extracting(AvPair::id).containsExactly(2);
    }

    @Test
    void truncatedAtEveryByteThrowsOnlyMalformed() {
        for (byte[] vector : List.of(D1_TOKEN, D2_TOKEN, D3)) {
            for (int n = 0; n < vector.length; n++) {
                int length = n;
                MalformedPduException e = expectMalformed(() -> NtlmChallenge.decode(prefix(vector, length)));
                assertThat(e.pdu()).isEqualTo(NtlmChallenge.PDU);
                assertThat(e.offset()).isLessThanOrEqualTo(vector.length);
            }
        }
    }

    @Test
    void wrongSignature() {
        MalformedPduException e = expectMalformed(() -> decode(with(D3, 3, 'X')));
        assertThat(e.field()).isEqualTo("Signature");
        assertThat(e.offset()).isEqualTo(3);
    }

    @Test
    void wrongMessageType() {
        MalformedPduException e = expectMalformed(() -> decode(with(D3, 8, 3)));
        assertThat(e.field()).isEqualTo("MessageType");
        assertThat(e.offset()).isEqualTo(8);
        assertThat(e.detail()).contains("expected 2").contains("found 3");
    }

    @Test
    void payloadOffsetsIntoTheHeaderAreRejected() {
        MalformedPduException name = expectMalformed(() -> decode(with(D3, 16, 0x30)));
        assertThat(name.field()).isEqualTo("TargetNameFields");
        assertThat(name.offset()).isEqualTo(16);
        MalformedPduException info = expectMalformed(() -> decode(with(D3, 44, 0x20)));
        assertThat(info.field()).isEqualTo("TargetInfoFields");
        assertThat(info.offset()).isEqualTo(44);
        // without VERSION the header ends at 48: 0x30 is then acceptable, 0x2F is not
        assertThat(decode(with(with(D3, 23, 0xE0), 16, 0x30)).targetName()).hasSize(6);
        assertThat(expectMalformed(() -> decode(with(with(D3, 23, 0xE0), 16, 0x2F))).field())
                .isEqualTo("TargetNameFields");
    }

    @Test
    void payloadPastTheEndIsRejected() {
        MalformedPduException e = expectMalformed(() -> decode(with(D3, 40, 0x25)));
        assertThat(e.field()).isEqualTo("TargetInfoFields");
        assertThat(e.offset()).isEqualTo(40);
        MalformedPduException huge = expectMalformed(() -> decode(with(with(D3, 47, 0xFF), 12, 0x0c)));
        assertThat(huge.field()).isEqualTo("TargetInfoFields");
    }

    @Test
    void avLengthPastTargetInfoIsRejected() {
        // first pair at 0x44: AvLen 0x0C -> 0x21 (33 > 32 bytes left in the 36-byte buffer)
        MalformedPduException e = expectMalformed(() -> decode(with(D3, 0x46, 0x21)));
        assertThat(e.field()).isEqualTo("AvLen");
        assertThat(e.offset()).isEqualTo(0x46);
        // also when the message itself continues past TargetInfo
        byte[] longer = java.util.Arrays.copyOf(D3, D3.length + 64);
        MalformedPduException e2 = expectMalformed(() -> decode(with(longer, 0x46, 0x30)));
        assertThat(e2.field()).isEqualTo("AvLen");
    }

    @Test
    void strayBytesAtTheEndOfTargetInfoAreRejected() {
        // TargetInfo length 36 -> 34: two pairs then 2 bytes of the EOL
        MalformedPduException e = expectMalformed(() -> decode(with(with(D3, 40, 34), 42, 34)));
        assertThat(e.field()).isEqualTo("AvPair");
        assertThat(e.offset()).isEqualTo(0x64);
    }

    @Test
    void timestampOfWrongLengthIsRejected() {
        // D1's timestamp pair is at 0xDE (token offset): AvLen 8 -> 4, and shrink nothing else:
        // the remaining 4 bytes then parse as a pair header, so only the length check can fire.
        int at = indexOfPair(D1_TOKEN, AvPair.MSV_AV_TIMESTAMP);
        MalformedPduException e = expectMalformed(() -> decode(with(D1_TOKEN, at + 2, 4)));
        assertThat(e.field()).isEqualTo("MsvAvTimestamp");
    }

    @Test
    void oddUnicodeTargetNameIsRejected() {
        MalformedPduException e = expectMalformed(() -> decode(with(D3, 12, 11)));
        assertThat(e.field()).isEqualTo("TargetName");
    }

    @Test
    void randomMutationsThrowOnlyMalformed() {
        Random random = new Random(7);
        for (byte[] vector : List.of(D1_TOKEN, D3)) {
            for (int round = 0; round < 3000; round++) {
                byte[] m = vector.clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    m[random.nextInt(m.length)] = (byte) random.nextInt(256);
                }
                try {
                    decode(m);
                } catch (MalformedPduException expected) {
                    assertThat(expected.field()).isNotBlank();
                }
            }
        }
    }

    private static int indexOfPair(byte[] token, int id) {
        ByteBuf buf = Unpooled.wrappedBuffer(token);
        int pos = buf.getUnsignedShortLE(44);
        while (buf.getUnsignedShortLE(pos) != id) {
            pos += 4 + buf.getUnsignedShortLE(pos + 2);
        }
        return pos;
    }
}
