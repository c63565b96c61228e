package dev.rdpprobe.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.TlsVersion;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateStatus;
import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The probe's BouncyCastle crypto: its table-free GCM, keeping its key schedule between records, computes what the
 * JDK's does; a key's shape is read once.
 */
class LenientBcTlsCryptoTest {

    private final LenientBcTlsCrypto crypto = new LenientBcTlsCrypto(new SecureRandom());

    @ParameterizedTest
    @ValueSource(ints = {16, 32})
    void gcmSealsAndOpensExactlyAsTheJdksAesGcm(int keyBytes) throws Exception {
        Random random = new Random(keyBytes);
        for (int length : new int[] {0, 1, 15, 16, 17, 100, 1500, 16_384}) {
            byte[] key = bytes(random, keyBytes);
            byte[] nonce = bytes(random, 12);
            byte[] aad = bytes(random, 13);
            byte[] plain = bytes(random, length);

            Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            jdk.updateAAD(aad);
            byte[] expected = jdk.doFinal(plain);

            assertThat(run(true, key, nonce, aad, plain)).as("sealed, %d bytes", length).isEqualTo(expected);
            assertThat(run(false, key, nonce, aad, expected)).as("opened, %d bytes", length).isEqualTo(plain);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void recordAfterRecordWithTheSameKeyObjectAndThenANewKeyGcmAgreesWithTheJdk(boolean encrypt) throws Exception {
        Random random = new Random(encrypt ? 1 : 2);
        AEADBlockCipher cipher = gcm();
        byte[][] keys = {bytes(random, 16), bytes(random, 16), bytes(random, 32)};
        for (byte[] key : keys) {
            // as BouncyCastle's TLS record layer does: one KeyParameter object per traffic key, a nonce per record
            KeyParameter parameter = new KeyParameter(key);
            for (int record = 0; record < 4; record++) {
                byte[] nonce = bytes(random, 12);
                byte[] aad = bytes(random, 5);
                byte[] plain = bytes(random, 40 + 70 * record);
                byte[] sealed = jdk(key, nonce, aad, plain);
                byte[] input = encrypt ? plain : sealed;
                cipher.init(encrypt, new AEADParameters(parameter, 128, nonce, aad));
                byte[] out = new byte[cipher.getOutputSize(input.length)];
                int n = cipher.processBytes(input, 0, input.length, out, 0);
                n += cipher.doFinal(out, n);
                assertThat(Arrays.copyOf(out, n)).as("record %d", record).isEqualTo(encrypt ? sealed : plain);
            }
        }
    }

    @Test
    void aKeyWithTheSameBytesInANewObjectIsAppliedInFull() throws Exception {
        Random random = new Random(3);
        AEADBlockCipher cipher = gcm();
        byte[] first = bytes(random, 16);
        byte[] second = bytes(random, 16);
        KeyParameter parameter = new KeyParameter(first);
        byte[] nonce = bytes(random, 12);
        cipher.init(true, new AEADParameters(parameter, 128, nonce, null));
        // a new traffic key arrives in a new object, even if the caller reused its array
        System.arraycopy(second, 0, first, 0, 16);
        byte[] nonce2 = bytes(random, 12);
        byte[] plain = bytes(random, 33);
        cipher.init(true, new AEADParameters(new KeyParameter(first), 128, nonce2, null));
        byte[] out = new byte[cipher.getOutputSize(plain.length)];
        int n = cipher.processBytes(plain, 0, plain.length, out, 0);
        n += cipher.doFinal(out, n);
        assertThat(Arrays.copyOf(out, n)).isEqualTo(jdk(second, nonce2, new byte[0], plain));
    }

    private static byte[] jdk(byte[] key, byte[] nonce, byte[] aad, byte[] plain) throws Exception {
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
        jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        jdk.updateAAD(aad);
        return jdk.doFinal(plain);
    }

    @Test
    void gcmMatchesTheSpecificationsTestCase4() throws Exception {
        byte[] key = hex("feffe9928665731c6d6a8f9467308308");
        byte[] plain = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        byte[] aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        byte[] nonce = hex("cafebabefacedbaddecaf888");
        byte[] expected = hex("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
                + "5bc94fbc3221a5db94fae95ae7121a47");
        assertThat(run(true, key, nonce, aad, plain)).isEqualTo(expected);
    }

    @Test
    void aKeysShapeIsReadOnceWhenTheChainArrivesAndHandedToTheInspection() throws Exception {
        byte[] der = selfSignedRsa();
        TlsCertificate certificate = crypto.createCertificate(CertificateType.X509, der);
        HandshakeCertificates parsed = new HandshakeCertificates();
        ProbeTlsClient client = new ProbeTlsClient(crypto, TlsVersion.all(), "rds01.example.com", parsed);

        client.getAuthentication().notifyServerCertificate(serverCertificate(certificate));

        byte[] reported = client.peerChainDer().get(0);
        HandshakeCertificates.Parsed kept = parsed.take(reported);
        assertThat(kept).isNotNull();
        assertThat(kept.shape()).isEqualTo(PublicKeyShape.of(
                SubjectPublicKeyInfo.getInstance(org.bouncycastle.asn1.x509.Certificate.getInstance(der).getSubjectPublicKeyInfo())));
        assertThat(kept.shape()).isEqualTo(new PublicKeyShape("RSA", 2048, 17, false, true));
        // the handshake's key check uses the same reading
        assertThat(((LenientBcTlsCrypto.ProbeCertificate) certificate).shape()).isSameAs(kept.shape());
    }

    private AEADBlockCipher gcm() {
        return crypto.createGCMMode(AESEngine.newInstance());
    }

    private byte[] run(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] input) throws Exception {
        AEADBlockCipher cipher = gcm();
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
        byte[] out = new byte[cipher.getOutputSize(input.length)];
        int n = cipher.processBytes(input, 0, input.length, out, 0);
        n += cipher.doFinal(out, n);
        return Arrays.copyOf(out, n);
    }

    private static TlsServerCertificate serverCertificate(TlsCertificate certificate) {
        Certificate chain = new Certificate(new TlsCertificate[] {certificate});
        return new TlsServerCertificate() {
            @Override
            public Certificate getCertificate() {
                return chain;
            }

            @Override
            public CertificateStatus getCertificateStatus() {
                return null;
            }
        };
    }

    private static byte[] selfSignedRsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=rds01.example.com");
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        return new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minusSeconds(86_400)),
                Date.from(now.plusSeconds(86_400 * 30)), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())).getEncoded();
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
