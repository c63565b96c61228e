package dev.rdpprobe.testkit.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.TlsStep;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Certificates a server sends that do not parse, wholly or in part, through whole probes: each is reported with
 * what could be read and the reason, the chain is not trusted, and the diagnosis says so instead of HEALTHY.
 */
class UnparseableCertificateTest {

    static RdpProber prober;

    @BeforeAll
    static void start() {
        prober = RdpProber.builder().udp(false).phaseTimeout(Duration.ofSeconds(5)).deadline(Duration.ofSeconds(20)).build();
    }

    @AfterAll
    static void stop() {
        prober.close();
    }

    static ConnectionOutcome probe(TestCertificate certificate) {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy().withTls(TlsStep.with(certificate)))) {
            return prober.probe(server.target()).join();
        }
    }

    static String sha256(byte[] der) throws Exception {
        return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    /** The handshake passed; the chain is reported but not trusted, and the diagnosis names the certificate. */
    static void assertReportedNotHealthy(ConnectionOutcome o, int index, String reason) {
        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).as("%s", o.phases()).isEqualTo(PhaseStatus.OK);
        TlsFacts tls = o.server().tls().orElseThrow();
        assertThat(tls.chain().get(index).parseError().orElseThrow()).contains(reason);
        assertThat(tls.trusted()).contains(false);
        assertThat(tls.trustDetail().orElseThrow()).startsWith("certificate #" + (index + 1) + " of the chain").contains("could not be parsed");
        assertThat(o.findings()).filteredOn(f -> f.code() == FindingCode.CERT_UNPARSEABLE).singleElement()
                .satisfies(f -> assertThat(f.message()).contains(reason).contains(tls.chain().get(index).sha256Thumbprint()));
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.CERT_UNPARSEABLE);
        assertThat(o.diagnosis().summary()).contains(reason);
    }

    @Test
    void anEcKeyWithExplicitCurveParametersIsAFindingNotHealthy() throws Exception {
        TestCertificate explicit = TestCertificates.ecExplicitParameters();
        ConnectionOutcome o = probe(explicit);
        assertReportedNotHealthy(o, 0, "explicit parameters");
        CertificateReport leaf = o.server().tls().orElseThrow().leaf().orElseThrow();
        assertThat(leaf.parseError().orElseThrow()).contains("the JDK cannot parse it");
        assertThat(leaf.subject()).contains("CN=localhost,O=rdp-probe testkit");
        assertThat(leaf.keyType()).contains("EC");
        assertThat(leaf.keyBits()).isEqualTo(256);
        assertThat(leaf.selfSigned()).as("checked with BouncyCastle").isTrue();
        assertThat(leaf.derLength()).isEqualTo(explicit.der().length);
        assertThat(leaf.sha256Thumbprint()).isEqualTo(sha256(explicit.der()));
        assertThat(leaf.hostnameMatches()).contains(true);
    }

    /** The jdk engine's SSLEngine parses the chain itself and cannot parse this one: the failure says whose parser gave up. */
    @Test
    void theJdkEngineSaysItIsItsOwnParserThatCannotReadAnExplicitCurve() {
        try (RdpProber jdk = RdpProber.builder().udp(false).tlsEngine("jdk").phaseTimeout(Duration.ofSeconds(5)).build();
                FakeRdpServer server = FakeRdpServer.start(Scenario.healthy().withTls(TlsStep.with(TestCertificates.ecExplicitParameters())))) {
            ConnectionOutcome o = jdk.probe(server.target()).join();
            assertThat(o.phase(Phase.TLS_HANDSHAKE).failure().orElseThrow()).isInstanceOfSatisfying(Failure.TlsError.class, f -> assertThat(f.detail())
                    .startsWith("the jdk engine cannot parse the server's certificate")
                    .endsWith("; the bouncycastle engine (the default) reads it and reports what does not parse"));
        }
    }

    @Test
    void anIntermediateWithAMalformedCriticalExtensionIsAFinding() {
        TestCertificate intermediate = TestCertificates.builder().commonName("rdp-probe Broken Intermediate").noSubjectAlternativeNames()
                .certificateAuthority().rawExtension(Extension.nameConstraints.getId(), true, new byte[] {0x30, 0x03, 0x01, 0x02})
                .signedBy(TestCertificates.testCa()).build();
        TestCertificate leaf = TestCertificates.builder().signedBy(intermediate).build();
        ConnectionOutcome o = probe(leaf);
        assertReportedNotHealthy(o, 1, "the JDK cannot parse it");
        assertThat(o.server().tls().orElseThrow().chain()).hasSize(3);
        assertThat(o.server().tls().orElseThrow().chain().get(1).subject()).contains("CN=rdp-probe Broken Intermediate,O=rdp-probe testkit");
        assertThat(o.server().tls().orElseThrow().leaf().orElseThrow().parseError()).isEmpty();
    }

    @Test
    void aMalformedSubjectAlternativeNameLeavesTheNameMatchUnknown() {
        TestCertificate garbled = TestCertificates.builder().noSubjectAlternativeNames()
                .rawExtension(Extension.subjectAlternativeName.getId(), false, new byte[] {0x04, 0x02, 0x41, 0x42}).build();
        ConnectionOutcome o = probe(garbled);
        assertReportedNotHealthy(o, 0, "subjectAlternativeName extension is malformed");
        assertThat(o.server().tls().orElseThrow().leaf().orElseThrow().hostnameMatches()).isEmpty();
        assertThat(o.server().tls().orElseThrow().leaf().orElseThrow().subjectAlternativeNames()).isEmpty();
        assertThat(o.hasFinding(FindingCode.CERT_NAME_MISMATCH)).isFalse();
    }

    @Test
    void anIntermediateWithAnUnknownKeyAlgorithmIsAFinding() {
        SubjectPublicKeyInfo unknown = new SubjectPublicKeyInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.3.4.5")),
                new DERBitString(new byte[] {1, 2, 3, 4}).getBytes());
        TestCertificate intermediate = TestCertificates.builder().commonName("rdp-probe Odd Intermediate").noSubjectAlternativeNames()
                .certificateAuthority().certifiedKey(unknown).signedBy(TestCertificates.testCa()).build();
        ConnectionOutcome o = probe(TestCertificates.builder().signedBy(intermediate).build());
        assertReportedNotHealthy(o, 1, "its key algorithm 1.2.3.4.5 is unknown");
        assertThat(o.server().tls().orElseThrow().chain().get(1).keyType()).contains("1.2.3.4.5");
    }

    @Test
    void negativeAndOverlongSerialNumbersAreReportedAsTheyAre() {
        BigInteger huge = BigInteger.ONE.shiftLeft(400).add(BigInteger.valueOf(7));
        ConnectionOutcome negative = probe(TestCertificates.builder().serial(BigInteger.valueOf(-4242)).build());
        ConnectionOutcome overlong = probe(TestCertificates.builder().serial(huge).build());
        assertThat(negative.server().tls().orElseThrow().leaf().orElseThrow().serialNumberHex()).contains("-1092");
        assertThat(overlong.server().tls().orElseThrow().leaf().orElseThrow().serialNumberHex()).contains(huge.toString(16).toUpperCase());
        for (ConnectionOutcome o : new ConnectionOutcome[] {negative, overlong}) {
            assertThat(o.server().tls().orElseThrow().leaf().orElseThrow().parseError()).isEmpty();
            assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.HEALTHY);
        }
    }
}
