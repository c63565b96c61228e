package dev.rdpprobe.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Random;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.api.Test;

/** The fields the certificate report reads directly give what BouncyCastle's and BigInteger's own formatting give. */
class CertificateFieldsTest {

    @Test
    void validityDatesReadDirectlyEqualBouncyCastlesParse() {
        String[] utc = {"491231235959Z", "500101000000Z", "261201132800Z", "000229120000Z", "991231235959Z",
            "260229000000Z", "261301000000Z", "261201246000Z", "2612011328Z", "261201132800+0100", "261201132860Z"};
        for (String text : utc) {
            Time time = new Time(new ASN1UTCTime(text));
            assertThat(CertificateTime.instant(time)).as(text).isEqualTo(time.getDate().toInstant());
        }
        String[] generalized = {"20501231235959Z", "19991231235959Z", "99991231235959Z", "16000101000000Z",
            "15820101000000Z", "20240229000000Z", "20230229000000Z", "20261201132800.5Z", "202612011328Z"};
        for (String text : generalized) {
            Time time = new Time(new ASN1GeneralizedTime(text));
            assertThat(CertificateTime.instant(time)).as(text).isEqualTo(time.getDate().toInstant());
        }
    }

    @Test
    void onlyThePrescribedFormsAreReadDirectly() {
        assertThat(CertificateTime.read("261201132800Z", false)).hasToString("2026-12-01T13:28:00Z");
        assertThat(CertificateTime.read("20501231235959Z", true)).hasToString("2050-12-31T23:59:59Z");
        assertThat(CertificateTime.read("2612011328Z", false)).isNull();
        assertThat(CertificateTime.read("26120113280AZ", false)).isNull();
        assertThat(CertificateTime.read("260231000000Z", false)).isNull();
        assertThat(CertificateTime.read("15991231235959Z", true)).isNull();
    }

    @Test
    void aMalformedDateStillFailsAsBouncyCastleSays() throws Exception {
        byte[] text = "2612011328XZ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] der = new byte[text.length + 2];
        der[0] = 0x17;
        der[1] = (byte) text.length;
        System.arraycopy(text, 0, der, 2, text.length);
        Time time = Time.getInstance(org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der));
        assertThatThrownBy(() -> CertificateTime.instant(time)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void serialHexIsToStringSixteenInUpperCase() {
        Random random = new Random(14);
        BigInteger[] fixed = {BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(15), BigInteger.valueOf(16),
            BigInteger.valueOf(255), BigInteger.valueOf(256), BigInteger.valueOf(-1), BigInteger.valueOf(-4096)};
        for (BigInteger serial : fixed) {
            assertThat(CertificateReader.serialHex(serial)).isEqualTo(serial.toString(16).toUpperCase(Locale.ROOT));
        }
        for (int i = 0; i < 500; i++) {
            BigInteger serial = new BigInteger(1 + random.nextInt(160), random);
            assertThat(CertificateReader.serialHex(serial)).isEqualTo(serial.toString(16).toUpperCase(Locale.ROOT));
        }
    }
}
