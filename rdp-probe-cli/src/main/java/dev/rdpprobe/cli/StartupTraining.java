package dev.rdpprobe.cli;

import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.udp.FakeUdpResponder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import picocli.CommandLine;

/**
 * The training run behind the launcher's class-data archive ({@code bin/rdp-probe} runs it once per jar
 * and JDK under {@code -XX:ArchiveClassesAtExit}, or {@code -XX:AOTCacheOutput} on JDK 25+): it runs
 * the command in this one JVM the ways a person does — {@code --help}, {@code --version},
 * {@code explain}, a usage error, and probes through CredSSP of a healthy fake server on an ephemeral
 * loopback port (JSON lines from a targets file, a readable report with the UDP probe), and the start and stop of
 * {@code serve} — so that the
 * classes every later run needs are in the archive whatever the first real command was. Everything it
 * prints goes nowhere; it talks only to 127.0.0.1.
 *
 * <pre>
 * java -XX:ArchiveClassesAtExit=rdp-probe.jsa -cp rdp-probe-cli-all.jar dev.rdpprobe.cli.StartupTraining
 * </pre>
 */
final class StartupTraining {

    /** Targets in the training's targets file: enough that every probe code path runs many times. */
    private static final int TARGETS = 48;

    private StartupTraining() {
    }

    /** Runs the training; exits 0 when every command gave the exit code it should, 1 otherwise. */
    public static void main(String[] args) throws IOException {
        List<String> failures = train();
        if (!failures.isEmpty()) {
            System.err.println("rdp-probe training: unexpected exit codes: " + String.join("; ", failures));
        }
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /**
     * Runs every training command in this JVM.
     *
     * @return one line per command that did not give the exit code it should (none when all is well)
     */
    static List<String> train() throws IOException {
        List<String> failures = new ArrayList<>();
        CliContext.detect();
        run(failures, ExitCodes.OK, "--help");
        run(failures, ExitCodes.OK, "--version");
        run(failures, ExitCodes.OK, "explain", "0x904", "0x7");
        run(failures, ExitCodes.OK, "demo", "--help");
        run(failures, ExitCodes.USAGE, "--no-such-option");
        Path targets = Files.createTempFile("rdp-probe-training", ".txt");
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy()).withUdp(FakeUdpResponder.builder().answering())) {
            String target = server.target().toString();
            Files.write(targets, Collections.nCopies(TARGETS, target), StandardCharsets.UTF_8);
            run(failures, ExitCodes.OK, "--json", "--no-udp", "--targets", targets.toString());
            run(failures, ExitCodes.OK, "--json", target);
            run(failures, ExitCodes.OK, target);
            run(failures, ExitCodes.OK, "--no-udp", target, target);
        } finally {
            Files.deleteIfExists(targets);
        }
        // the exporter's start: its configuration, HTTP server and probers (stdin is empty, so it stops at once)
        Path config = Files.createTempFile("rdp-probe-training", ".yml");
        try {
            Files.writeString(config, "modules:\n  rdp: {}\n", StandardCharsets.UTF_8);
            run(failures, ExitCodes.OK, "serve", "--until-stdin-closes", "--config", config.toString(), "--listen", "127.0.0.1:0");
        } finally {
            Files.deleteIfExists(config);
        }
        return failures;
    }

    private static void run(List<String> failures, int expected, String... args) {
        CliContext context = CliContext.plain(new ByteArrayInputStream(new byte[0]));
        CommandLine cmd = RdpProbeCommand.commandLine(context);
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        cmd.setOut(nowhere);
        cmd.setErr(nowhere);
        int exit = cmd.execute(args);
        if (exit != expected) {
            failures.add(String.join(" ", args) + " exited " + exit + ", not " + expected);
        }
    }
}
