package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the user gives (arguments, a targets file, stdin) is read strictly and echoed safely: one
 * line on stderr, exit 2, no raw control or invisible character, long echoes cut, and a message
 * that says what to fix.
 */
class UsageInputTest {

    @TempDir
    Path dir;

    /** Exit 2, one line on stderr that starts with "rdp-probe: " and is terminal-safe, nothing on stdout. */
    static String assertUsage(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("rdp-probe: ").endsWith("\n");
        assertThat(run.err().lines()).as("one line: %s", run.err()).hasSize(1);
        String line = run.err().substring(0, run.err().length() - 1);
        line.codePoints().forEach(cp -> assertThat(TerminalText.hidden(cp)).as("U+%04X in %s", cp, line).isFalse());
        assertThat(line.length()).isLessThan(RdpProbeCommand.MAX_MESSAGE + 200);
        return line;
    }

    private static byte[] bytes(String text, byte... tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(tail);
        return out.toByteArray();
    }

    @Test
    void invalidUtf8IsRefusedOnStdinAsInAFile() throws Exception {
        byte[] list = bytes("127.0.0.1\nbad", (byte) 0xC3, (byte) 0x28, (byte) '\n');
        String stdin = assertUsage(CliRun.withStdinBytes(list, "--targets", "-"));
        assertThat(stdin).contains("stdin line 2 is not UTF-8 text; save the list as UTF-8");
        Path file = Files.write(dir.resolve("hosts.txt"), list);
        String fromFile = assertUsage(CliRun.of("--targets", file.toString()));
        assertThat(fromFile).contains(file + " line 2 is not UTF-8 text; save the list as UTF-8");
        assertThat(fromFile.replace(file.toString(), "stdin")).isEqualTo(stdin);
    }

    @Test
    void aByteOrderMarkAtTheStartIsSkippedAndElsewhereShown() throws Exception {
        assertThat(TargetsFile.parse(new java.io.ByteArrayInputStream(bytes("\uFEFFrds01:3390\n")), "stdin"))
                .containsExactly(dev.rdpprobe.core.target.Target.of("rds01", 3390));
        String line = assertUsage(CliRun.withStdinBytes(bytes("\uFEFFrds01\n\uFEFFrds02\n"), "--targets", "-"));
        assertThat(line).contains("stdin line 2").contains("\\ufeffrds02").doesNotContain("line 1");
    }

    @Test
    void rawControlsAndLineBreaksInATargetsLineAreEscapedOnOneLine() {
        String line = assertUsage(CliRun.withStdin("ok\nhost\u001b[2J\u001b]0;x\u0007\n" + "a\u000bb\u000cc\u0085d\u2028e\n", "--targets", "-"));
        // Target.parse trims control characters at the ends (String.trim), so the BEL at the end is gone.
        assertThat(line).contains("stdin line 2: host 'host\\x1b[2J\\x1b]0;x' contains a control character (U+001B); give a host name")
                .contains("stdin line 3: 'a\\x0bb\\x0cc\\x85d\\u2028e' holds a space");
        assertUsage(CliRun.of("bad\r\nverdict: OK"));
        assertThat(assertUsage(CliRun.of("--targets", "x\u001b]0;t\u0007y"))).contains("x\\x1b]0;t\\x07y");
    }

    @Test
    void longEchoesAreCut() {
        String line = assertUsage(CliRun.of("--concurrency", "9".repeat(3000), "h"));
        assertThat(line).contains("'999").contains("…(3002 chars)").contains("is not an int");
        String target = assertUsage(CliRun.of("h".repeat(3000) + ":1"));
        assertThat(target).contains("3000 characters long; a host name has at most 253");
        String lines = assertUsage(CliRun.withStdin(("x".repeat(2000) + ":0\n").repeat(8), "--targets", "-"));
        assertThat(lines).contains("…(").contains("and 3 more bad lines");
    }

    @Test
    void emptyOrMisleadingValuesSayWhatToWrite() {
        assertThat(assertUsage(CliRun.of("--timeout", "2h", "h"))).contains("'2h' is over the 1h limit; a limit may be from 1ms to 1h (3600s)");
        assertThat(assertUsage(CliRun.of("--protocols", "", "h"))).contains("--protocols is empty; name at least one of rdp, ssl, hybrid");
        assertThat(assertUsage(CliRun.of("--cookie", "", "h"))).contains("--cookie is empty").contains("--no-cookie");
        assertThat(assertUsage(CliRun.of("--tls-versions", "", "h"))).contains("--tls-versions is empty");
        assertThat(assertUsage(CliRun.of("--tls-engine", "", "h"))).contains("--tls-engine is empty");
        assertThat(assertUsage(CliRun.of("--targets", ""))).contains("--targets needs a file name, or - to read stdin");
        assertThat(assertUsage(CliRun.of("--targets", dir.toString()))).contains("is a directory");
        assertThat(assertUsage(CliRun.of("--trust-store", dir.toString(), "h"))).contains("is a directory");
    }

    @Test
    void anEndlessLineIsRefusedWithoutReadingItAll() {
        // /dev/zero as a targets list: NUL bytes without a line end. A stream that never ends proves it.
        java.io.InputStream zeros = new java.io.InputStream() {
            @Override
            public int read() {
                return 0;
            }
        };
        CliRun run;
        {
            picocli.CommandLine cmd = RdpProbeCommand.commandLine(CliContext.plain(zeros));
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            cmd.setOut(new java.io.PrintWriter(out, true));
            cmd.setErr(new java.io.PrintWriter(err, true));
            run = new CliRun(cmd.execute("--targets", "-"), out.toString(), err.toString());
        }
        assertThat(assertUsage(run)).contains("stdin line 1 is longer than " + TargetsFile.MAX_LINE_BYTES + " bytes");
    }
}
