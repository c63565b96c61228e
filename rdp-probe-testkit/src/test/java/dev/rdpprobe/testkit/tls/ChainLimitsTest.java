package dev.rdpprobe.testkit.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.Verdict;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.TlsStep;
import dev.rdpprobe.tls.RdpTlsProvider;
import dev.rdpprobe.tls.TlsLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Long and large certificate chains through whole probes: the bouncycastle engine accepts what real servers
 * send (BouncyCastle's own defaults, 10 certificates and 32 KiB, do not), and a chain over a limit, its own or
 * the jdk engine's (the JDK's JVM-wide defaults, which the probe never changes), is reported as the probe's
 * limit, with no advice to replace the server's certificate.
 */
class ChainLimitsTest {

    /** A server certificate under {@code count} intermediates with 4096-bit keys under the test CA: count + 2 certificates. */
    static TestCertificate underIntermediates(int count, TestCertificates.Builder leaf) {
        TestCertificate issuer = TestCertificates.testCa();
        for (int i = 1; i <= count; i++) {
            issuer = TestCertificates.builder().commonName("rdp-probe Intermediate " + i).noSubjectAlternativeNames()
                    .rsa(4096).certificateAuthority().signedBy(issuer).build();
        }
        return leaf.signedBy(issuer).build();
    }

    /** Self-signed CA certificates a server may send after its chain when it is configured with a whole bundle. */
    static TestCertificate[] bundle(int count) {
        TestCertificate[] cas = new TestCertificate[count];
        for (int i = 0; i < count; i++) {
            cas[i] = TestCertificates.builder().commonName("rdp-probe Bundle CA " + (i + 1)).noSubjectAlternativeNames()
                    .certificateAuthority().build();
        }
        return cas;
    }

    /** DNS names like those of a certificate for a farm of session hosts. */
    static String[] hostNames(int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = String.format(Locale.ROOT, "rdsh-%05d.farm.example.test", i);
        }
        return names;
    }

    static ConnectionOutcome probe(String engine, TestCertificate certificate) {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy().withTls(TlsStep.with(certificate)));
                RdpProber prober = RdpProber.builder().udp(false).tlsEngine(engine)
                        .phaseTimeout(Duration.ofSeconds(10)).deadline(Duration.ofSeconds(30)).build()) {
            return prober.probe(server.target()).join();
        }
    }

    static void assertPasses(ConnectionOutcome o, int certificates) {
        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).as("%s", o.phases()).isEqualTo(PhaseStatus.OK);
        assertThat(o.verdict()).isEqualTo(Verdict.OK);
        assertThat(o.server().tls().orElseThrow().chain()).hasSize(certificates).allSatisfy(c -> assertThat(c.parseError()).isEmpty());
    }

    /** The TLS failure, checked to be the probe's limit in the failure, the finding and the diagnosis. */
    static Failure.ProbeLimitExceeded assertStoppedAtProbeLimit(ConnectionOutcome o) {
        PhaseResult tls = o.phase(Phase.TLS_HANDSHAKE);
        assertThat(tls.status()).as("%s", o.phases()).isEqualTo(PhaseStatus.FAILED);
        assertThat(tls.failure().orElseThrow()).isInstanceOf(Failure.ProbeLimitExceeded.class);
        assertThat(o.hasFinding(FindingCode.PROBE_LIMIT_EXCEEDED)).isTrue();
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.PROBE_LIMIT_EXCEEDED);
        Failure.ProbeLimitExceeded limit = (Failure.ProbeLimitExceeded) tls.failure().orElseThrow();
        assertThat(o.diagnosis().summary()).contains("one of its own limits").contains(limit.detail() + "; the probe accepts " + limit.limit());
        assertThat(String.join(" ", o.diagnosis().remedies())).doesNotContainIgnoringCase("replace the RDP certificate").doesNotContain("internal_error");
        return limit;
    }

    @Test
    void fourIntermediatesWithLargeKeysPass() {
        TestCertificate certificate = underIntermediates(4, TestCertificates.builder());
        for (String engine : List.of(RdpTlsProvider.BOUNCYCASTLE, RdpTlsProvider.JDK)) {
            assertPasses(probe(engine, certificate), 6);
        }
    }

    @Test
    void aChainWithTheServersCaBundlePasses() {
        TestCertificate certificate = underIntermediates(4, TestCertificates.builder()).followedBy(bundle(6));
        assertThat(certificate.chain()).hasSize(12);
        assertPasses(probe(RdpTlsProvider.BOUNCYCASTLE, certificate), 12);
    }

    @Test
    void aCertificateMessageOver32KiBPasses() {
        TestCertificate certificate = underIntermediates(4, TestCertificates.builder().dnsNames(hostNames(1200)));
        assertThat(certificate.chainBytes()).as("over BouncyCastle's and the JDK's default").isGreaterThan(32 * 1024);
        ConnectionOutcome o = probe(RdpTlsProvider.BOUNCYCASTLE, certificate);
        assertPasses(o, 6);
        assertThat(o.server().tls().orElseThrow().leaf().orElseThrow().subjectAlternativeNames()).hasSize(1200 + 1);
    }

    @Test
    void aChainLongerThanTheLimitIsTheProbesLimit() {
        int extra = TlsLimits.MAX_CERTIFICATE_CHAIN_LENGTH + 1 - 6;
        TestCertificate certificate = underIntermediates(4, TestCertificates.builder()).followedBy(bundle(extra));
        Failure.ProbeLimitExceeded limit = assertStoppedAtProbeLimit(probe(RdpTlsProvider.BOUNCYCASTLE, certificate));
        assertThat(limit.limit()).isEqualTo("chains of at most 16 certificates (rdp-probe's bouncycastle engine)");
        assertThat(limit.detail()).isEqualTo("the server sent a certificate chain of more than 16 certificates");
    }

    @Test
    void aCertificateMessageLargerThanTheLimitIsTheProbesLimit() {
        TestCertificate certificate = TestCertificates.builder().dnsNames(hostNames(9500)).build();
        assertThat(certificate.chainBytes()).isGreaterThan(TlsLimits.MAX_HANDSHAKE_MESSAGE_BYTES);
        Failure.ProbeLimitExceeded limit = assertStoppedAtProbeLimit(probe(RdpTlsProvider.BOUNCYCASTLE, certificate));
        assertThat(limit.limit()).isEqualTo("TLS handshake messages of at most 262144 bytes (256 KiB, rdp-probe's bouncycastle engine)");
        assertThat(limit.detail()).matches("the server's certificate handshake message has \\d+ bytes");
    }

    @Test
    void theJdkEnginesLimitsAreNamedAsTheJdksSystemProperties() {
        List<ConnectionOutcome> outcomes = new ArrayList<>();
        outcomes.add(probe(RdpTlsProvider.JDK, underIntermediates(4, TestCertificates.builder()).followedBy(bundle(6))));
        outcomes.add(probe(RdpTlsProvider.JDK, underIntermediates(4, TestCertificates.builder().dnsNames(hostNames(1200)))));
        Failure.ProbeLimitExceeded chain = assertStoppedAtProbeLimit(outcomes.get(0));
        assertThat(chain.limit()).startsWith("chains of at most 10 certificates (the jdk engine's limit: the JVM-wide system property "
                + "jdk.tls.maxCertificateChainLength, which rdp-probe never sets; the bouncycastle engine accepts 16)");
        assertThat(chain.detail()).isEqualTo("the server sent a certificate chain of more than 10 certificates");
        Failure.ProbeLimitExceeded size = assertStoppedAtProbeLimit(outcomes.get(1));
        assertThat(size.limit()).startsWith("TLS handshake messages of at most 32768 bytes (the jdk engine's limit: the JVM-wide system "
                + "property jdk.tls.maxHandshakeMessageSize");
    }

    /** The diagnosis table names the bouncycastle engine's limits; they must be the ones in force. */
    @Test
    void theDiagnosisNamesTheLimitsInForce() {
        ConnectionOutcome o = probe(RdpTlsProvider.BOUNCYCASTLE, TestCertificates.unmatchedRsaKey(TlsLimits.MAX_RSA_KEY_BITS * 2));
        String remedies = String.join(" ", assertStoppedAtProbeLimitRemedies(o));
        assertThat(remedies).contains("RSA keys of up to " + TlsLimits.MAX_RSA_KEY_BITS + " bits")
                .contains("chains of up to " + TlsLimits.MAX_CERTIFICATE_CHAIN_LENGTH + " certificates")
                .contains("certificate messages of up to " + TlsLimits.MAX_HANDSHAKE_MESSAGE_BYTES / 1024 + " KiB");
    }

    private static List<String> assertStoppedAtProbeLimitRemedies(ConnectionOutcome o) {
        assertStoppedAtProbeLimit(o);
        return o.diagnosis().remedies();
    }
}
