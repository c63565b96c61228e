package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the environment rules ANSI colour out: NO_COLOR, TERM=dumb, a Windows console without ANSI. */
class ConsoleColourTest {

    @Test
    void noColorRulesColourOutWhenSetToAnythingButEmpty() {
        assertThat(CliContext.colourRuledOut("Linux", Map.of("NO_COLOR", "1"))).isTrue();
        assertThat(CliContext.colourRuledOut("Linux", Map.of("NO_COLOR", ""))).isFalse();
        assertThat(CliContext.colourRuledOut("Windows 11", Map.of("NO_COLOR", "1", "WT_SESSION", "x"))).isTrue();
    }

    @Test
    void aDumbTerminalGetsNoColour() {
        assertThat(CliContext.colourRuledOut("Linux", Map.of("TERM", "dumb"))).isTrue();
        assertThat(CliContext.colourRuledOut("Linux", Map.of("TERM", "xterm-256color"))).isFalse();
        assertThat(CliContext.colourRuledOut("Mac OS X", Map.of())).isFalse();
    }

    @Test
    void aClassicWindowsConsoleGetsNoAnsiAndAnAnsiOneDoes() {
        assertThat(CliContext.colourRuledOut("Windows 10", Map.of())).as("cmd.exe or PowerShell in conhost").isTrue();
        assertThat(CliContext.colourRuledOut("Windows Server 2022", Map.of("PROMPT", "$P$G"))).isTrue();
        assertThat(CliContext.colourRuledOut("Windows 11", Map.of("WT_SESSION", "f00"))).as("Windows Terminal").isFalse();
        assertThat(CliContext.colourRuledOut("Windows 10", Map.of("ConEmuANSI", "ON"))).isFalse();
        assertThat(CliContext.colourRuledOut("Windows 10", Map.of("ConEmuANSI", "OFF"))).isTrue();
        assertThat(CliContext.colourRuledOut("Windows 10", Map.of("ANSICON", "120x50"))).isFalse();
        assertThat(CliContext.colourRuledOut("Windows 10", Map.of("TERM", "xterm"))).as("mintty, MSYS2, Cygwin").isFalse();
        assertThat(CliContext.colourRuledOut("Windows 10", Map.of("TERM_PROGRAM", "vscode"))).isFalse();
    }

    @Test
    void colourNeedsATerminalAndNoRuleAgainstIt() {
        OutputOptions options = new OutputOptions();
        java.io.InputStream none = java.io.InputStream.nullInputStream();
        assertThat(options.colour(new CliContext(none, true, true, true, false))).isTrue();
        assertThat(options.colour(new CliContext(none, true, true, true, true))).isFalse();
        assertThat(options.colour(new CliContext(none, false, true, true, false))).isFalse();
    }
}
