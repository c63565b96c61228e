package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.testkit.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command under a low open-file limit, for real: a child JVM under {@code ulimit -n 96} probes a fake server
 * 200 times (its class path packed into jars, as the command's one jar is deployed). The default concurrency is
 * lowered to fit and the command says so; an explicit one far above the limit is kept with a warning, and the
 * batch still prints every outcome. Before, such a batch hung after most results, or ended with an uncaught
 * Error and no result at all.
 */
class FileDescriptorLimitCliTest {

    static final int TARGETS = 200;
    static final int OPEN_FILE_LIMIT = 96;

    @TempDir
    Path dir;

    String classPath;

    @BeforeEach
    void packClassPath() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for ulimit");
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "a Linux-like system");
        classPath = ClassPathJars.of(dir);
    }

    record Run(int exitCode, List<String> out, String err) {
    }

    Run run(FakeRdpServer server, String... options) throws Exception {
        Path targets = dir.resolve("targets.txt");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < TARGETS; i++) {
            lines.add(server.target().toString());
        }
        Files.write(targets, lines, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", "ulimit -n " + OPEN_FILE_LIMIT + " && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", classPath,
                RdpProbeCommand.class.getName(), "--targets", targets.toString(), "--json", "--timeout", "5s"));
        command.addAll(List.of(options));
        Path out = dir.resolve("out.jsonl");
        Path err = dir.resolve("err.txt");
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = child.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        List<String> printed = Files.readAllLines(out, StandardCharsets.UTF_8);
        String errors = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(finished).as("the batch finished; %s lines printed; stderr:%n%s", printed.size(), errors).isTrue();
        return new Run(child.exitValue(), printed, errors);
    }

    @Test
    void theDefaultConcurrencyIsLoweredToTheLimitAndEveryTargetIsProbed() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP))) {
            Run run = run(server);
            assertThat(run.err()).contains("--concurrency lowered from its default 32 to", "ulimit -n", "is " + OPEN_FILE_LIMIT);
            assertThat(run.out()).as("stderr:%n%s", run.err()).hasSize(TARGETS);
            ObjectMapper mapper = new ObjectMapper();
            for (String line : run.out()) {
                assertThat(mapper.readTree(line).get("verdict").asText()).as(line).isEqualTo("OK");
            }
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.err()).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void anExplicitConcurrencyBeyondTheLimitIsWarnedAboutAndTheBatchStillCompletes() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP))) {
            Run run = run(server, "--concurrency", Integer.toString(RdpProbeCommand.MAX_CONCURRENCY));
            assertThat(run.err()).contains("warning: --concurrency " + RdpProbeCommand.MAX_CONCURRENCY, "lower --concurrency or raise ulimit -n");
            assertThat(run.out()).as("every target printed; stderr:%n%s", run.err()).hasSize(TARGETS);
            ObjectMapper mapper = new ObjectMapper();
            int outOfDescriptors = 0;
            for (String line : run.out()) {
                JsonNode o = mapper.readTree(line);
                if ("OUT_OF_FILE_DESCRIPTORS".equals(o.get("diagnosis").get("code").asText())) {
                    outOfDescriptors++;
                } else {
                    assertThat(o.get("verdict").asText()).as(line).isEqualTo("OK");
                }
            }
            assertThat(outOfDescriptors).as("the limit was reached").isPositive();
            assertThat(run.exitCode()).as(run.err()).isIn(ExitCodes.OK, ExitCodes.PHASE_FAILED);
            assertThat(run.err()).doesNotContain("Exception", "\tat ");
        }
    }
}
