package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.RecordedConnection;
import dev.rdpprobe.testkit.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rdp-probe --rdp-file}, end to end against the fake server on loopback. */
class RdpFileCliTest {

    @TempDir
    Path dir;

    static CliRun run(Path file, String... more) {
        List<String> args = new ArrayList<>(List.of(CommandTest.QUICK));
        args.add("--rdp-file");
        args.add(file.toString());
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aFileThatTurnsNlaOffAgainstAServerThatRequiresItIsTheZeroXb09Case() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.named("nla-required"))) {
            Path file = RdpFiles.write(dir, "Work.rdp", RdpFiles.mstsc(
                    "screen mode id:i:2",
                    "full address:s:127.0.0.1:" + server.port(),
                    "enablecredsspsupport:i:0",
                    "username:s:CORP\\alice",
                    "password 51:b:01000000D08C9DDF0115D1118C7A00C04FC297EB"));

            CliRun run = run(file);

            assertThat(run.exitCode()).isEqualTo(ExitCodes.PHASE_FAILED);
            assertThat(run.out()).contains("Diagnosis: NLA_REQUIRED_BY_SERVER")
                    .contains("Connection file " + file)
                    .contains("not offered (enablecredsspsupport:i:0): requested SSL only")
                    .contains("This file turns NLA off (enablecredsspsupport:i:0); the server requires it")
                    .contains("cookie mstshash=alice")
                    .contains("line 5 holds a saved password")
                    .doesNotContain("D08C9DDF");
            RecordedConnection sent = server.awaitConnections(1, Duration.ofSeconds(5)).get(0);
            assertThat(sent.cookie()).contains("alice");
            assertThat(sent.requestedProtocols()).containsExactly(SecurityProtocol.SSL);
        }
    }

    @Test
    void explicitOptionsWinOverTheFile() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.named("nla-required"))) {
            Path file = RdpFiles.write(dir, "Work.rdp", RdpFiles.mstsc(
                    "full address:s:127.0.0.1:" + server.port(), "enablecredsspsupport:i:0", "username:s:alice"));

            CliRun run = run(file, "--protocols", "ssl,hybrid", "--cookie", "bob");

            assertThat(run.out()).contains("the file turns it off (enablecredsspsupport:i:0), but --protocols chose what was requested")
                    .contains("--cookie/--no-cookie chose the cookie")
                    .doesNotContain("This file turns NLA off");
            RecordedConnection sent = server.awaitConnections(1, Duration.ofSeconds(5)).get(0);
            assertThat(sent.cookie()).contains("bob");
            assertThat(sent.requestedProtocols()).containsExactlyInAnyOrder(SecurityProtocol.SSL, SecurityProtocol.HYBRID);
        }
    }

    @Test
    void theAuthenticationLevelIsReadBesideACertificateProblemAndTheGatewayIsReported() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy())) {
            Path file = RdpFiles.write(dir, "Work.rdp", RdpFiles.mstsc(
                    "full address:s:127.0.0.1",
                    "server port:i:" + server.port(),
                    "authentication level:i:1",
                    "gatewayhostname:s:gw.example.com",
                    "gatewayusagemethod:i:1",
                    "alternate full address:s:rds-alt.example.com"));

            CliRun run = run(file);

            assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).contains("→ probed 127.0.0.1:" + server.port())
                    .contains("authentication level:i:1: if server authentication fails, do not connect")
                    .contains("authentication level 1: this client does not connect to this server")
                    .contains("gw.example.com (gatewayusagemethod:i:1: always used); the probe went direct")
                    .contains("This file connects through the RD Gateway gw.example.com; the probe went directly to")
                    .contains("alternate full address:s:rds-alt.example.com; the probe went to the full address");
        }
    }

    @Test
    void withJsonTheFileSectionGoesToStderrAndStdoutStaysTheContract() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.named("nla-required"))) {
            Path file = RdpFiles.write(dir, "Work.rdp", RdpFiles.mstsc("full address:s:127.0.0.1:" + server.port(), "enablecredsspsupport:i:0"));

            CliRun run = run(file, "--json");

            assertThat(run.out().strip()).startsWith("{").endsWith("}").doesNotContain("\n").doesNotContain("Connection file");
            assertThat(run.err()).contains("This file turns NLA off (enablecredsspsupport:i:0)");
        }
    }

    @Test
    void textFromTheFileIsEscapedOnTheTerminal() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.named("nla-required"))) {
            Path file = RdpFiles.write(dir, "Work.rdp", RdpFiles.mstsc("full address:s:127.0.0.1:" + server.port(),
                    "gatewayhostname:s:gw\u001b[2J\u202e.example", "alternate full address:s:x\u0007y"));

            CliRun run = run(file);

            assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("\u0007")
                    .contains("gw\\x1b[2J\\u202e.example").contains("x\\x07y");
        }
    }

    @Test
    void mistakesInTheFileAreUsageErrorsNamingTheLine() {
        Path file = RdpFiles.write(dir, "Bad.rdp", RdpFiles.mstsc("full address:s:h", "desktopwidth:i:wide"));
        CliRun run = run(file);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("rdp-probe: --rdp-file " + file + " line 2 'desktopwidth:i:wide' has no integer").endsWith("--help" + System.lineSeparator());
        assertThat(run.out()).isEmpty();

        CliRun missing = run(dir.resolve("none.rdp"));
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("none.rdp: no such file");

        CliRun withTarget = CliRun.of("--rdp-file", file.toString(), "127.0.0.1");
        assertThat(withTarget.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(withTarget.err()).contains("--rdp-file names its own target");
    }

    @Test
    void helpDocumentsTheOption() {
        assertThat(CliRun.of("--help").out()).contains("--rdp-file=FILE").contains("rdp-probe --rdp-file Work.rdp");
    }
}
