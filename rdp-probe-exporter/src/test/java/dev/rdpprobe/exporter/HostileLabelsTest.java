package dev.rdpprobe.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.testkit.CredSspStep;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.NtlmIdentity;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.TlsStep;
import dev.rdpprobe.testkit.tls.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A server chooses its NTLM names: whatever it sends, the exposition stays well-formed — one line per sample, no
 * forged series, quotes and backslashes escaped, values bounded — in both text formats.
 */
class HostileLabelsTest {

    /** A sample line of the Prometheus text format: name, optional labels with escaped values, a value. */
    static final Pattern SAMPLE = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*\\})? \\S+( \\S+)?");

    static final String FORGED = "EVIL\"} 1\nprobe_success 1\n# HELP x\\";

    private static ConnectionOutcome probe(NtlmIdentity identity) {
        try (RdpProber prober = RdpProber.builder().udp(false).build();
             FakeRdpServer server = FakeRdpServer.start(Scenario.healthy().withCredSsp(CredSspStep.challenge(identity)))) {
            return prober.probe(server.target()).join();
        }
    }

    @Test
    void namesThatTryToEndTheLabelOrTheLineForgeNothing() {
        String longName = "N".repeat(5000);
        ConnectionOutcome o = probe(new NtlmIdentity(FORGED, "A\r\nB", longName, "x\u0000y", "quote\"back\\slash", "\u2028", 10, 0, 20348));
        for (String accept : new String[] {null, "application/openmetrics-text;version=1.0.0"}) {
            String text = new String(Exposition.of(ProbeMetrics.of(o), accept).body(), StandardCharsets.UTF_8);
            List<String> lines = text.lines().toList();
            for (String line : lines) {
                if (!line.startsWith("#")) {
                    assertThat(line).as("a sample line in %s", accept).matches(SAMPLE);
                }
            }
            assertThat(lines.stream().filter(l -> l.startsWith("probe_success ")).count()).as("one probe_success").isEqualTo(1);
            String ntlm = lines.stream().filter(l -> l.startsWith("probe_rdp_ntlm_info{")).findFirst().orElseThrow();
            assertThat(ntlm).contains("target_name=\"EVIL\\\"} 1\uFFFDprobe_success 1\uFFFD# HELP x\\\\\"");
            assertThat(ntlm).contains("netbios_computer=\"A\uFFFD\uFFFDB\"", "dns_computer=\"x\uFFFDy\"", "dns_domain=\"quote\\\"back\\\\slash\"");
            assertThat(ntlm).contains("netbios_domain=\"" + "N".repeat(LabelValues.MAX_CODE_POINTS) + "…\"");
            assertThat(ntlm.length()).isLessThan(2000);
        }
    }

    @Test
    void anExpiredCertificateGivesItsExpiryInThePastAndTheFinding() {
        try (RdpProber prober = RdpProber.builder().udp(false).build();
             FakeRdpServer server = FakeRdpServer.start(Scenario.healthy().withTls(TlsStep.with(TestCertificates.expired())))) {
            ConnectionOutcome o = prober.probe(server.target()).join();
            String text = new String(Exposition.of(ProbeMetrics.of(o), null).body(), StandardCharsets.UTF_8);
            double expiry = RdpExporterTest.value(text, "probe_ssl_earliest_cert_expiry");
            assertThat(expiry).isLessThan(System.currentTimeMillis() / 1000.0);
            assertThat(RdpExporterTest.value(text, "probe_rdp_findings{code=\"CERT_EXPIRED\",severity=\"CRITICAL\"}")).isEqualTo(1);
            assertThat(RdpExporterTest.value(text, "probe_rdp_cert_trusted")).isEqualTo(0);
        }
    }
}
