package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.testkit.SampleOutcomes;
import java.util.Optional;
import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HumanReportTest {

    @Test
    void everythingGolden() {
        Golden.assertMatches("report-everything.txt", HumanReport.ascii().render(SampleOutcomes.everything(), false));
    }

    @Test
    void silentGolden() {
        Golden.assertMatches("report-silent.txt", HumanReport.ascii().render(SampleOutcomes.silent(), false));
    }

    @Test
    void refusedWithoutDiagnosisGolden() {
        Golden.assertMatches("report-refused.txt", HumanReport.ascii().render(SampleOutcomes.refusedWithoutDiagnosis(), false));
    }

    @Test
    void unicodeGolden() {
        Golden.assertMatches("report-silent-unicode.txt", new HumanReport(true).render(SampleOutcomes.silent(), false));
    }

    @Test
    void anIpv6ZoneIsPrintedWithTheAddress() throws Exception {
        java.net.NetworkInterface lo = java.net.NetworkInterface.getByInetAddress(java.net.InetAddress.getLoopbackAddress());
        org.junit.jupiter.api.Assumptions.assumeTrue(lo != null, "no loopback interface");
        // the JDK ties an address to an interface that has one of its kind: lo has ::1, no link-local address
        java.net.Inet6Address named = java.net.Inet6Address.getByAddress(null, java.net.InetAddress.getByName("::1").getAddress(), lo);
        java.net.Inet6Address numbered = java.net.Inet6Address.getByAddress(null, java.net.InetAddress.getByName("fe80::1").getAddress(), 7);
        assertThat(HumanReport.address(named)).isEqualTo("::1%" + lo.getName());
        assertThat(HumanReport.address(numbered)).isEqualTo("fe80::1%7");
        assertThat(HumanReport.socketAddress(new java.net.InetSocketAddress(numbered, 3389))).isEqualTo("[fe80::1%7]:3389");
        assertThat(HumanReport.address(java.net.InetAddress.getByName("::1"))).isEqualTo("::1");
    }

    @Test
    void anUnparseableCertificateIsSaidToBeSoWithWhatIsKnown() {
        ConnectionOutcome o = SampleOutcomes.everything();
        CertificateReport unreadable = new CertificateReport(Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, false, 0, false, Optional.empty(), Optional.empty(), 0, Optional.empty(),
                false, false, List.of(), List.of(), false, "AB12", "CD34", 812,
                Optional.of("the key uses explicit EC curve parameters"),
                Optional.of("a 16384-bit RSA key; the probe accepts at most 8192 bits"));
        TlsFacts tls = o.server().tls().orElseThrow();
        TlsFacts withUnreadable = new TlsFacts(tls.protocolVersion(), tls.cipherSuite(), tls.engine(), List.of(unreadable),
                Optional.empty(), Optional.empty(), Optional.empty());
        ConnectionOutcome bad = new ConnectionOutcome(o.target(), o.startedAt(), o.total(), o.phases(),
                o.server().withTls(withUnreadable), o.findings(), o.diagnosis());
        String report = HumanReport.ascii().render(bad, false);
        assertThat(report).contains("(subject unreadable, 812 bytes of DER)")
                .contains("UNPARSEABLE").contains("explicit EC curve parameters")
                .contains("key not used").contains("16384-bit")
                .doesNotContain("null");
    }

    @Test
    void noEscapeCodesWithoutColourAndSomeWithColour() {
        ConnectionOutcome o = SampleOutcomes.everything();
        assertThat(HumanReport.ascii().render(o, false)).doesNotContain("\u001b[");
        String coloured = HumanReport.ascii().render(o, true);
        assertThat(coloured).contains("\u001b[32m").contains("\u001b[0m");
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(HumanReport.ascii().render(o, false));
    }

    @Test
    void barsArePlacedAtTheirStartAndScaledToTheirTime() {
        // TCP 0..0.5 ms, X.224 0.5..1000.5 ms: TCP gets the first cell, X.224 the rest.
        List<String> rows = rows(HumanReport.ascii().render(SampleOutcomes.silent(), false));
        assertThat(barOf(rows, "TCP_CONNECT")).isEqualTo("=" + " ".repeat(HumanReport.BAR_WIDTH - 1));
        assertThat(barOf(rows, "X224_NEGOTIATION")).isEqualTo("~".repeat(HumanReport.BAR_WIDTH));
        assertThat(barOf(rows, "TLS_HANDSHAKE")).isBlank();

        // A phase starting at half the span starts at half the width.
        ConnectionOutcome half = SampleOutcomes.withX224(
                PhaseResult.ok(Phase.X224_NEGOTIATION, Duration.ofMillis(5), Duration.ofMillis(5)));
        String x224 = barOf(rows(HumanReport.ascii().render(half, false)), "X224_NEGOTIATION");
        assertThat(x224.indexOf('=')).isEqualTo(HumanReport.BAR_WIDTH / 2);
        assertThat(x224.strip()).hasSize(HumanReport.BAR_WIDTH / 2);
    }

    @Test
    void millisecondsReadWell() {
        assertThat(HumanReport.millis(Duration.ofNanos(412_000))).isEqualTo("0.4 ms");
        assertThat(HumanReport.millis(Duration.ofMillis(99))).isEqualTo("99.0 ms");
        assertThat(HumanReport.millis(Duration.ofMillis(1003))).isEqualTo("1003 ms");
    }

    @Test
    void longProseIsWrappedWithAHangingIndent() {
        StringBuilder out = new StringBuilder();
        String text = ("word ".repeat(60)).strip();
        HumanReport.wrap(out, "    1. ", "       ", text);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSizeGreaterThan(2);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(HumanReport.WRAP_WIDTH));
        assertThat(lines.get(0)).startsWith("    1. word");
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).startsWith("       word"));
        assertThat(String.join(" ", lines).replaceAll("\\s+", " ").strip()).isEqualTo("1. " + text);

        StringBuilder longWord = new StringBuilder();
        HumanReport.wrap(longWord, "  ", "  ", "x".repeat(150));
        assertThat(longWord.toString()).isEqualTo("  " + "x".repeat(150) + "\n");
    }

    private static List<String> rows(String report) {
        return report.lines().toList();
    }

    private static String barOf(List<String> rows, String phase) {
        String row = rows.stream().filter(r -> r.startsWith("  " + phase + " ")).findFirst().orElseThrow();
        int open = row.indexOf('|');
        int close = row.indexOf('|', open + 1);
        return row.substring(open + 1, close);
    }
}
