package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.NegotiationRefusal;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.TlsStep;
import dev.rdpprobe.testkit.tls.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code rdp-probe check} run in-process against loopback fake servers: every line it prints parses by the plugins' grammar. */
class CheckCommandTest {

    static FakeRdpServer healthy;
    static FakeRdpServer expired;
    static FakeRdpServer nlaRequired;
    static FakeRdpServer tlsWithoutNla;
    static FakeRdpServer silent;

    @BeforeAll
    static void startServers() {
        healthy = FakeRdpServer.start(Scenario.healthy());
        expired = FakeRdpServer.start(Scenario.healthy().withTls(TlsStep.with(TestCertificates.expired())));
        nlaRequired = FakeRdpServer.start(Scenario.refusing(NegotiationRefusal.HYBRID_REQUIRED_BY_SERVER));
        tlsWithoutNla = FakeRdpServer.start(Scenario.healthyTlsOnly());
        silent = FakeRdpServer.start(Scenario.silentAfterConnectionRequest());
    }

    @AfterAll
    static void stopServers() {
        healthy.close();
        expired.close();
        nlaRequired.close();
        tlsWithoutNla.close();
        silent.close();
    }

    static String closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    /** Runs the check and parses its output, checking the state matches the exit code and nothing goes to stderr. */
    static PluginGrammar.Parsed check(PluginState expected, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun run = CliRun.of(all);
        PluginGrammar.Parsed parsed = PluginGrammar.parse(run.out());
        assertThat(run.exitCode()).as(run.out()).isEqualTo(expected.exitCode());
        assertThat(parsed.state()).isEqualTo(expected.name());
        assertThat(run.err()).isEmpty();
        return parsed;
    }

    @Test
    void healthyServerIsOkWithEveryPhaseTimeAndTheCertificatesDays() {
        PluginGrammar.Parsed p = check(PluginState.OK, "-H", healthy.target().toString(), "-t", "5", "-w", "4", "-c", "4.5",
                "--cert-warning", "30:", "--cert-critical", "7:");
        assertThat(p.text()).contains("passed every phase");
        Map<String, PluginGrammar.Item> perf = p.perfData();
        assertThat(perf.keySet()).containsExactly("resolve", "tcp_connect", "x224_negotiation", "tls_handshake", "credssp",
                "credssp_auth", "mcs_connect", "total", "cert_days_left");
        assertThat(perf.get("credssp_auth").value()).as("no credentials given: the check did not run").isEqualTo("U");
        assertThat(perf.get("resolve").value()).as("an IP literal is not resolved").isEqualTo("U");
        assertThat(perf.get("tcp_connect").value()).endsWith("s");
        assertThat(perf.get("total").warn()).isEqualTo("4");
        assertThat(perf.get("total").crit()).isEqualTo("4.5");
        assertThat(perf.get("total").min()).isEqualTo("0");
        assertThat(perf.get("total").max()).isEqualTo("5");
        assertThat(perf.get("cert_days_left").warn()).isEqualTo("30:");
        assertThat(perf.get("cert_days_left").crit()).isEqualTo("7:");
        assertThat(Long.parseLong(perf.get("cert_days_left").value())).isPositive();
    }

    @Test
    void thePositionalTargetAndPortOptionWorkAsH() {
        PluginGrammar.Parsed p = check(PluginState.OK, "127.0.0.1", "-p", String.valueOf(healthy.port()), "-t", "5");
        assertThat(p.perfData()).containsKey("credssp");
    }

    @Test
    void expiredCertificateIsCritical() {
        PluginGrammar.Parsed p = check(PluginState.CRITICAL, "-H", expired.target().toString(), "-t", "5");
        assertThat(p.text()).startsWith("CERT_EXPIRED");
        assertThat(Long.parseLong(p.perfData().get("cert_days_left").value())).isNegative();
        PluginGrammar.Parsed relaxed = check(PluginState.OK, "-H", expired.target().toString(), "-t", "5", "--ok-on", "CERT_EXPIRED");
        assertThat(relaxed.text()).doesNotContain("CERT_EXPIRED;");
        check(PluginState.WARNING, "-H", expired.target().toString(), "-t", "5", "--warn-on", "CERT_EXPIRED");
    }

    @Test
    void certificateDaysThresholdsRaiseTheirState() {
        PluginGrammar.Parsed p = check(PluginState.CRITICAL, "-H", healthy.target().toString(), "-t", "5", "--cert-critical", "100000:");
        assertThat(p.text()).contains("days left (--cert-critical 100000:)");
        check(PluginState.WARNING, "-H", healthy.target().toString(), "-t", "5", "--cert-warning", "100000:", "--cert-critical", "1:");
    }

    @Test
    void totalTimeThresholdsRaiseTheirState() {
        PluginGrammar.Parsed p = check(PluginState.WARNING, "-H", healthy.target().toString(), "-t", "5", "-w", "@0:", "-c", "100");
        assertThat(p.text()).startsWith("total time ").contains("(-w @0:)");
        check(PluginState.CRITICAL, "-H", healthy.target().toString(), "-t", "5", "-w", "@0:", "-c", "@0:");
    }

    @Test
    void nlaRequiredIsCriticalAtX224() {
        PluginGrammar.Parsed p = check(PluginState.CRITICAL, "-H", nlaRequired.target().toString(), "-t", "5", "--protocols", "ssl");
        assertThat(p.text()).startsWith("X224_NEGOTIATION failed (NLA_REQUIRED_BY_SERVER)");
        assertThat(p.perfData().get("tls_handshake").value()).isEqualTo("U");
        assertThat(p.perfData()).doesNotContainKey("cert_days_left");
    }

    @Test
    void nlaNotRequiredIsAWarningByDefaultAndConfigurable() {
        PluginGrammar.Parsed p = check(PluginState.WARNING, "-H", tlsWithoutNla.target().toString(), "-t", "5");
        assertThat(p.text()).startsWith("NLA_NOT_REQUIRED");
        check(PluginState.CRITICAL, "-H", tlsWithoutNla.target().toString(), "-t", "5", "--crit-on", "NLA_NOT_REQUIRED");
    }

    @Test
    void closedPortIsCritical() throws IOException {
        PluginGrammar.Parsed p = check(PluginState.CRITICAL, "-H", closedPort(), "-t", "5");
        assertThat(p.text()).startsWith("TCP_CONNECT failed (TCP_");
        assertThat(p.perfData().get("x224_negotiation").value()).isEqualTo("U");
    }

    @Test
    void silentServerIsCriticalWithinTheTimeout() {
        // a budget a loaded machine cannot spend before the silent X.224 phase (0.3 s failed once at load average 5)
        PluginGrammar.Parsed p = check(PluginState.CRITICAL, "-H", silent.target().toString(), "-t", "1.5");
        assertThat(p.text()).as(p.text()).startsWith("X224_NEGOTIATION timed out");
        assertThat(p.perfData().get("total").max()).isEqualTo("1.500000");
    }

    @Test
    void udpIsInThePerfdataOnlyWhenAsked() {
        healthy.withUdp(dev.rdpprobe.testkit.udp.FakeUdpResponder.builder().answering());
        PluginGrammar.Parsed p = check(PluginState.OK, "-H", healthy.target().toString(), "-t", "5", "--udp");
        assertThat(p.perfData()).containsKey("udp_transport");
    }

    @Test
    void usageErrorsAreOneUnknownLineWithExitThree() {
        for (String[] args : new String[][] {
            {},
            {"-H", "h", "other"},
            {"-H", "h:70000"},
            {"-H", "h:3389", "-p", "3390"},
            {"-H", "h", "-p", "0"},
            {"-H", "h", "-t", "ten"},
            {"-H", "h", "-t", "0"},
            {"-H", "h", "-w", "abc"},
            {"-H", "h", "-c", "20:10"},
            {"-H", "h", "--cert-warning", "~"},
            {"-H", "h", "--crit-on", "NOPE"},
            {"-H", "h", "--warn-on", "CERT_EXPIRED", "--crit-on", "CERT_EXPIRED"},
            {"-H", "h", "--protocols", ""},
            {"-H", "h", "--bogus"},
            {"-H", "h", "-p", "many"},
            {"-H", "h", "-w", "1|2"},
            {"-H", "h\u001b[2J\nRDP OK - fine"},
        }) {
            PluginGrammar.Parsed p = check(PluginState.UNKNOWN, args);
            assertThat(p.text()).as(String.join(" ", args)).startsWith("usage: ").doesNotContain("Exception");
            assertThat(p.perfData()).isEmpty();
        }
    }

    @Test
    void theMainCommandsUsageErrorsKeepExitTwo() {
        CliRun run = CliRun.of("--bogus", "h");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("rdp-probe: ");
    }
}
