package dev.rdpprobe.testkit.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.testkit.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        LowFileLimitJvm.assumeAvailable();
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP))) {
            LowFileLimitJvm.Result child = LowFileLimitJvm.run(dir, OPEN_FILE_LIMIT, Duration.ofSeconds(180), ExhaustionProbeMain.class,
                    List.of(server.target().host(), Integer.toString(server.port()), Integer.toString(PROBES), Integer.toString(IN_FLIGHT)));
            List<String> lines = child.lines();
            String errors = child.errors();
            assertThat(child.finished()).as("the batch finished; got %s lines; stderr:%n%s", lines.size(), errors).isTrue();
            assertThat(child.exitValue()).as("exit; stderr:%n%s", errors).isZero();

            List<String> outcomes = child.linesStartingWith("OUTCOME ");
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
