package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.testkit.SampleOutcomes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.testkit.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command run in-process: exit codes, usage errors, output forms. */
class CommandTest {

    static final String[] QUICK = {"--no-udp", "--timeout", "2s", "--x224-timeout", "300ms", "--deadline", "5s"};

    static FakeRdpServer healthy;
    static FakeRdpServer silent;

    @BeforeAll
    static void startServers() {
        healthy = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP));
        silent = FakeRdpServer.start(Scenario.silentAfterConnectionRequest());
    }

    @AfterAll
    static void stopServers() {
        healthy.close();
        silent.close();
    }

    static String closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    static CliRun probe(String... targetsAndMore) {
        String[] args = new String[QUICK.length + targetsAndMore.length];
        System.arraycopy(QUICK, 0, args, 0, QUICK.length);
        System.arraycopy(targetsAndMore, 0, args, QUICK.length, targetsAndMore.length);
        return CliRun.of(args);
    }

    // ---- exit codes of probes

    @Test
    void healthyTargetExitsZeroWithAReport() {
        CliRun run = probe(healthy.target().toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith(healthy.target() + "  OK").contains("X224_NEGOTIATION").contains("Diagnosis: ");
        assertThat(run.out()).doesNotContain("\u001b[").doesNotContain("Summary");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void refusedTargetExitsOne() throws IOException {
        CliRun run = probe(closedPort());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.PHASE_FAILED);
        assertThat(run.out()).contains("FAILED at TCP_CONNECT").contains("connection refused");
    }

    @Test
    void silentTargetExitsThree() {
        CliRun run = probe(silent.target().toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(run.out()).contains("TIMED_OUT at X224_NEGOTIATION");
    }

    @Test
    void severalTargetsExitWithTheWorstAndASummary() throws IOException {
        CliRun failed = probe(healthy.target().toString(), closedPort());
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.PHASE_FAILED);
        assertThat(failed.out()).contains("Summary: 2 targets").contains("1 OK, 1 FAILED, 0 TIMED_OUT");

        CliRun timedOut = probe(closedPort(), silent.target().toString(), healthy.target().toString());
        assertThat(timedOut.exitCode()).isEqualTo(ExitCodes.TIMED_OUT);
    }

    @Test
    void jsonIsOneLinePerTargetAndTheSummaryGoesToStderr() throws Exception {
        CliRun run = probe("--json", healthy.target().toString(), "[::1]:" + healthy.port(), closedPort());
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        ObjectMapper mapper = new ObjectMapper();
        for (String line : lines) {
            JsonNode node = mapper.readTree(line);
            assertThat(node.get("verdict").asText()).isIn("OK", "FAILED");
        }
        assertThat(run.out()).doesNotContain("Summary");
        assertThat(run.err()).contains("Summary: 3 targets");
    }

    @Test
    void targetsFromStdin() {
        String stdin = "# from stdin\n" + healthy.target() + "\n\n" + healthy.target() + "  # again\n";
        String[] args = {"--no-udp", "--json", "--targets", "-"};
        CliRun run = CliRun.withStdin(stdin, args);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().lines()).hasSize(2);
    }

    @Test
    void exitCodeOfOneOutcome() {
        assertThat(ExitCodes.of(SampleOutcomes.everything())).isEqualTo(ExitCodes.OK);
        assertThat(ExitCodes.of(SampleOutcomes.silent())).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(ExitCodes.of(SampleOutcomes.refusedWithoutDiagnosis())).isEqualTo(ExitCodes.PHASE_FAILED);
        assertThat(ExitCodes.of(SampleOutcomes.udpOnly(PhaseResult.ok(Phase.UDP_TRANSPORT, Duration.ZERO, Duration.ofMillis(1)))))
                .isEqualTo(ExitCodes.OK);
        assertThat(ExitCodes.of(SampleOutcomes.udpOnly(PhaseResult.failed(Phase.UDP_TRANSPORT, Duration.ZERO, Duration.ofMillis(1),
                new Failure.UdpPortClosed())))).isEqualTo(ExitCodes.PHASE_FAILED);
        assertThat(ExitCodes.of(SampleOutcomes.udpOnly(PhaseResult.failed(Phase.UDP_TRANSPORT, Duration.ZERO, Duration.ofSeconds(3),
                new Failure.UdpNoAnswer(3, Duration.ofSeconds(3)))))).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(ExitCodes.worst(ExitCodes.OK, ExitCodes.PHASE_FAILED)).isEqualTo(ExitCodes.PHASE_FAILED);
        assertThat(ExitCodes.worst(ExitCodes.TIMED_OUT, ExitCodes.PHASE_FAILED)).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(ExitCodes.worst(ExitCodes.PHASE_FAILED, ExitCodes.TIMED_OUT)).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(ExitCodes.worst(ExitCodes.TIMED_OUT, ExitCodes.INTERNAL)).isEqualTo(ExitCodes.INTERNAL);
        assertThat(ExitCodes.worst(ExitCodes.INTERNAL, ExitCodes.PHASE_FAILED)).isEqualTo(ExitCodes.INTERNAL);
    }

    // ---- usage errors: exit 2, one line, no stack trace

    @Test
    void usageErrorsAreOneLineWithExitTwo() {
        assertUsage(CliRun.of(), "no target given");
        assertUsage(CliRun.of("--jsn", "h"), "did you mean --json");
        assertUsage(CliRun.of("host:70000"), "out of range; use 1..65535");
        assertUsage(CliRun.of("--timeout", "5", "h"), "'5' has no unit; write 5s");
        assertUsage(CliRun.of("--timeout", "2h", "h"), "'2h' is over the 1h limit; a limit may be from 1ms to 1h");
        assertUsage(CliRun.of("--concurrency", "0", "h"), "--concurrency 0 is out of range");
        assertUsage(CliRun.of("--concurrency", "many", "h"), "--concurrency");
        assertUsage(CliRun.of("--targets", "/nonexistent/hosts.txt"), "no such file");
        assertUsage(CliRun.withStdin("good\nbad:port\n", "--targets", "-"), "stdin line 2");
        assertUsage(CliRun.withStdin("# nothing\n", "--targets", "-"), "holds no target");
        assertUsage(CliRun.of("--tls-engine", "nosuch", "h"), "nosuch");
        assertUsage(CliRun.of("--no-udp", "--udp-only", "h"), "contradict");
        assertUsage(CliRun.of("explain", "0xZZ"), "0xZZ");
        assertUsage(CliRun.of("explain"), "CODE");
    }

    private static void assertUsage(CliRun run, String fragment) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("rdp-probe").contains(fragment);
        assertThat(run.err().lines()).as("one line: %s", run.err()).hasSize(1);
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void internalErrorsAreOneLineWithExitFour() {
        CommandLine cmd = RdpProbeCommand.commandLine(CliContext.plain(System.in));
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        int code = RdpProbeCommand.internalError(new IllegalStateException("lost a probe"), cmd, null);
        assertThat(code).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err.toString()).startsWith("rdp-probe: internal error: java.lang.IllegalStateException: lost a probe");
        if (System.getenv("RDP_PROBE_DEBUG") == null) {
            assertThat(err.toString().lines()).hasSize(1);
        }
    }

    // ---- help, version, explain

    @Test
    void helpDocumentsEveryExitCodeAndOption() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exit codes:")
                .contains("0   every target is healthy").contains("1   a phase failed").contains("2   usage error")
                .contains("3   a phase timed out").contains("4   internal error");
        for (String option : List.of("--json", "--no-color", "--targets", "--concurrency", "--connect-timeout", "--timeout",
                "--x224-timeout", "--tls-timeout", "--credssp-timeout", "--deadline", "--protocols", "--cookie", "--no-cookie",
                "--tls-engine", "--tls-versions", "--enumerate-tls", "--enumerate-security", "--no-udp", "--udp-only",
                "--udp-attempts", "--no-credssp", "--trust-store", "--trust-store-password", "--dns-server", "demo", "explain")) {
            assertThat(run.out()).contains(option);
        }
        assertThat(CliRun.of("--version").out()).startsWith("rdp-probe ");
    }

    @Test
    void explainTakesHexAndDecimal() {
        CliRun hex = CliRun.of("explain", "0x904", "0x7");
        assertThat(hex.exitCode()).isZero();
        assertThat(hex.out()).contains("0x904");
        CliRun decimal = CliRun.of("explain", "2308", "7");
        assertThat(decimal.exitCode()).isZero();
        assertThat(decimal.out()).isEqualTo(hex.out());
    }
}
