package dev.rdpprobe.testkit.hardening;

import static dev.rdpprobe.core.outcome.PhaseStatus.FAILED;
import static dev.rdpprobe.core.outcome.PhaseStatus.OK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.TlsStep;
import dev.rdpprobe.testkit.tls.TestCertificate;
import dev.rdpprobe.testkit.tls.TestCertificates;
import dev.rdpprobe.tls.TlsLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TLS phase × what the server's certificates can be made of (oversize keys, long and large chains, parts
 * that do not parse), as one table beside {@link FaultMatrixTest}, with its limits: each row names the TLS
 * status, the failure type and the diagnosis the probe must report, within the phase's limit plus the margin.
 * The table with the observed outcome of every row is written to {@code target/fault-matrix-certificates.md}.
 */
class FaultMatrixCertificateTest {

    /**
     * One row.
     *
     * @param shape what the server's certificates are
     * @param status the TLS phase's status
     * @param failure the TLS failure type, or {@code null} when the phase must end OK
     * @param diagnosis the diagnosis
     * @param certificate mints the server's certificate (and chain)
     */
    record Row(String shape, PhaseStatus status, Class<? extends Failure> failure, DiagnosisCode diagnosis,
            Supplier<TestCertificate> certificate) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "TLS_HANDSHAKE × %-48s → %s%s, %s", shape, status,
                    failure == null ? "" : " " + failure.getSimpleName(), diagnosis);
        }
    }

    static final List<Row> ROWS = List.of(
        new Row("leaf with a 16384-bit RSA key", FAILED, Failure.ProbeLimitExceeded.class, DiagnosisCode.PROBE_LIMIT_EXCEEDED,
                () -> TestCertificates.unmatchedRsaKey(16384)),
        new Row("intermediate with a 16384-bit RSA key", OK, null, DiagnosisCode.HEALTHY,
                () -> TestCertificates.underUnmatchedRsaIntermediate(16384)),
        new Row("chain of 12 (4 intermediates, 4096-bit, + CA bundle)", OK, null, DiagnosisCode.HEALTHY,
                () -> chain(4, TestCertificates.builder(), 6)),
        new Row("chain of 17 certificates", FAILED, Failure.ProbeLimitExceeded.class, DiagnosisCode.PROBE_LIMIT_EXCEEDED,
                () -> chain(4, TestCertificates.builder(), TlsLimits.MAX_CERTIFICATE_CHAIN_LENGTH + 1 - 6)),
        new Row("certificate message over 32 KiB (1200 names)", OK, null, DiagnosisCode.HEALTHY,
                () -> chain(4, TestCertificates.builder().dnsNames(names(1200)), 0)),
        new Row("certificate message over 256 KiB (9500 names)", FAILED, Failure.ProbeLimitExceeded.class,
                DiagnosisCode.PROBE_LIMIT_EXCEEDED, () -> TestCertificates.builder().dnsNames(names(9500)).build()),
        new Row("leaf EC key with explicit curve parameters", OK, null, DiagnosisCode.CERT_UNPARSEABLE,
                TestCertificates::ecExplicitParameters),
        new Row("intermediate with a malformed critical extension", OK, null, DiagnosisCode.CERT_UNPARSEABLE,
                () -> TestCertificates.builder().signedBy(TestCertificates.builder().commonName("rdp-probe Broken Intermediate")
                        .noSubjectAlternativeNames().certificateAuthority()
                        .rawExtension(Extension.nameConstraints.getId(), true, new byte[] {0x30, 0x03, 0x01, 0x02})
                        .signedBy(TestCertificates.testCa()).build()).build()),
        new Row("leaf with a malformed subjectAlternativeName", OK, null, DiagnosisCode.CERT_UNPARSEABLE,
                () -> TestCertificates.builder().noSubjectAlternativeNames()
                        .rawExtension(Extension.subjectAlternativeName.getId(), false, new byte[] {0x04, 0x02, 0x41, 0x42}).build()));

    static Stream<Row> matrix() {
        return ROWS.stream();
    }

    static TestCertificate chain(int intermediates, TestCertificates.Builder leaf, int bundle) {
        TestCertificate issuer = TestCertificates.testCa();
        for (int i = 1; i <= intermediates; i++) {
            issuer = TestCertificates.builder().commonName("rdp-probe Intermediate " + i).noSubjectAlternativeNames()
                    .rsa(4096).certificateAuthority().signedBy(issuer).build();
        }
        TestCertificate[] extra = new TestCertificate[bundle];
        for (int i = 0; i < bundle; i++) {
            extra[i] = TestCertificates.builder().commonName("rdp-probe Bundle CA " + (i + 1)).noSubjectAlternativeNames()
                    .certificateAuthority().build();
        }
        return leaf.signedBy(issuer).build().followedBy(extra);
    }

    static String[] names(int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = String.format(Locale.ROOT, "rdsh-%05d.farm.example.test", i);
        }
        return names;
    }

    private static final Map<Integer, String> OBSERVED = new TreeMap<>();

    /**
     * The TLS phase's limit: every row completes or fails its handshake (none waits for the limit), with
     * certificates large enough that a loaded machine needs the time.
     */
    static final Duration TLS_LIMIT = Duration.ofSeconds(1);

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void certificateShapeEndsAsTheTableSays(Row row) {
        TestCertificate certificate = row.certificate().get();
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy().withTls(TlsStep.with(certificate)));
                RdpProber prober = RdpProber.builder().udp(false).threads(1)
                        .connectTimeout(FaultMatrixTest.PATIENT).x224Timeout(FaultMatrixTest.PATIENT)
                        .tlsTimeout(TLS_LIMIT).credsspTimeout(FaultMatrixTest.PATIENT)
                        .deadline(Duration.ofSeconds(30)).build()) {
            ConnectionOutcome o = prober.probe(server.target()).join();
            PhaseResult tls = o.phase(Phase.TLS_HANDSHAKE);
            OBSERVED.put(ROWS.indexOf(row), String.format(Locale.ROOT, "| %s | %s | %s%s, %s | %d ms |", row.shape(),
                    row.status() + (row.failure() == null ? "" : " " + row.failure().getSimpleName()) + ", " + row.diagnosis(),
                    tls.status(), tls.failure().isEmpty() ? "" : " " + tls.failure().get().getClass().getSimpleName(), o.diagnosis().code(),
                    tls.elapsed().toMillis()));

            assertThat(tls.status()).as("%s", o.phases()).isEqualTo(row.status());
            if (row.failure() == null) {
                assertThat(tls.failure()).isEmpty();
            } else {
                assertThat(tls.failure().orElseThrow()).isInstanceOf(row.failure());
            }
            assertThat(o.diagnosis().code()).as("%s / %s", o.findings(), o.diagnosis().summary()).isEqualTo(row.diagnosis());
            assertThat(tls.elapsed()).as("time in the TLS phase").isLessThanOrEqualTo(TLS_LIMIT.plus(FaultMatrixTest.MARGIN));
        }
    }

    @AfterAll
    static void writeTable() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("| server's certificates | expected | observed | TLS took |");
        lines.add("|---|---|---|---|");
        lines.addAll(OBSERVED.values());
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.write(target.resolve("fault-matrix-certificates.md"), lines, StandardCharsets.UTF_8);
        }
        lines.forEach(System.out::println);
    }
}
