package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.internal.pdu.credssp.TsRequest;
import dev.rdpprobe.core.tls.Md4Provider;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmAuthenticate;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmV2;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredentialVerdict;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.target.Credentials;
import dev.rdpprobe.json.OutcomeJson;
import dev.rdpprobe.testkit.CredSspStep;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.NlaAccount;
import dev.rdpprobe.testkit.RecordedConnection;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.TlsStep;
import dev.rdpprobe.testkit.tls.TestCertificate;
import dev.rdpprobe.testkit.tls.TestCertificates;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * No byte of the password, its NT hash or the NTLMv2 response appears in the logs (every logger at TRACE: this
 * class runs in its own JVM, see the pom), the JSON, the human report, an exception's text or the toString of the
 * options and the outcome — for an accepted, a rejected and a refused-to-send check, through the library and
 * through the CLI. And no probe sends authInfo.
 */
class SecretsStayOutTest {

    static final String PASSWORD = "Tr0ub4dor&3-secret";
    static final TestCertificate CERT = TestCertificates.localhost();
    /** The password's UTF-16LE bytes, as Latin-1 text (so that a byte search is a text search). */
    static final String UTF16_PASSWORD = new String(PASSWORD.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1);

    @TempDir
    Path dir;

    static String sha256(byte[] der) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    static Scenario nla() {
        return Scenario.healthy().withTls(TlsStep.with(CERT)).withCredSsp(CredSspStep.nla(NlaAccount.accepting("alice", PASSWORD)));
    }

    /** Every form in which a secret of this probe could leak: the password, its NT hash, the NTLMv2 response. */
    static List<String> secrets(String password, RecordedConnection connection) {
        List<String> secrets = new ArrayList<>();
        secrets.add(password);
        byte[] ntHash = NtlmV2.ntHash(password.toCharArray(), Md4Provider.installed().orElseThrow()::md4);
        secrets.add(HexFormat.of().formatHex(ntHash));
        secrets.add(Base64.getEncoder().encodeToString(ntHash));
        for (byte[] request : connection.laterTsRequests()) {
            byte[] token = TsRequest.decode(Unpooled.wrappedBuffer(request)).firstNegoToken();
            byte[] nt = NtlmAuthenticate.decode(Unpooled.wrappedBuffer(token)).ntChallengeResponse();
            secrets.add(HexFormat.of().formatHex(nt, 0, 16));
            secrets.add(HexFormat.of().formatHex(nt));
            secrets.add(Base64.getEncoder().encodeToString(nt));
            secrets.add(Base64.getEncoder().encodeToString(token));
        }
        return secrets;
    }

    static void assertFree(String where, String text, List<String> secrets) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String secret : secrets) {
            assertThat(lower).as("%s holds a secret", where).doesNotContain(secret.toLowerCase(Locale.ROOT));
        }
        assertThat(text).as("%s holds the UTF-16LE password", where).doesNotContain(UTF16_PASSWORD);
    }

    record Captured(ConnectionOutcome outcome, RecordedConnection connection, String logs) {
    }

    static Captured probe(ProbeOptions options, Scenario scenario) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(logs, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            try (RdpProber prober = RdpProber.builder().options(options).build(); FakeRdpServer server = FakeRdpServer.start(scenario)) {
                ConnectionOutcome o = prober.probe(server.target()).join();
                RecordedConnection c = server.takeConnection(Duration.ofSeconds(5)).orElseThrow();
                return new Captured(o, c, logs.toString(StandardCharsets.ISO_8859_1));
            }
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void libraryProbesKeepEverySecretOutOfLogsJsonReportsAndStrings() throws Exception {
        // the pom's secrets-with-trace-logging execution runs this class with every logger at TRACE; a -Dtest run of
        // the default execution (INFO) would prove less, so it skips this test instead
        Assumptions.assumeTrue(LoggerFactory.getLogger("dev.rdpprobe").isTraceEnabled(), "needs TRACE logging (see the pom)");
        for (String password : List.of(PASSWORD, "a-wrong-password")) {
            Credentials credentials = Credentials.of("alice", "LAB", password.toCharArray());
            ProbeOptions options = ProbeOptions.builder().udp(false).phaseTimeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(10))
                    .credentials(credentials).trustThumbprint(sha256(CERT.der())).build();
            Captured c = probe(options, nla());
            assertThat(c.outcome().server().credentialCheck().orElseThrow().verdict())
                    .isEqualTo(password.equals(PASSWORD) ? CredentialVerdict.ACCEPTED : CredentialVerdict.REJECTED);
            assertThat(c.logs()).as("the logs ran at TRACE").contains("DEBUG");
            assertThat(c.connection().authInfoReceived()).isFalse();
            List<String> secrets = secrets(password, c.connection());
            assertFree("the logs", c.logs(), secrets);
            assertFree("the JSON", OutcomeJson.toJson(c.outcome()), secrets);
            assertFree("the report", HumanReport.ascii().render(c.outcome(), false), secrets);
            assertFree("the outcome's toString", c.outcome().toString(), secrets);
            assertFree("the options' toString", options.toString() + credentials, secrets);
            Throwable refused = catchThrowable(() -> options.toBuilder().requestedProtocols(SecurityProtocolSet.of(SecurityProtocol.SSL)).build());
            assertThat(refused).hasMessageContaining("credentials");
            assertFree("an exception's text", refused.toString(), secrets);
            credentials.destroy();
        }
    }

    @Test
    void anUnverifiedServerGetsNothingAtAll() throws Exception {
        Credentials credentials = Credentials.of("alice", "", PASSWORD.toCharArray());
        Captured c = probe(ProbeOptions.builder().udp(false).credentials(credentials).build(), nla());
        assertThat(c.outcome().server().credentialCheck().orElseThrow().verdict())
                .isEqualTo(CredentialVerdict.NOT_CHECKED_CERTIFICATE_NOT_VERIFIED);
        assertThat(c.connection().laterTsRequests()).isEmpty();
        for (byte[] plaintext : c.connection().plaintextAfterX224()) {
            assertThat(new String(plaintext, StandardCharsets.ISO_8859_1)).doesNotContain(UTF16_PASSWORD)
                    .doesNotContain(PASSWORD);
        }
        assertFree("the logs", c.logs(), secrets(PASSWORD, c.connection()));
    }

    @Test
    void theCliKeepsThePasswordOfAFileOutOfItsOutput() throws Exception {
        Path file = dir.resolve("password");
        Files.writeString(file, "a-wrong-password\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        try (FakeRdpServer server = FakeRdpServer.start(nla())) {
            for (String json : List.of("--json", "--no-color")) {
                CliRun run = CliRun.of(server.target().toString(), "--no-udp", "--user", "LAB\\alice", "--password-file", file.toString(),
                        "--trust-thumbprint", sha256(CERT.der()).toUpperCase(Locale.ROOT), json);
                RecordedConnection c = server.takeConnection(Duration.ofSeconds(5)).orElseThrow();
                assertThat(c.authInfoReceived()).isFalse();
                assertThat(run.out()).contains(json.equals("--json") ? "\"verdict\":\"REJECTED\"" : "LAB\\alice: REJECTED");
                List<String> secrets = secrets("a-wrong-password", c);
                assertFree("stdout", run.out(), secrets);
                assertFree("stderr", run.err(), secrets);
            }
        }
    }

    /**
     * A client served to activation hands the fake server its password in the clear (inside TLS) in its Client Info
     * PDU: the server records the PDU's flags and nothing of its strings, so no JSON line, admin answer, record or log
     * line (TRACE) holds the password or the user name's bytes.
     */
    @Test
    void theFakeServerKeepsTheClientInfoPasswordOutOfItsRecordsJsonAndLogs() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        RecordedConnection c;
        try (PrintStream capture = new PrintStream(logs, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthyTlsOnly())) {
                TlsActivationClient.activate(server.target().host(), server.target().port(), "mallory-the-user", PASSWORD);
                c = server.takeConnection(Duration.ofSeconds(5)).orElseThrow();
            }
        } finally {
            System.setErr(original);
        }
        assertThat(c.activated()).as(c.toString()).isTrue();
        assertThat(c.clientInfo()).hasValueSatisfying(info -> assertThat(info.autoLogon()).isTrue());
        List<String> secrets = List.of(PASSWORD, "mallory-the-user",
                new String("mallory-the-user".getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1),
                HexFormat.of().formatHex(PASSWORD.getBytes(StandardCharsets.UTF_16LE)));
        String line = FakeServerJsonLines.connection(c);
        assertThat(line).contains("\"activated\":true").contains("\"autoLogon\":true");
        assertFree("the JSON line", line, secrets);
        assertFree("the admin answer", FakeServerJsonLines.admin("tls-only", List.of(c), List.of()), secrets);
        assertFree("the record's toString", c.toString() + c.clientInfo().orElseThrow(), secrets);
        assertFree("the logs", logs.toString(StandardCharsets.ISO_8859_1), secrets);
        for (byte[] kept : c.plaintextAfterX224()) {
            assertFree("the plaintext kept", new String(kept, StandardCharsets.ISO_8859_1), secrets);
        }
    }

    @Test
    void aPasswordFileOthersCanReadIsRefusedWithTheFix() throws Exception {
        Path file = dir.resolve("open-password");
        Files.writeString(file, PASSWORD + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        CliRun run = CliRun.of("127.0.0.1:1", "--user", "alice", "--password-file", file.toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("chmod 600");
        assertFree("stderr", run.err() + run.out(), List.of(PASSWORD));
    }
}
