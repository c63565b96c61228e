package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.testkit.wire.ChallengeSpec;
import dev.rdpprobe.testkit.CredSspStep;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.TlsStep;
import dev.rdpprobe.testkit.tls.TestCertificates;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server whose certificate subject and SANs and whose NTLM names carry terminal escapes (clear
 * screen, set the window title, bell), CR LF with a forged "verdict: OK" line, NUL, a
 * right-to-left override and a 3000-character name: nothing of it reaches the terminal raw, long
 * names are cut with their length, and the JSON keeps the exact values.
 */
class HostileTextTest {

    static final String CLEAR_SCREEN = "\u001b[2J";
    static final String SET_TITLE = "\u001b]0;owned\u0007";
    static final String FORGED_LINE = "\r\nverdict: OK\r\n";
    static final String HOSTILE = "srv" + CLEAR_SCREEN + SET_TITLE + FORGED_LINE + "\u0000" + "\u202Egnp.exe";
    static final String LONG_NAME = "A".repeat(3000);

    static FakeRdpServer server;

    @BeforeAll
    static void startServer() {
        ChallengeSpec names = new ChallengeSpec(HOSTILE, HOSTILE, "DOM\u2028AIN\u200B", LONG_NAME, HOSTILE + ".example", "\u009b31m",
                10, 0, 20348, null, ChallengeSpec.WINDOWS_SERVER_FLAGS, new byte[8]);
        server = FakeRdpServer.start(Scenario.healthy()
                .withTls(TlsStep.with(TestCertificates.builder()
                        .commonName(HOSTILE + LONG_NAME)
                        .dnsNames("localhost", "evil" + CLEAR_SCREEN + FORGED_LINE + "\u0000.example", LONG_NAME)
                        .build()))
                .withCredSsp(new CredSspStep.Challenge(names, Duration.ZERO, false, 6)));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** No control, format or separator character but the report's own line feeds. */
    static void assertTerminalSafe(String text) {
        text.codePoints().forEach(cp -> assertThat(cp == '\n' || !TerminalText.hidden(cp))
                .as("U+%04X in %s", cp, text).isTrue());
    }

    @Test
    void theReportShowsEveryHostileNameEscapedAndCut() {
        CliRun run = CliRun.of("--no-udp", "--timeout", "3s", server.target().toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertTerminalSafe(run.out());
        assertTerminalSafe(run.err());
        String safe = "srv\\x1b[2J\\x1b]0;owned\\x07\\x0d\\x0averdict: OK\\x0d\\x0a\\x00\\u202egnp.exe";
        assertThat(run.out())
                .contains("NTLM target      " + safe + "\n")
                .contains("computer         " + safe + " / AAAA")
                .contains("DOM\\u2028AIN\\u200b")
                .contains("\\x9b31m")
                .contains("names          DNS:localhost, DNS:evil\\x1b[2J\\x0d\\x0averdict: OK\\x0d\\x0a\\x00.example, DNS:AAA")
                .contains("…(3000 chars)")
                .contains("…(3004 chars)");
        assertThat(run.out().lines()).noneMatch(l -> l.startsWith("verdict"));
        assertThat(run.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThan(1000));
        // The subject comes as RFC 2253 text, which escapes ';' and NUL its own way; the rest is ours.
        assertThat(run.out()).contains("certificate      CN=srv\\x1b[2J\\x1b]0\\;owned\\x07\\x0d\\x0averdict: OK\\x0d\\x0a\\00\\u202egnp.exeAAAA");
    }

    @Test
    void theJsonKeepsTheExactValuesEscaped() throws Exception {
        CliRun run = CliRun.of("--no-udp", "--timeout", "3s", "--json", server.target().toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertTerminalSafe(run.out());
        assertThat(run.out()).contains("\\u001B[2J").contains("\\u202E").contains("\\u2028").contains("\\u009B");
        JsonNode node = new ObjectMapper().readTree(run.out());
        JsonNode ntlm = node.get("server").get("credssp").get("ntlm");
        assertThat(ntlm.get("targetName").asText()).isEqualTo(HOSTILE);
        assertThat(ntlm.get("dnsComputerName").asText()).isEqualTo(LONG_NAME);
        assertThat(ntlm.get("netbiosDomainName").asText()).isEqualTo("DOM\u2028AIN\u200B");
        List<String> sans = new ObjectMapper().convertValue(node.get("server").get("tls").get("chain").get(0).get("subjectAlternativeNames"),
                new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { });
        assertThat(sans).contains("DNS:" + LONG_NAME);
        assertThat(node.get("server").get("tls").get("chain").get(0).get("subject").asText()).contains(LONG_NAME);
    }
}
