package dev.rdpprobe.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** The engine's parse of a certificate is handed to the inspection once, by array identity, and reads as a fresh parse would. */
class HandshakeCertificatesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static byte[] selfSigned() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=rds01.example.com,O=Example");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(0x0ABCDEF),
                Date.from(NOW.minusSeconds(86_400)), Date.from(NOW.plusSeconds(86_400 * 30)), name, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "rds01.example.com")));
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())).getEncoded();
    }

    @Test
    void aCertificateIsReadFromTheEnginesParseExactlyAsFromItsBytes() throws Exception {
        byte[] der = selfSigned();
        Certificate parsed = Certificate.getInstance(der);
        HandshakeCertificates.Parsed engine = new HandshakeCertificates.Parsed(parsed, PublicKeyShape.of(parsed.getSubjectPublicKeyInfo()));
        CertificateReader.Read fromEngine = CertificateReader.read(der, engine, NOW, "rds01.example.com", true);
        CertificateReader.Read fresh = CertificateReader.read(der, null, NOW, "rds01.example.com", true);
        assertThat(fromEngine.report()).isEqualTo(fresh.report());
        assertThat(fromEngine.report().selfSigned()).isTrue();
        assertThat(fromEngine.report().subject()).contains("O=Example,CN=rds01.example.com");
        assertThat(fromEngine.report().issuer()).isEqualTo(fromEngine.report().subject());
        assertThat(fromEngine.report().serialNumberHex()).contains("ABCDEF");
        assertThat(fromEngine.report().notAfter()).contains(NOW.plusSeconds(86_400 * 30));
        assertThat(fromEngine.report().hostnameMatches()).contains(true);
        assertThat(fromEngine.report().parseError()).isEmpty();
    }

    @Test
    void aCertificateIsReadWithTheJdkEnginesParseExactlyAsFromItsBytesAndNotParsedAgain() throws Exception {
        byte[] der = selfSigned();
        // a parse the JDK's factory has never seen (its cache would hand out the same object anyway)
        java.security.cert.X509Certificate engine = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                .getCertificate(new org.bouncycastle.cert.X509CertificateHolder(der));
        HandshakeCertificates certificates = new HandshakeCertificates();
        certificates.remember(der, engine);

        CertificateReader.Read fromEngine = CertificateReader.read(der, certificates.take(der), NOW, "rds01.example.com", true);
        CertificateReader.Read fresh = CertificateReader.read(der, null, NOW, "rds01.example.com", true);

        assertThat(fromEngine.jdkCertificate()).isSameAs(engine);
        assertThat(fresh.jdkCertificate()).isNotSameAs(engine).isEqualTo(engine);
        assertThat(fromEngine.report()).isEqualTo(fresh.report());
        assertThat(fromEngine.report().selfSigned()).isTrue();
        assertThat(fromEngine.report().parseError()).isEmpty();
    }

    @Test
    void aParseIsFoundByTheVeryArrayOnceAndNeverByEqualContent() throws Exception {
        byte[] der = selfSigned();
        HandshakeCertificates certificates = new HandshakeCertificates();
        certificates.remember(der, Certificate.getInstance(der), null);
        assertThat(certificates.take(der.clone())).isNull();
        assertThat(certificates.take(der)).isNotNull();
        assertThat(certificates.take(der)).isNull();
        assertThat(certificates.take(null)).isNull();
    }
}
