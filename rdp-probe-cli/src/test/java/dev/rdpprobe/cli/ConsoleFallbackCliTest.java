package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The command on a console that cannot show UTF-8 (a Windows console in code page 437, a C locale): its
 * text arrives with the ASCII forms of its symbols, not {@code ?}, and its JSON lines read back exactly.
 */
class ConsoleFallbackCliTest {

    @Test
    void explainOnACodePage437ConsoleShowsAsciiArrowsAndNoQuestionMarks() {
        String out = run(Charset.forName("IBM437"), "explain", "0x904", "0x7");
        assertThat(out).contains("Windows client error 0x904 / 0x7").contains(" -> ").doesNotContain("?").doesNotContain("→");
    }

    @Test
    void helpInUsAsciiIsPlainAscii() {
        String out = run(StandardCharsets.US_ASCII, "--help");
        assertThat(out).contains("Usage: rdp-probe").matches("(?s)\\p{ASCII}*");
        assertThat(questionMarks(out)).as("no character became '?': as many as the UTF-8 help has (GET /probe?target=...)")
                .isEqualTo(questionMarks(run(StandardCharsets.UTF_8, "--help")));
    }

    @Test
    void jsonLinesOnAnAsciiStdoutAreAsciiAndReadBackExactly() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Dstdout.encoding=US-ASCII", "-Dstderr.encoding=US-ASCII",
                "-cp", System.getProperty("java.class.path"), RdpProbeCommand.class.getName(),
                "127.0.0.1:" + closed, "--json", "--no-udp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out;
        try {
            child.getOutputStream().close();
            out = child.getInputStream().readAllBytes();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        String line = new String(out, StandardCharsets.US_ASCII).strip();
        for (byte b : out) {
            assertThat(b & 0xFF).as("every byte is ASCII").isLessThan(0x80);
        }
        assertThat(line).doesNotContain("?").contains("\\u2192");
        JsonNode outcome = new ObjectMapper().readTree(line);
        assertThat(outcome.toString()).as("the escapes read back as the arrows").contains("→");
    }

    private static long questionMarks(String text) {
        return text.chars().filter(c -> c == '?').count();
    }

    /** One in-process run writing to stdout and stderr in {@code charset}, as main wires them; stdout decoded. */
    private static String run(Charset charset, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RdpProbeCommand.forConsole(RdpProbeCommand.commandLine(CliContext.plain(new ByteArrayInputStream(new byte[0]))),
                out, charset, err, charset).execute(args);
        assertThat(code).as("exit code; stderr: %s", err.toString(charset)).isZero();
        return out.toString(charset);
    }
}
