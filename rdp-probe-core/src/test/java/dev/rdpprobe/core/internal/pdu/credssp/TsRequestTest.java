package dev.rdpprobe.core.internal.pdu.credssp;

import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.buf;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.bytes;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.expectMalformed;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.hex;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.prefix;
import static dev.rdpprobe.core.internal.pdu.credssp.Vectors.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TsRequestTest {

    static final List<String> VECTORS = List.of(Vectors.C1, Vectors.C2, Vectors.C3, Vectors.D1, Vectors.D2,
            Vectors.D4, Vectors.D5);

    static TsRequest decode(String hex) {
        return TsRequest.decode(buf(hex));
    }

    static TsRequest decode(byte[] bytes) {
        return TsRequest.decode(Unpooled.wrappedBuffer(bytes));
    }

    @Test
    void c1NmapVersion96() {
        TsRequest r = decode(Vectors.C1);
        assertThat(r.version()).isEqualTo(96);
        assertThat(r.negoTokens()).hasSize(1);
        assertThat(hex(r.firstNegoToken())).startsWith("4e544c4d5353500001000000b78208e2").hasSize(80);
        assertThat(r.authInfo()).isNull();
        assertThat(r.pubKeyAuth()).isNull();
        assertThat(r.errorCode()).isNull();
        assertThat(r.clientNonce()).isNull();
    }

    @Test
    void c2VersionSixWithNonce() {
        TsRequest r = decode(Vectors.C2);
        assertThat(r.version()).isEqualTo(6);
        assertThat(r.firstNegoToken()).hasSize(40);
        assertThat(hex(r.clientNonce())).isEqualTo("221012ad125c7a15feb64b1fcb94833ac56f664cf3bce7548a5d9e050a4691db");
    }

    @Test
    void c3SpnegoToken() {
        TsRequest r = decode(Vectors.C3);
        assertThat(r.version()).isEqualTo(6);
        assertThat(hex(r.firstNegoToken())).startsWith("6048").hasSize(2 * 74);
    }

    @Test
    void d1AndD2ServerChallenges() {
        TsRequest d1 = decode(Vectors.D1);
        assertThat(d1.version()).isEqualTo(6);
        assertThat(d1.firstNegoToken()).hasSize(238);
        assertThat(d1.clientNonce()).isNull();
        TsRequest d2 = decode(Vectors.D2);
        assertThat(d2.firstNegoToken()).hasSize(128);
        assertThat(d2.clientNonce()).hasSize(32);
    }

    @Test
    void d4ErrorCodeIsAnUnsignedNtstatus() {
        TsRequest r = decode(Vectors.D4);
        assertThat(r.version()).isEqualTo(6);
        assertThat(r.negoTokens()).isEmpty();
        assertThat(r.pubKeyAuth()).hasSize(48);
        assertThat(r.errorCode()).isEqualTo(0xC00700EAL);
        assertThat(r.clientNonce()).hasSize(32);
    }

    @Test
    void d5LogonFailure() {
        TsRequest r = decode(Vectors.D5);
        assertThat(r.errorCode()).isEqualTo(0xC000006DL);
        assertThat(r.negoTokens()).isEmpty();
    }

    @Test
    void reEncodingEveryVectorGivesTheSameBytes() {
        for (String vector : VECTORS) {
            assertThat(hex(decode(vector).toBytes())).isEqualTo(vector);
        }
    }

    @Test
    void errorCodeEncodingsAndRoundTrips() {
        assertThat(hex(new TsRequest(6, null, null, null, 0xC000006DL, null).toBytes())).isEqualTo(Vectors.D5);
        for (long code : new long[] {0, 1, 0x7F, 0x80, 0xFFFF, 0x7FFFFFFFL, 0x80000000L, 0xC000006DL, 0xFFFFFFFFL}) {
            TsRequest r = new TsRequest(3, null, null, null, code, null);
            byte[] encoded = r.toBytes();
            assertThat(decode(encoded).errorCode()).isEqualTo(code);
            // signed 32-bit: never more than 4 content bytes
            assertThat(encoded[10]).isBetween((byte) 1, (byte) 4);
        }
    }

    @Test
    void fiveBytePositiveErrorCodeIsAccepted() {
        assertThat(decode("300ea003020106a40702050 0c000006d".replace(" ", "")).errorCode()).isEqualTo(0xC000006DL);
        MalformedPduException e = expectMalformed(() -> decode("300ea003020106a407020501c000006d"));
        assertThat(e.field()).isEqualTo("errorCode");
        expectMalformed(() -> decode("300fa003020106a40802060000c000006d"));
    }

    @Test
    void roundTripWithEveryField() {
        TsRequest r = new TsRequest(6, List.of(bytes("0102"), new byte[300], new byte[0]), bytes("aa"),
                new byte[200], 0xC0000022L, new byte[32]);
        ByteBuf out = Unpooled.buffer();
        r.encode(out);
        ByteBuf copy = out.copy();
        TsRequest back = TsRequest.decode(out);
        assertThat(back).isEqualTo(r);
        assertThat(back.hashCode()).isEqualTo(r.hashCode());
        assertThat(out.readableBytes()).isZero();
        out.release();
        assertThat(Vectors.drain(copy)).isEqualTo(r.toBytes());
        assertThat(r.toString()).contains("authInfo=1 bytes").doesNotContain("aa");
    }

    @Test
    void decodeLeavesFollowingBytesUnread() {
        ByteBuf in = Unpooled.wrappedBuffer(bytes(Vectors.D5), bytes("3000"));
        TsRequest.decode(in);
        assertThat(in.readerIndex()).isEqualTo(15);
    }

    @Test
    void unknownHigherFieldsAreSkipped() {
        TsRequest r = decode("300ea003020106a5030401ffa6020500");
        assertThat(r.version()).isEqualTo(6);
        assertThat(hex(r.clientNonce())).isEqualTo("ff");
    }

    @Test
    void truncatedAtEveryByteThrowsOnlyMalformed() {
        for (String vector : VECTORS) {
            byte[] all = bytes(vector);
            for (int n = 0; n < all.length; n++) {
                int length = n;
                MalformedPduException e = expectMalformed(() -> TsRequest.decode(prefix(all, length)));
                assertThat(e.pdu()).isEqualTo("TSRequest");
            }
        }
    }

    @Test
    void innerLengthPastItsParent() {
        // C1: [1] negoTokens length 0x30 -> 0x40
        MalformedPduException e = expectMalformed(() -> decode(with(bytes(Vectors.C1), 8, 0x40)));
        assertThat(e.field()).isEqualTo("negoTokens");
        assertThat(e.offset()).isEqualTo(8);
        // the OCTET STRING inside claims one byte more than its [0]
        MalformedPduException token = expectMalformed(() -> decode(with(bytes(Vectors.C1), 16, 0x29)));
        assertThat(token.field()).isEqualTo("negoTokens[0].negoToken");
        assertThat(token.offset()).isEqualTo(16);
    }

    @Test
    void hugeAndIndefiniteLengths() {
        MalformedPduException outer = expectMalformed(() -> decode("3084ffffffff"));
        assertThat(outer.field()).isEqualTo("length");
        assertThat(outer.detail()).contains("exceeds the cap");
        MalformedPduException inner = expectMalformed(() -> decode("300ba003020106a284ffffffff"));
        assertThat(inner.field()).isEqualTo("authInfo");
        assertThat(inner.offset()).isEqualTo(8);
        assertThat(expectMalformed(() -> decode("3007a0800201060000")).detail()).contains("indefinite");
        assertThat(expectMalformed(() -> decode("3009a08502010600000000")).detail()).contains("length bytes");
        expectMalformed(() -> decode("3083010000"));
    }

    @Test
    void wrongTags() {
        assertThat(expectMalformed(() -> decode("3105a003020106")).field()).isEqualTo("tag");
        MalformedPduException noVersion = expectMalformed(() -> decode("3005a1030201 06".replace(" ", "")));
        assertThat(noVersion.field()).isEqualTo("version");
        assertThat(noVersion.offset()).isEqualTo(2);
        assertThat(expectMalformed(() -> decode("3005a003040106")).field()).isEqualTo("version");
        // constructed OCTET STRING (0x24) for a negoToken
        MalformedPduException constructed = expectMalformed(() -> decode(with(bytes(Vectors.C1), 15, 0x24)));
        assertThat(constructed.field()).isEqualTo("negoTokens[0].negoToken");
        // a universal tag where a field belongs
        assertThat(expectMalformed(() -> decode("3007a0030201060400")).field()).isEqualTo("field");
        // fields out of order
        assertThat(expectMalformed(() -> decode("300ea003020106a5030401ffa3020400")).detail()).contains("out of order");
        // [0] repeated
        expectMalformed(() -> decode("300aa003020106a003020106"));
    }

    @Test
    void invalidVersionsAndTrailingBytes() {
        assertThat(expectMalformed(() -> decode("3005a003020100")).field()).isEqualTo("version");
        assertThat(expectMalformed(() -> decode("3005a0030201ff")).field()).isEqualTo("version");
        assertThat(expectMalformed(() -> decode("3006a00402010600")).detail()).contains("trailing");
        assertThat(expectMalformed(() -> decode("3004a0020200")).detail()).contains("empty INTEGER");
        // a NegoData entry without its [0]
        assertThat(expectMalformed(() -> decode("300ba003020106a10430023000")).field()).isEqualTo("negoTokens[0].negoToken");
    }

    @Test
    void randomMutationsThrowOnlyMalformed() {
        Random random = new Random(11);
        for (String vector : VECTORS) {
            byte[] original = bytes(vector);
            for (int round = 0; round < 2000; round++) {
                byte[] m = original.clone();
                int flips = 1 + random.nextInt(3);
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

    @Test
    void equalityLooksAtTheBytes() {
        TsRequest a = new TsRequest(6, List.of(bytes("01")), null, null, null, bytes("02"));
        TsRequest b = new TsRequest(6, List.of(bytes("01")), null, null, null, bytes("02"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new TsRequest(6, List.of(bytes("03")), null, null, null, bytes("02")));
        byte[] token = bytes("01");
        TsRequest c = new TsRequest(6, List.of(token), null, null, null, null);
        token[0] = 9;
        assertThat(Arrays.equals(c.firstNegoToken(), bytes("01"))).isTrue();
    }
}
