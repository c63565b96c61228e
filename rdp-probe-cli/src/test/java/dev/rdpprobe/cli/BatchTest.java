package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.testkit.Scenario;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A thousand loopback targets through one fake server, JSON lines streamed, and a summary. */
class BatchTest {

    static final int TARGETS = 1000;

    @Test
    void aThousandTargets() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP))) {
            StringBuilder file = new StringBuilder("# a thousand times the same fake server\n");
            for (int i = 0; i < TARGETS; i++) {
                file.append(server.target()).append('\n');
            }
            CliRun run = CliRun.withStdin(file.toString(), "--targets", "-", "--json", "--no-udp", "--concurrency", "32");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);

            List<String> lines = run.out().lines().toList();
            assertThat(lines).hasSize(TARGETS);
            ObjectMapper mapper = new ObjectMapper();
            Set<String> verdicts = new HashSet<>();
            for (String line : lines) {
                JsonNode node = mapper.readTree(line);
                verdicts.add(node.get("verdict").asText());
                assertThat(node.get("target").asText()).isEqualTo(server.target().toString());
            }
            assertThat(verdicts).containsExactly("OK");
            assertThat(run.err()).contains("Summary: " + TARGETS + " targets").contains(TARGETS + " OK, 0 FAILED, 0 TIMED_OUT");
            assertThat(run.err().lines().filter(l -> l.strip().matches("[A-Z_]+\\s+" + TARGETS))).hasSize(1);
            assertThat(server.connections()).hasSize(TARGETS);
        }
    }
}
