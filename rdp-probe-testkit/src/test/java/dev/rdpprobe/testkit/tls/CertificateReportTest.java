package dev.rdpprobe.testkit.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.SubjectAltName;
import dev.rdpprobe.core.tls.TlsInspection;
import dev.rdpprobe.tls.RdpTlsProvider;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every field of the certificate report, for every kind of certificate the testkit mints; and trust. */
class CertificateReportTest {

    private static final RdpTlsProvider PROVIDER = new RdpTlsProvider();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String TESTKIT_LOCALHOST = "CN=localhost,O=rdp-probe testkit";
    private static final String TEST_CA = "CN=rdp-probe Test CA,O=rdp-probe testkit";

    private static TlsInspection inspect(TestCertificate certificate, String host) {
        return PROVIDER.inspect(certificate.chainDer(), host, NOW, null);
    }

    private static CertificateReport leaf(TestCertificate certificate, String host) {
        return inspect(certificate, host).chain().get(0);
    }

    private static String digest(String algorithm, X509Certificate certificate) throws Exception {
        return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(algorithm).digest(certificate.getEncoded()));
    }

    @Test
    void aValidLocalhostCertificateReportsEveryField() throws Exception {
        TestCertificate certificate = TestCertificates.builder().now(NOW).build();
        X509Certificate x509 = certificate.certificate();

        CertificateReport report = leaf(certificate, "localhost");

        assertThat(report.subject()).contains(TESTKIT_LOCALHOST);
        assertThat(report.issuer()).contains(TESTKIT_LOCALHOST);
        assertThat(report.subjectAlternativeNames()).containsExactly(SubjectAltName.dns("localhost"), SubjectAltName.ip("127.0.0.1"));
        assertThat(report.serialNumberHex().orElseThrow()).isEqualTo(x509.getSerialNumber().toString(16).toUpperCase()).matches("[0-9A-F]+");
        assertThat(report.notBefore()).contains(NOW.minus(Duration.ofDays(1)));
        assertThat(report.notAfter()).contains(NOW.plus(Duration.ofDays(365)));
        assertThat(report.expired()).isFalse();
        assertThat(report.notYetValid()).isFalse();
        assertThat(report.daysLeft()).isEqualTo(365);
        assertThat(report.selfSigned()).isTrue();
        assertThat(report.hostnameMatches()).contains(true);
        assertThat(report.keyType()).contains("RSA");
        assertThat(report.keyBits()).isEqualTo(2048);
        assertThat(report.signatureAlgorithm()).contains("SHA256WITHRSA");
        assertThat(report.weakSignature()).isFalse();
        assertThat(report.weakKey()).isFalse();
        assertThat(report.keyUsage()).containsExactly("digitalSignature", "keyEncipherment");
        assertThat(report.extendedKeyUsage()).containsExactly("serverAuth");
        assertThat(report.serverAuthentication()).isTrue();
        assertThat(report.sha1Thumbprint()).isEqualTo(digest("SHA-1", x509)).hasSize(40);
        assertThat(report.sha256Thumbprint()).isEqualTo(digest("SHA-256", x509)).hasSize(64);
    }

    @Test
    void theTargetIsMatchedAgainstDnsAndIpSans() {
        TestCertificate certificate = TestCertificates.localhost();
        assertThat(leaf(certificate, "LOCALHOST.").hostnameMatches()).contains(true);
        assertThat(leaf(certificate, "127.0.0.1").hostnameMatches()).contains(true);
        assertThat(leaf(certificate, "127.0.0.2").hostnameMatches()).contains(false);
        assertThat(leaf(certificate, "rds01.example.test").hostnameMatches()).contains(false);
    }

    @Test
    void wildcardSansMatchOneLabel() {
        TestCertificate wildcard = TestCertificates.builder().commonName("*.example.test").dnsNames("*.example.test").ipAddresses().build();
        assertThat(leaf(wildcard, "rds01.example.test").hostnameMatches()).contains(true);
        assertThat(leaf(wildcard, "a.rds01.example.test").hostnameMatches()).contains(false);
        assertThat(leaf(wildcard, "example.test").hostnameMatches()).contains(false);
    }

    @Test
    void withoutSansTheCommonNameIsMatched() {
        TestCertificate cnOnly = TestCertificates.builder().commonName("rds01.example.test").noSubjectAlternativeNames().build();
        CertificateReport report = leaf(cnOnly, "rds01.example.test");
        assertThat(report.subjectAlternativeNames()).isEmpty();
        assertThat(report.hostnameMatches()).contains(true);
        assertThat(leaf(cnOnly, "rds02.example.test").hostnameMatches()).contains(false);
    }

    @Test
    void aWrongHostCertificateDoesNotMatch() {
        CertificateReport report = leaf(TestCertificates.wrongHost(), "localhost");
        assertThat(report.subject()).contains("CN=rdp.example.test,O=rdp-probe testkit");
        assertThat(report.subjectAlternativeNames()).containsExactly(SubjectAltName.dns("rdp.example.test"));
        assertThat(report.hostnameMatches()).contains(false);
    }

    @Test
    void anExpiredCertificate() {
        CertificateReport report = leaf(TestCertificates.builder().now(NOW).expired().build(), "localhost");
        assertThat(report.expired()).isTrue();
        assertThat(report.notYetValid()).isFalse();
        assertThat(report.notAfter()).contains(NOW.minus(Duration.ofDays(30)));
        assertThat(report.daysLeft()).isEqualTo(-30);
    }

    @Test
    void daysLeftRoundsDownSoThatAnHourPastExpiryIsNegative() {
        TestCertificate justExpired = TestCertificates.builder().validity(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofHours(1))).build();
        CertificateReport report = leaf(justExpired, "localhost");
        assertThat(report.expired()).isTrue();
        assertThat(report.daysLeft()).isEqualTo(-1);
    }

    @Test
    void aCertificateNotValidYet() {
        CertificateReport report = leaf(TestCertificates.builder().now(NOW).notYetValid().build(), "localhost");
        assertThat(report.notYetValid()).isTrue();
        assertThat(report.expired()).isFalse();
        assertThat(report.notBefore()).contains(NOW.plus(Duration.ofDays(30)));
        assertThat(report.daysLeft()).isEqualTo(395);
    }

    @Test
    void aWeakRsa1024Key() {
        CertificateReport report = leaf(TestCertificates.weakRsa1024(), "localhost");
        assertThat(report.keyType()).contains("RSA");
        assertThat(report.keyBits()).isEqualTo(1024);
        assertThat(report.weakKey()).isTrue();
        assertThat(report.weakSignature()).isFalse();
    }

    @Test
    void aSha1Signature() {
        CertificateReport report = leaf(TestCertificates.sha1Signature(), "localhost");
        assertThat(report.signatureAlgorithm()).contains("SHA1WITHRSA");
        assertThat(report.weakSignature()).isTrue();
        assertThat(report.weakKey()).isFalse();
    }

    @Test
    void anEcP256Key() {
        CertificateReport report = leaf(TestCertificates.ecP256(), "localhost");
        assertThat(report.keyType()).contains("EC");
        assertThat(report.keyBits()).isEqualTo(256);
        assertThat(report.weakKey()).isFalse();
        assertThat(report.signatureAlgorithm()).contains("SHA256WITHECDSA");
        assertThat(report.keyUsage()).containsExactly("digitalSignature");
        assertThat(report.selfSigned()).isTrue();
    }

    @Test
    void clientAuthOnlyDoesNotAuthenticateAServer() {
        CertificateReport report = leaf(TestCertificates.clientAuthOnly(), "localhost");
        assertThat(report.extendedKeyUsage()).containsExactly("clientAuth");
        assertThat(report.serverAuthentication()).isFalse();
    }

    @Test
    void remoteDesktopAuthenticationIsNamedAndAuthenticatesAServer() {
        CertificateReport report = leaf(TestCertificates.remoteDesktopAuthentication(), "localhost");
        assertThat(report.extendedKeyUsage()).containsExactly("Remote Desktop Authentication");
        assertThat(report.serverAuthentication()).isTrue();
    }

    @Test
    void withoutAnyEkuAServerMayAuthenticate() {
        CertificateReport report = leaf(TestCertificates.builder().extendedKeyUsages().build(), "localhost");
        assertThat(report.extendedKeyUsage()).isEmpty();
        assertThat(report.serverAuthentication()).isTrue();
    }

    @Test
    void aChainSignedByTheTestCa() throws Exception {
        TestCertificate leaf = TestCertificates.signedByTestCa();
        TlsInspection inspection = inspect(leaf, "localhost");
        assertThat(inspection.chain()).hasSize(2);

        CertificateReport server = inspection.chain().get(0);
        assertThat(server.subject()).contains(TESTKIT_LOCALHOST);
        assertThat(server.issuer()).contains(TEST_CA);
        assertThat(server.selfSigned()).isFalse();
        assertThat(server.hostnameMatches()).contains(true);

        CertificateReport ca = inspection.chain().get(1);
        assertThat(ca.subject()).contains(TEST_CA);
        assertThat(ca.selfSigned()).isTrue();
        assertThat(ca.hostnameMatches()).as("only the leaf is matched").isEmpty();
        assertThat(ca.keyUsage()).containsExactly("digitalSignature", "keyCertSign", "cRLSign");
        assertThat(ca.extendedKeyUsage()).isEmpty();
        assertThat(ca.sha1Thumbprint()).isEqualTo(digest("SHA-1", TestCertificates.testCa().certificate()));
    }

    @Test
    void aSelfSignedCertificateIsUntrustedByTheJvmDefaults() {
        TlsInspection inspection = inspect(TestCertificates.localhost(), "localhost");
        assertThat(inspection.trusted()).isFalse();
        assertThat(inspection.trustDetail()).isEqualTo("the certificate is self-signed and not in the trust store");
    }

    @Test
    void aCaSignedChainIsTrustedWithACallerKeyStoreHoldingTheCa() {
        TestCertificate leaf = TestCertificates.signedByTestCa();
        TlsInspection withCa = PROVIDER.inspect(leaf.chainDer(), "localhost", NOW, TestCertificates.testCa().asTrustStore());
        assertThat(withCa.trusted()).isTrue();
        assertThat(withCa.trustDetail()).isNull();

        TlsInspection leafOnly = PROVIDER.inspect(List.of(leaf.chainDer().get(0)), "localhost", NOW, TestCertificates.testCa().asTrustStore());
        assertThat(leafOnly.trusted()).as("the CA need not be sent").isTrue();

        TlsInspection defaults = PROVIDER.inspect(leaf.chainDer(), "localhost", NOW, null);
        assertThat(defaults.trusted()).isFalse();
        assertThat(defaults.trustDetail()).contains("not in the trust store");
    }

    @Test
    void aSelfSignedCertificateInTheCallersStoreIsTrusted() {
        TestCertificate self = TestCertificates.localhost();
        assertThat(PROVIDER.inspect(self.chainDer(), "localhost", NOW, self.asTrustStore()).trusted()).isTrue();
    }

    @Test
    void anExpiredLeafUnderATrustedCaIsUntrustedWithTheReason() {
        TestCertificate expired = TestCertificates.builder().now(NOW).expired().signedBy(TestCertificates.testCa()).build();
        TlsInspection inspection = PROVIDER.inspect(expired.chainDer(), "localhost", NOW, TestCertificates.testCa().asTrustStore());
        assertThat(inspection.trusted()).isFalse();
        assertThat(inspection.trustDetail()).isEqualTo("certificate #1 (" + TESTKIT_LOCALHOST + ") has expired");
    }

    @Test
    void aBrokenSecondCertificateKeepsTheLeafReportAndIsReportedItself() {
        TestCertificate leaf = TestCertificates.signedByTestCa();
        TlsInspection inspection = PROVIDER.inspect(List.of(leaf.chainDer().get(0), new byte[] {0x30, 0x03, 1, 2, 3}), "localhost", NOW, null);
        assertThat(inspection.chain()).hasSize(2);
        assertThat(inspection.chain().get(0).subject()).contains(TESTKIT_LOCALHOST);
        assertThat(inspection.chain().get(0).parseError()).isEmpty();
        assertThat(inspection.chain().get(1).derLength()).isEqualTo(5);
        assertThat(inspection.chain().get(1).parseError().orElseThrow()).startsWith("not an X.509 certificate");
        assertThat(inspection.trusted()).isFalse();
        assertThat(inspection.trustDetail()).startsWith("certificate #2 of the chain (5 bytes) could not be parsed");
    }
}
