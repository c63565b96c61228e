package dev.rdpprobe.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * The trust check judges by the names the report already read ({@link TrustEvaluator.Names}) exactly as by the
 * names it reads itself, and the inspection hands it the right ones.
 */
class TrustEvaluatorNamesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final TrustEvaluator evaluator = new TrustEvaluator();

    @Test
    void aSelfSignedCertificateIsJudgedAlikeWithTheReportsNames() throws Exception {
        KeyPair key = ecKey();
        X509Certificate self = certificate("CN=rds01.example.com", key.getPublic(), "CN=rds01.example.com", key.getPrivate());
        assertAlike(List.of(self), null);
        assertThat(evaluator.evaluate(List.of(self), NOW, null, names(self)).detail())
                .isEqualTo("the certificate is self-signed and not in the trust store");
    }

    @Test
    void aChainFromAnUnknownIssuerAndAChainToAnAnchorAreJudgedAlikeWithTheReportsNames() throws Exception {
        KeyPair ca = ecKey();
        KeyPair leafKey = ecKey();
        X509Certificate root = certificate("CN=Example Root", ca.getPublic(), "CN=Example Root", ca.getPrivate());
        X509Certificate leaf = certificate("CN=rds01.example.com", leafKey.getPublic(), "CN=Example Root", ca.getPrivate());
        assertAlike(List.of(leaf), null);
        assertThat(evaluator.evaluate(List.of(leaf), NOW, null, names(leaf)).detail())
                .isEqualTo("no trusted root: the chain ends at a certificate issued by CN=Example Root, which is not in the trust store");

        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("root", root);
        assertAlike(List.of(leaf), anchors);
        assertAlike(List.of(leaf, root), anchors);
        assertThat(evaluator.evaluate(List.of(leaf, root), NOW, anchors, names(root)).trusted()).isTrue();
    }

    @Test
    void theInspectionHandsOverTheNamesOfTheLastCertificate() throws Exception {
        KeyPair key = ecKey();
        X509Certificate self = certificate("CN=rds01.example.com", key.getPublic(), "CN=rds01.example.com", key.getPrivate());
        CertificateReader.Read read = CertificateReader.read(self.getEncoded(), null, NOW, "rds01.example.com", true);
        assertThat(read.jdkNames()).isEqualTo(names(self));
    }

    private void assertAlike(List<X509Certificate> chain, KeyStore store) {
        TrustEvaluator.Result own = evaluator.evaluate(chain, NOW, store, null);
        TrustEvaluator.Result given = evaluator.evaluate(chain, NOW, store, names(chain.get(chain.size() - 1)));
        assertThat(given).isEqualTo(own);
    }

    private static TrustEvaluator.Names names(X509Certificate c) {
        return new TrustEvaluator.Names(c.getSubjectX500Principal(), c.getIssuerX500Principal());
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, PublicKey key, String issuer, PrivateKey signer) throws Exception {
        byte[] der = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(subject.hashCode() & 0x7fffffff),
                Date.from(NOW.minusSeconds(86_400)), Date.from(NOW.plusSeconds(86_400 * 30)), new X500Name(subject), key)
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)).getEncoded();
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(der));
    }
}
