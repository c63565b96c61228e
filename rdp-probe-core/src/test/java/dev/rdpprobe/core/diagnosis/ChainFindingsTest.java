package dev.rdpprobe.core.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Finding;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.ServerFacts;
import dev.rdpprobe.core.outcome.SubjectAltName;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.TlsVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The findings about certificates that did not parse and about the probe's own limits. */
class ChainFindingsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private static List<PhaseResult> phases(Phase failing, Failure failure) {
        List<PhaseResult> phases = new ArrayList<>();
        for (Phase p : Phase.values()) {
            phases.add(p == failing ? PhaseResult.failed(p, Duration.ZERO, Duration.ofMillis(3), failure)
                    : p == Phase.UDP_TRANSPORT || p == Phase.RESOLVE ? PhaseResult.skipped(p, "off")
                    : PhaseResult.ok(p, Duration.ZERO, Duration.ofMillis(1)));
        }
        return phases;
    }

    private static CertificateReport parsed(String subject, String keyOverLimit) {
        return new CertificateReport(Optional.ofNullable(subject), Optional.of("CN=CA"), List.of(SubjectAltName.dns("rds01")),
                Optional.of("01"), Optional.of(NOW.minus(Duration.ofDays(1))), Optional.of(NOW.plus(Duration.ofDays(300))), false, false,
                300, false, Optional.empty(), Optional.of("RSA"), keyOverLimit == null ? 2048 : 16384, Optional.of("SHA256WITHRSA"),
                false, false, List.of(), List.of(), true, "AB", "CD", 900, Optional.empty(),
                Optional.ofNullable(keyOverLimit));
    }

    private static List<Finding> findings(List<CertificateReport> chain, Boolean trusted, String detail) {
        TlsFacts tls = TlsFacts.handshake(TlsVersion.TLS_1_3, "TLS_AES_128_GCM_SHA256", "bouncycastle", chain, trusted, detail);
        return FindingRules.derive(phases(null, null), ServerFacts.NONE.withTls(tls));
    }

    @Test
    void anUnparseableLeafIsAFindingWithItsBytesAndReasonAndNothingIsGuessed() {
        CertificateReport leaf = CertificateReport.unparseable("SHA1HEX", "SHA256HEX", 412, "not an X.509 certificate: corrupted stream");
        List<Finding> found = findings(List.of(leaf), false, "certificate #1 could not be parsed");
        assertThat(found).extracting(Finding::code).containsExactly(FindingCode.CERT_UNTRUSTED, FindingCode.CERT_UNPARSEABLE);
        assertThat(found.get(1).message()).isEqualTo("the server certificate could not be parsed: not an X.509 certificate: corrupted "
                + "stream (412 bytes, SHA-256 SHA256HEX); clients are likely to refuse it");
    }

    @Test
    void anUnparseableIntermediateIsNamedByItsPosition() {
        CertificateReport broken = CertificateReport.unparseable("A", "B", 77, "the JDK cannot parse it (bad extension)");
        List<Finding> found = findings(List.of(parsed("CN=rds01", null), broken), false, "x");
        assertThat(found).filteredOn(f -> f.code() == FindingCode.CERT_UNPARSEABLE).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("certificate #2 of the chain could not be parsed: the JDK cannot parse it"));
    }

    @Test
    void aKeyOverTheProbesLimitIsAFindingAndAnUncheckedTrustIsNotAnUntrustedOne() {
        String over = "a 16384-bit RSA key; the probe accepts RSA keys of at most 8192 bits (rdp-probe's limit)";
        List<Finding> found = findings(List.of(parsed("CN=rds01", null), parsed("CN=Big CA", over)), null, "not checked: …");
        assertThat(found).extracting(Finding::code).containsExactly(FindingCode.PROBE_LIMIT_EXCEEDED);
        assertThat(found.get(0).message()).isEqualTo("certificate #2 of the chain (CN=Big CA) has " + over
                + "; the probe did no arithmetic with that key, so the signatures it makes were not checked");
    }

    @Test
    void aPhaseStoppedAtAProbeLimitIsAFinding() {
        Failure limit = new Failure.ProbeLimitExceeded("chains of at most 16 certificates (rdp-probe's bouncycastle engine)",
                "the server sent a certificate chain of more than 16 certificates");
        List<Finding> found = FindingRules.derive(phases(Phase.TLS_HANDSHAKE, limit), ServerFacts.NONE);
        assertThat(found).extracting(Finding::code).containsExactly(FindingCode.PROBE_LIMIT_EXCEEDED);
        assertThat(found.get(0).message()).isEqualTo("TLS_HANDSHAKE stopped at a limit of the probe: the server sent a certificate chain "
                + "of more than 16 certificates; the probe accepts chains of at most 16 certificates (rdp-probe's bouncycastle engine)");
    }
}
