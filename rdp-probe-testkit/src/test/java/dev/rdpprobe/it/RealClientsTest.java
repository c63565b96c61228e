package dev.rdpprobe.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.testkit.CredSspStep;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.NlaVerification;
import dev.rdpprobe.testkit.NtlmIdentity;
import dev.rdpprobe.testkit.RecordedConnection;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.TlsStep;
import dev.rdpprobe.testkit.tls.TestCertificate;
import dev.rdpprobe.testkit.tls.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real clients against the fake server (Debian's nmap, impacket and xfreerdp, installed by
 * {@code .ci/realservers/install.sh}; loopback only): is it realistic enough that they take it for
 * a Windows RDP host and read exactly what the scenario says, and does its NLA check let a real
 * client's right password through?
 *
 * <p>The fake server listens on port 3389 of a random address of 127.0.0.0/8, not on an ephemeral
 * port: nmap chooses its RDP probes by port (its TerminalServerCookie probe is sent to 3388 and 3389
 * only, and {@code ssl-cert} speaks TLS first on 3389), and impacket's {@code rdp_check} always
 * connects to 3389. A random address of the /8 keeps it clear of anything on 127.0.0.1:3389.
 */
@Tag("realserver")
class RealClientsTest {

    private static final Duration CLIENT_LIMIT = Duration.ofSeconds(60);
    private static final Path RDP_CHECK = Path.of("/usr/share/doc/python3-impacket/examples/rdp_check.py");

    @Test
    void nmapServiceDetectionSaysMsWbtServer() throws Exception {
        try (FakeRdpServer server = on3389(Scenario.healthy())) {
            String out = run("nmap", "-n", "-Pn", "-sV", "-p", "3389", host(server));
            assertThat(out).containsPattern("3389/tcp +open +ms-wbt-server +Microsoft Terminal Services");
        }
    }

    @Test
    void nmapRdpNtlmInfoReadsExactlyTheScenariosIdentity() throws Exception {
        NtlmIdentity id = NtlmIdentity.domainMember("RDS07", "LABCORP", "lab.example.test", 10, 0, 17763);
        try (FakeRdpServer server = on3389(Scenario.healthy().withCredSsp(CredSspStep.challenge(id)))) {
            String out = run("nmap", "-n", "-Pn", "-p", "3389", "--script", "rdp-ntlm-info", host(server));
            assertThat(scriptLines(out, "rdp-ntlm-info")).containsExactly(
                    "Target_Name: LABCORP",
                    "NetBIOS_Domain_Name: LABCORP",
                    "NetBIOS_Computer_Name: RDS07",
                    "DNS_Domain_Name: lab.example.test",
                    "DNS_Computer_Name: rds07.lab.example.test",
                    "DNS_Tree_Name: lab.example.test",
                    "Product_Version: 10.0.17763",
                    "System_Time: " + scriptValue(out, "System_Time"));
        }
    }

    @Test
    void nmapSslCertShowsTheScenariosExpiredCertificateOverTlsWithoutX224() throws Exception {
        TestCertificate expired = TestCertificates.builder().commonName("rdpprobe-fake-expired").dnsNames("rdpprobe-fake-expired")
                .ipAddresses().expired().build();
        try (FakeRdpServer server = on3389(Scenario.healthy().withTls(TlsStep.with(expired)))) {
            String out = run("nmap", "-n", "-Pn", "-p", "3389", "--script", "ssl-cert", host(server));
            assertThat(out).contains("ssl-cert: Subject: commonName=rdpprobe-fake-expired");
            String notAfter = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC)
                    .format(expired.certificate().getNotAfter().toInstant());
            assertThat(out).contains("Not valid after:  " + notAfter);
            assertThat(expired.certificate().getNotAfter().toInstant()).isBefore(Instant.now());
            RecordedConnection c = server.takeConnection(Duration.ofSeconds(10)).orElseThrow();
            assertThat(c.tlsWithoutConnectionRequest()).as("ssl-cert speaks TLS first on 3389, as to Windows").isTrue();
            assertThat(c.tlsCompleted()).isTrue();
        }
    }

    @Test
    void impacketRdpCheckReachesNlaAndOffersCredentials() throws Exception {
        assertThat(RDP_CHECK).as("impacket's example (python3-impacket); run .ci/realservers/install.sh").exists();
        try (FakeRdpServer server = on3389(Scenario.healthy())) {
            Process p = new ProcessBuilder("/usr/bin/python3", RDP_CHECK.toString(), "LAB/alice:not-a-real-password@" + host(server))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                RecordedConnection c = server.awaitConnection(RecordedConnection::credentialsOffered, CLIENT_LIMIT);
                assertThat(c.requestedProtocols()).contains(dev.rdpprobe.core.outcome.SecurityProtocol.HYBRID);
                assertThat(c.tlsCompleted()).isTrue();
                assertThat(c.tsRequestVersion()).isPresent();
                assertThat(c.ntlmNegotiateFlags()).isPresent();
                // rdp_check answered the CHALLENGE with an AUTHENTICATE (and pubKeyAuth) before it had
                // checked anything of the server: it got as far as a client without credentials can
            } finally {
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /**
     * {@code xfreerdp +auth-only} (FreeRDP 2.11) against the fake server that checks the credentials for real. The right
     * password passes the server's check, and xfreerdp accepts the server's pubKeyAuth, sends its TSCredentials
     * ({@code authInfo}: the password itself, delegated) and goes on through MCS, Client Info, licensing, capabilities
     * and finalisation, which the fake server serves: FreeRDP 2 answers +auth-only with success only once the
     * connection is active ({@code rdp_client_connect} waits for CONNECTION_STATE_ACTIVE), so it exits 0. A wrong
     * password gets STATUS_LOGON_FAILURE and a non-zero exit, nothing is delegated and nothing activated.
     */
    @Test
    void xfreerdpAuthOnlyExitsZeroForTheRightPasswordOnlyOnceTheFakeServerServedTheConnectionToActivation() throws Exception {
        try (XvfbDisplay display = XvfbDisplay.start(); FakeRdpServer server = FakeRdpServer.start(Scenario.named("nla-credentials"))) {
            XfreerdpRun right = xfreerdpAuthOnly(display, server, Scenario.DEMO_USER, Scenario.DEMO_PASSWORD);
            RecordedConnection accepted = server.takeConnection(Duration.ofSeconds(10)).orElseThrow();
            NlaVerification v = accepted.nlaVerification().orElseThrow(() -> new AssertionError("no AUTHENTICATE checked: " + right.log()));
            assertThat(v.passes()).as(v.toString()).isTrue();
            assertThat(v.micSent()).as("FreeRDP 2 declares and sends a MIC").isTrue();
            assertThat(v.channelBindingsSent()).as("FreeRDP 2 sends all-zero channel bindings: accepted, as by Windows").isFalse();
            assertThat(right.log()).as("xfreerdp verified the fake server's pubKeyAuth and left NLA")
                    .contains("CONNECTION_STATE_NLA --> CONNECTION_STATE_MCS_CONNECT").doesNotContain("public key echo");
            assertThat(accepted.authInfoReceived()).as("+auth-only sends the TSCredentials before it decides").isTrue();
            assertThat(right.exitCode()).as("the connection became active: " + right.log()).isZero();
            assertThat(right.log()).contains("Authentication only, exit status 0");
            assertThat(accepted.activated()).as(accepted.toString()).isTrue();
            assertThat(accepted.activationError()).isEmpty();
            assertThat(accepted.clientInfo()).as("the Client Info PDU's flags are recorded").isPresent();
            assertThat(accepted.joinedChannels()).contains(1003);

            XfreerdpRun wrong = xfreerdpAuthOnly(display, server, Scenario.DEMO_USER, "not-" + Scenario.DEMO_PASSWORD);
            RecordedConnection refused = server.takeConnection(Duration.ofSeconds(10)).orElseThrow();
            assertThat(wrong.exitCode()).as(wrong.log()).isNotZero();
            assertThat(wrong.log()).contains("STATUS_LOGON_FAILURE");
            assertThat(refused.nlaVerification()).hasValueSatisfying(r -> assertThat(r.responseValid()).isFalse());
            assertThat(refused.authInfoReceived()).isFalse();
            assertThat(refused.activated()).isFalse();
            assertThat(refused.activationPhase()).isEmpty();
        }
    }

    /**
     * A whole {@code xfreerdp} connection (no +auth-only) with the right password under Xvfb: NLA, MCS with the static
     * channels FreeRDP asks for by default, Client Info, licensing, capabilities, finalisation — the fake server records
     * it active and holds the session (nothing is drawn) until the client is stopped.
     */
    @Test
    void aWholeXfreerdpConnectionBecomesActiveAndIsHeld() throws Exception {
        try (XvfbDisplay display = XvfbDisplay.start(); FakeRdpServer server = FakeRdpServer.start(Scenario.named("nla-credentials"))) {
            Path home = Files.createTempDirectory("rdpprobe-xfreerdp");
            Path log = home.resolve("xfreerdp.log");
            ProcessBuilder b = new ProcessBuilder("xfreerdp", "/v:" + host(server) + ":" + server.port(), "/u:" + Scenario.DEMO_USER,
                    "/p:" + Scenario.DEMO_PASSWORD, "/d:LAB", "/cert:ignore").redirectErrorStream(true).redirectOutput(log.toFile());
            b.environment().put("DISPLAY", display.name());
            b.environment().put("HOME", home.toString());
            b.environment().remove("XDG_CONFIG_HOME");
            Process p = b.start();
            try {
                RecordedConnection c = server.awaitConnection(RecordedConnection::activated, CLIENT_LIMIT);
                assertThat(c.activationError()).isEmpty();
                assertThat(c.joinedChannels()).as("its user channel, 1003, the message channel, its static channels").contains(1003)
                        .hasSizeGreaterThan(3);
                assertThat(p.isAlive()).as("the session is held: " + Files.readString(log)).isTrue();
            } finally {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                try (Stream<Path> files = Files.walk(home)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    /** What one {@code xfreerdp +auth-only} run exited with, and its output. */
    private record XfreerdpRun(int exitCode, String log) {
    }

    /** {@code xfreerdp +auth-only} (FreeRDP 2) against the fake server, on {@code display}, its home a temp dir. */
    private static XfreerdpRun xfreerdpAuthOnly(XvfbDisplay display, FakeRdpServer server, String user, String password)
            throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("rdpprobe-xfreerdp");
        Path log = home.resolve("xfreerdp.log");
        try {
            ProcessBuilder b = new ProcessBuilder("xfreerdp", "/v:" + host(server) + ":" + server.port(), "/u:" + user, "/p:" + password,
                    "/d:LAB", "/cert:ignore", "+auth-only", "/log-level:DEBUG").redirectErrorStream(true).redirectOutput(log.toFile());
            b.environment().put("DISPLAY", display.name());
            b.environment().put("HOME", home.toString());
            b.environment().remove("XDG_CONFIG_HOME");
            Process p = b.start();
            if (!p.waitFor(CLIENT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("xfreerdp did not end within " + CLIENT_LIMIT + ": " + Files.readString(log));
            }
            return new XfreerdpRun(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8).replace(password, "(password)"));
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** The fake server on 127.X.Y.Z:3389 for a random X.Y.Z (another address if that one is taken). */
    private static FakeRdpServer on3389(Scenario scenario) throws IOException {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            byte[] ip = {127, (byte) r.nextInt(1, 255), (byte) r.nextInt(0, 256), (byte) r.nextInt(1, 255)};
            try {
                return FakeRdpServer.start(new InetSocketAddress(InetAddress.getByAddress(ip), 3389), scenario);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static String host(FakeRdpServer server) {
        return server.address().getAddress().getHostAddress();
    }

    /** Runs a client to its end (at most {@link #CLIENT_LIMIT}) and answers its stdout and stderr. */
    private static String run(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("rdpprobe-real-client", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(CLIENT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within " + CLIENT_LIMIT + ": " + Files.readString(log));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The "|   KEY: VALUE" lines of one nmap script's output, without the bars. */
    private static List<String> scriptLines(String out, String script) {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("| " + script + ":")) {
                in = true;
                continue;
            }
            if (in && (line.startsWith("|   ") || line.startsWith("|_  "))) {
                lines.add(line.substring(4).strip());
                if (line.startsWith("|_")) {
                    break;
                }
            } else if (in) {
                break;
            }
        }
        return lines;
    }

    private static String scriptValue(String out, String key) {
        for (String line : out.split("\n")) {
            String l = line.length() > 4 ? line.substring(4).strip() : "";
            if (l.startsWith(key + ": ")) {
                return l.substring(key.length() + 2);
            }
        }
        return "(no " + key + ")";
    }
}
