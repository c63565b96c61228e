package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.json.OutcomeJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void demoPrintsEveryScenarioWithItsTitleAndReport() {
        long start = System.nanoTime();
        CliRun run = CliRun.of("demo");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<DemoScenario> scenarios = DemoScenarios.all();
        int at = -1;
        for (int i = 0; i < scenarios.size(); i++) {
            String title = "== " + (i + 1) + "/" + scenarios.size() + "  " + scenarios.get(i).title();
            int found = run.out().indexOf(title);
            assertThat(found).as(title).isGreaterThan(at);
            at = found;
        }
        assertThat(run.out()).contains("OK  (")
                .contains("FAILED at TCP_CONNECT")
                .contains("TIMED_OUT at X224_NEGOTIATION")
                .contains("HYBRID_REQUIRED_BY_SERVER")
                .contains("SSH banner")
                .contains("the server closed the connection before sending anything");
        assertThat(run.out()).doesNotContain("\u001b[");
    }

    @Test
    void demoInJsonIsOneLinePerScenario() throws Exception {
        CliRun run = CliRun.of("demo", "--json");
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(DemoScenarios.all().size());
        ObjectMapper mapper = new ObjectMapper();
        assertThat(lines.stream().map(l -> {
            try {
                return mapper.readTree(l).get("verdict").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        })).containsExactly("OK", "FAILED", "TIMED_OUT", "FAILED", "OK", "OK", "FAILED", "FAILED", "OK", "OK", "OK", "OK", "FAILED",
                "FAILED");
        for (String line : lines) {
            assertThat(OutcomeJson.toJson(OutcomeJson.read(line))).as("write, read, write of a demo outcome").isEqualTo(line);
        }
    }
}
