package dev.rdpprobe.testkit.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.pdu.x224.SecurityProtocols;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch that runs out of file descriptors, for real: a child JVM under {@code ulimit -n 64} probes a fake
 * server 200 times with 100 probes in flight (each wants a TCP and a UDP socket), {@link ExhaustionProbeMain}.
 * Every target gets an outcome, the batch finishes, the probes that got no socket say so
 * (diagnosis OUT_OF_FILE_DESCRIPTORS), and nothing is logged: before, close() on channels that were
 * never registered threw inside completion listeners, futures were lost and the batch hung, with a stack trace
 * per probe.
 */
class FileDescriptorExhaustionTest {

    static final int PROBES = 200;
    static final int IN_FLIGHT = 100;
    static final int OPEN_FILE_LIMIT = 64;
    /** The diagnosis of a probe without a socket, and of one that got its sockets from this server. */
    static final String NO_FDS = "OUT_OF_FILE_DESCRIPTORS";
    static final String HEALTHY = "STANDARD_RDP_SECURITY_ONLY";

    @Test
    void aBatchBeyondTheOpenFileLimitGivesEveryTargetAnOutcome(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for ulimit");
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "a Linux-like system");
        String classPath = ClassPathJars.of(dir);
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocols.RDP))) {
            Process child = new ProcessBuilder("/bin/bash", "-c", "ulimit -n " + OPEN_FILE_LIMIT + " && exec \"$0\" \"$@\"",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", classPath,
                    ExhaustionProbeMain.class.getName(), server.target().host(), Integer.toString(server.port()),
                    Integer.toString(PROBES), Integer.toString(IN_FLIGHT))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean finished = child.waitFor(180, TimeUnit.SECONDS);
            if (!finished) {
                child.destroyForcibly();
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            String errors = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(finished).as("the batch finished; got %s lines; stderr:%n%s", lines.size(), errors).isTrue();
            assertThat(child.exitValue()).as("exit; stderr:%n%s", errors).isZero();

            List<String> outcomes = lines.stream().filter(l -> l.startsWith("OUTCOME ")).toList();
            assertThat(outcomes).as("one outcome per target").hasSize(PROBES);
            assertThat(lines).contains("DONE " + PROBES);
            assertThat(outcomes).as("the limit was reached")
                    .anyMatch(l -> l.startsWith("OUTCOME " + NO_FDS + " " + NO_FDS));
            assertThat(outcomes).as("and some probes got their sockets")
                    .anyMatch(l -> l.equals("OUTCOME " + HEALTHY + " OK UDP_PORT_CLOSED"));
            assertThat(outcomes).as("each is healthy or out of descriptors, never an internal error or a stray failure")
                    .allMatch(l -> l.startsWith("OUTCOME " + NO_FDS + " ")
                            || l.startsWith("OUTCOME " + HEALTHY + " OK "));
            assertThat(errors).as("no stack traces, no warnings").doesNotContain("Exception", "WARN", "\tat ");
        }
    }
}
