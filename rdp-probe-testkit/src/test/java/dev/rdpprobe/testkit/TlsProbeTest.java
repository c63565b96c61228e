package dev.rdpprobe.testkit;

import dev.rdpprobe.core.outcome.SecurityProtocol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.TlsVersionSupport;
import dev.rdpprobe.testkit.tls.TestCertificate;
import dev.rdpprobe.testkit.tls.TestCertificates;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The TLS_HANDSHAKE phase through whole probes against the fake server. */
class TlsProbeTest {

    static RdpProber prober;

    @BeforeAll
    static void start() {
        prober = builder().build();
    }

    @AfterAll
    static void stop() {
        prober.close();
    }

    static RdpProber.Builder builder() {
        return RdpProber.builder().udp(false).phaseTimeout(Duration.ofSeconds(3)).deadline(Duration.ofSeconds(10));
    }

    static ConnectionOutcome probe(TlsStep tls) {
        return probe(prober, Scenario.healthyTlsOnly().withTls(tls));
    }

    static ConnectionOutcome probe(RdpProber p, Scenario scenario) {
        try (FakeRdpServer server = FakeRdpServer.start(scenario)) {
            return p.probe(server.target()).join();
        }
    }

    @Test
    void healthyHandshakeReportsVersionCipherAndCertificate() {
        ConnectionOutcome o = probe(TlsStep.healthy());
        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().tls().orElseThrow().protocolVersion()).contains(TlsVersion.TLS_1_3);
        assertThat(o.server().tls().orElseThrow().cipherSuite().orElseThrow()).startsWith("TLS_");
        assertThat(o.server().tls().orElseThrow().engine()).isEqualTo("bouncycastle");
        CertificateReport leaf = o.server().tls().orElseThrow().leaf().orElseThrow();
        assertThat(leaf.subject().orElseThrow()).contains("CN=localhost");
        assertThat(leaf.hostnameMatches()).contains(true);
        assertThat(leaf.expired()).isFalse();
        assertThat(leaf.sha1Thumbprint()).hasSize(40);
        assertThat(leaf.sha256Thumbprint()).hasSize(64);
        assertThat(o.phase(Phase.CREDSSP).status()).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(o.hasFinding(FindingCode.NLA_NOT_REQUIRED)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"})
    void theDefaultConfigurationReachesEveryVersionWithoutGlobalChanges(String version) {
        String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
        List<String> providers = Arrays.stream(Security.getProviders()).map(Provider::getName).toList();
        ConnectionOutcome o = probe(TlsStep.versions(version));
        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().tls().orElseThrow().protocolVersion().map(TlsVersion::jdkName)).contains(version);
        assertThat(Security.getProperty("jdk.tls.disabledAlgorithms")).isEqualTo(disabled);
        assertThat(Arrays.stream(Security.getProviders()).map(Provider::getName).toList()).isEqualTo(providers);
        assertThat(o.hasFinding(FindingCode.TLS_LEGACY_ONLY)).isEqualTo(version.equals("TLSv1") || version.equals("TLSv1.1"));
    }

    @Test
    void theJdkEngineCannotReachATls10OnlyServerAndSaysSo() {
        try (RdpProber jdk = builder().tlsEngine("jdk").build()) {
            ConnectionOutcome o = probe(jdk, Scenario.healthyTlsOnly().withTls(TlsStep.versions("TLSv1")));
            assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).isEqualTo(PhaseStatus.FAILED);
            assertThat(o.diagnosis().code()).isIn(DiagnosisCode.TLS_VERSION_MISMATCH, DiagnosisCode.TLS_VERSION_OR_CIPHER_MISMATCH);
        }
    }

    @Test
    void theJdkEngineReachesTls13() {
        try (RdpProber jdk = builder().tlsEngine("jdk").build()) {
            ConnectionOutcome o = probe(jdk, Scenario.healthyTlsOnly().withTls(TlsStep.healthy()));
            assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).isEqualTo(PhaseStatus.OK);
            assertThat(o.server().tls().orElseThrow().engine()).isEqualTo("jdk");
            assertThat(o.server().tls().orElseThrow().leaf()).isPresent();
        }
    }

    @Test
    void expiredCertificateIsAFindingAndTheDiagnosis() {
        ConnectionOutcome o = probe(TlsStep.with(TestCertificates.expired()));
        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().tls().orElseThrow().leaf().orElseThrow().expired()).isTrue();
        assertThat(o.server().tls().orElseThrow().leaf().orElseThrow().daysLeft()).isNegative();
        assertThat(o.hasFinding(FindingCode.CERT_EXPIRED)).isTrue();
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.CERT_EXPIRED);
    }

    @Test
    void notYetValidCertificate() {
        ConnectionOutcome o = probe(TlsStep.with(TestCertificates.notYetValid()));
        assertThat(o.hasFinding(FindingCode.CERT_NOT_YET_VALID)).isTrue();
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.CERT_NOT_YET_VALID);
    }

    @Test
    void certificateFindings() {
        assertThat(probe(TlsStep.with(TestCertificates.wrongHost())).hasFinding(FindingCode.CERT_NAME_MISMATCH)).isTrue();
        ConnectionOutcome selfSigned = probe(TlsStep.with(TestCertificates.localhost()));
        assertThat(selfSigned.hasFinding(FindingCode.CERT_SELF_SIGNED)).isTrue();
        assertThat(selfSigned.hasFinding(FindingCode.CERT_UNTRUSTED)).isTrue();
        assertThat(probe(TlsStep.with(TestCertificates.weakRsa1024())).hasFinding(FindingCode.CERT_WEAK_KEY)).isTrue();
        assertThat(probe(TlsStep.with(TestCertificates.sha1Signature())).hasFinding(FindingCode.CERT_WEAK_SIGNATURE)).isTrue();
        assertThat(probe(TlsStep.with(TestCertificates.clientAuthOnly())).hasFinding(FindingCode.CERT_NO_SERVER_AUTH_EKU)).isTrue();
        ConnectionOutcome rdpEku = probe(TlsStep.with(TestCertificates.remoteDesktopAuthentication()));
        assertThat(rdpEku.hasFinding(FindingCode.CERT_NO_SERVER_AUTH_EKU)).isFalse();
        assertThat(rdpEku.server().tls().orElseThrow().leaf().orElseThrow().extendedKeyUsage()).contains("Remote Desktop Authentication");
        ConnectionOutcome ec = probe(TlsStep.with(TestCertificates.ecP256()));
        assertThat(ec.server().tls().orElseThrow().leaf().orElseThrow().keyType()).contains("EC");
        assertThat(ec.server().tls().orElseThrow().leaf().orElseThrow().keyBits()).isEqualTo(256);
    }

    @Test
    void aChainSignedByACallerTrustedCaIsTrusted() {
        TestCertificate leaf = TestCertificates.signedByTestCa();
        try (RdpProber trusting = builder().trustStore(TestCertificates.testCa().asTrustStore()).build()) {
            ConnectionOutcome o = probe(trusting, Scenario.healthyTlsOnly().withTls(TlsStep.with(leaf)));
            assertThat(o.server().tls().orElseThrow().trusted()).contains(true);
            assertThat(o.hasFinding(FindingCode.CERT_UNTRUSTED)).isFalse();
            assertThat(o.hasFinding(FindingCode.CERT_SELF_SIGNED)).isFalse();
        }
        assertThat(probe(TlsStep.with(leaf)).server().tls().orElseThrow().trusted()).contains(false);
    }

    @Test
    void stalledHandshakeTimesOut() {
        ConnectionOutcome o;
        try (RdpProber quick = builder().tlsTimeout(Duration.ofMillis(400)).build()) {
            o = probe(quick, Scenario.healthyTlsOnly().withTls(TlsStep.stall()));
        }
        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).isEqualTo(PhaseStatus.TIMED_OUT);
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.TLS_SILENT);
    }

    @Test
    void closeOnClientHelloIsClosedByPeerWithNoBytes() {
        ConnectionOutcome o = probe(TlsStep.close());
        assertThat(o.phase(Phase.TLS_HANDSHAKE).failure()).contains(new Failure.ClosedByPeer(0));
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.TLS_CUT);
    }

    @Test
    void cutMidHandshakeSaysAfterHowManyBytes() {
        ConnectionOutcome o = probe(TlsStep.cutAfter(TestCertificates.localhost(), List.of("TLSv1.2"), 100));
        assertThat(o.phase(Phase.TLS_HANDSHAKE).failure()).contains(new Failure.ClosedByPeer(100));
    }

    @Test
    void resetDuringHandshake() {
        assertThat(probe(TlsStep.reset()).phase(Phase.TLS_HANDSHAKE).failure().orElseThrow()).isInstanceOf(Failure.Reset.class);
    }

    @Test
    void alertIsNamed() {
        ConnectionOutcome o = probe(TlsStep.alert(40));
        Failure.TlsAlert alert = (Failure.TlsAlert) o.phase(Phase.TLS_HANDSHAKE).failure().orElseThrow();
        assertThat(alert.code()).isEqualTo(40);
        assertThat(alert.name()).isEqualTo("handshake_failure");
        assertThat(alert.sentByPeer()).isTrue();
        assertThat(probe(TlsStep.alert(70)).diagnosis().code()).isEqualTo(DiagnosisCode.TLS_VERSION_MISMATCH);
    }

    @Test
    void aPeerThatDoesNotSpeakTls() {
        ConnectionOutcome o = probe(TlsStep.raw("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes()));
        assertThat(o.phase(Phase.TLS_HANDSHAKE).failure().orElseThrow()).isInstanceOf(Failure.NotTls.class);
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.NOT_TLS);
    }

    @Test
    void versionEnumerationFindsLegacyVersions() {
        try (RdpProber enumerating = builder().enumerateTlsVersions(true).build()) {
            ConnectionOutcome o = probe(enumerating, Scenario.healthyTlsOnly().withTls(TlsStep.versions("TLSv1", "TLSv1.1", "TLSv1.2")));
            assertThat(o.server().tls().orElseThrow().versions().orElseThrow()).extracting(TlsVersionSupport::version, TlsVersionSupport::accepted)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(TlsVersion.TLS_1_0, true), org.assertj.core.groups.Tuple.tuple(TlsVersion.TLS_1_1, true),
                            org.assertj.core.groups.Tuple.tuple(TlsVersion.TLS_1_2, true), org.assertj.core.groups.Tuple.tuple(TlsVersion.TLS_1_3, false));
            assertThat(o.hasFinding(FindingCode.TLS_LEGACY_ENABLED)).isTrue();
            ConnectionOutcome legacy = probe(enumerating, Scenario.healthyTlsOnly().withTls(TlsStep.versions("TLSv1")));
            assertThat(legacy.hasFinding(FindingCode.TLS_LEGACY_ONLY)).isTrue();
        }
    }

    @Test
    void standardRdpSecurityNeedsNoTls() {
        ConnectionOutcome o = probe(prober, Scenario.selecting(SecurityProtocol.RDP).withTls(TlsStep.healthy()));
        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).isEqualTo(PhaseStatus.SKIPPED);
    }
}
