package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.testkit.wire.ChallengeSpec;
import dev.rdpprobe.core.internal.pdu.ntlm.FileTime;
import dev.rdpprobe.testkit.CredSspStep;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Servers whose NTLM clock is at the ends of the FILETIME range (1601, the largest signed and the
 * largest unsigned value: some 300 and 58 000 years away), probed in one batch with a healthy
 * server: every target is printed, in JSON and as a report, with its diagnosis.
 */
class HostileClockTest {

    /** FILETIME values a server can send: 0 (1601-01-01), 2^63-1 (year 30828), 2^64-1 (year 60056). */
    static final long[] EXTREME_TICKS = {0L, Long.MAX_VALUE, -1L};

    static final List<FakeRdpServer> servers = new ArrayList<>();
    static FakeRdpServer healthy;

    @BeforeAll
    static void startServers() {
        for (long ticks : EXTREME_TICKS) {
            ChallengeSpec spec = ChallengeSpec.workgroup(CredSspStep.DEFAULT_COMPUTER, 10, 0, 20348, FileTime.toInstant(ticks), new byte[8]);
            servers.add(FakeRdpServer.start(Scenario.healthy().withCredSsp(new CredSspStep.Challenge(spec, Duration.ZERO, false, 6))));
        }
        healthy = FakeRdpServer.start(Scenario.healthy());
    }

    @AfterAll
    static void stopServers() {
        servers.forEach(FakeRdpServer::close);
        healthy.close();
    }

    private static String[] args(String... extra) {
        List<String> args = new ArrayList<>(List.of("--no-udp", "--timeout", "3s"));
        args.addAll(List.of(extra));
        servers.forEach(s -> args.add(s.target().toString()));
        args.add(healthy.target().toString());
        return args.toArray(String[]::new);
    }

    @Test
    void everyTargetIsPrintedAsJsonWithItsDiagnosis() throws Exception {
        CliRun run = CliRun.of(args("--json"));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(EXTREME_TICKS.length + 1);
        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> byTarget = new HashMap<>();
        for (String line : lines) {
            JsonNode node = mapper.readTree(line);
            byTarget.put(node.get("target").asText(), node);
        }
        for (int i = 0; i < EXTREME_TICKS.length; i++) {
            JsonNode node = byTarget.get(servers.get(i).target().toString());
            assertThat(node).as("target %d printed", i).isNotNull();
            assertThat(node.get("verdict").asText()).isEqualTo("OK");
            JsonNode ntlm = node.get("server").get("credssp").get("ntlm");
            assertThat(ntlm.get("serverTime").asText()).isEqualTo(FileTime.toInstant(EXTREME_TICKS[i]).toString());
            assertThat(ntlm.get("clockSkewMs").isNumber()).isTrue();
            assertThat(Math.signum(ntlm.get("clockSkewMs").asDouble())).isEqualTo(i == 0 ? -1.0 : 1.0);
            assertThat(node.get("diagnosis").get("code").asText()).isEqualTo("CLOCK_SKEW");
            assertThat(node.get("findings").toString()).contains("CLOCK_SKEW");
        }
        assertThat(byTarget.get(healthy.target().toString()).get("diagnosis").get("code").asText()).isEqualTo("HEALTHY");
        assertThat(run.err()).contains("Summary: 4 targets").contains("4 OK");
    }

    @Test
    void everyTargetIsPrintedAsAReportWithItsDiagnosis() {
        CliRun run = CliRun.of(args());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).isEmpty();
        for (FakeRdpServer s : servers) {
            assertThat(run.out()).contains(s.target() + "  OK");
        }
        assertThat(run.out()).contains(healthy.target() + "  OK");
        assertThat(run.out().split("Diagnosis: CLOCK_SKEW", -1)).hasSize(EXTREME_TICKS.length + 1);
        assertThat(run.out()).contains("server time      1601-01-01T00:00:00Z").contains("+60056-");
        assertThat(run.out()).contains("Summary: 4 targets");
    }
}
