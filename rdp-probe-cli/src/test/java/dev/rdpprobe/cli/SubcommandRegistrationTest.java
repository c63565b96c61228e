package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line {@code main} builds leaves the subcommands out only when {@code args} cannot reach one, and
 * then parses as the full one does.
 */
class SubcommandRegistrationTest {

    private static CliContext context() {
        return CliContext.plain(new ByteArrayInputStream(new byte[0]));
    }

    @Test
    void theListedNamesAreTheSubcommandsTheFullCommandLineHas() {
        assertThat(RdpProbeCommand.commandLine(context()).getSubcommands().keySet())
                .containsExactlyElementsOf(RdpProbeCommand.SUBCOMMANDS);
    }

    @Test
    void aProbeRunLeavesThemOut() {
        for (String[] args : new String[][] {{"127.0.0.1"}, {"--json", "--no-udp", "--targets", "hosts.txt"},
                {"--timeout", "5s", "host.example", "--user", "LAB\\alice"}, {"-V"}, {"--version"}, {"--help-me"}}) {
            assertThat(RdpProbeCommand.mayNeedSubcommands(args)).as(String.join(" ", args)).isFalse();
            assertThat(RdpProbeCommand.commandLine(context(), args).getSubcommands()).isEmpty();
        }
    }

    @Test
    void anArgumentThatCanNameOneOrAskForHelpKeepsThemAll() {
        for (String[] args : new String[][] {{}, {"demo"}, {"--json", "explain", "0x904"}, {"check", "h"},
                {"fake-server", "--scenario", "healthy"}, {"serve"}, {"--help"}, {"-h"}, {"-Vh"}, {"@more-args.txt"},
                {"127.0.0.1", "--targets", "demo"}}) {
            assertThat(RdpProbeCommand.mayNeedSubcommands(args)).as(String.join(" ", args)).isTrue();
            assertThat(RdpProbeCommand.commandLine(context(), args).getSubcommands().keySet())
                    .containsExactlyElementsOf(RdpProbeCommand.SUBCOMMANDS);
        }
    }

    @Test
    void bothParseAProbeRunAlike() {
        String[] args = {"--json", "--no-udp", "--timeout", "2s", "127.0.0.1:3390", "[::1]:3389"};
        CommandLine.ParseResult lazy = RdpProbeCommand.commandLine(context(), args).parseArgs(args);
        CommandLine.ParseResult full = RdpProbeCommand.commandLine(context()).parseArgs(args);
        assertThat(matched(lazy)).isEqualTo(matched(full)).contains("--timeout=[2s]", "TARGET=[127.0.0.1:3390, [::1]:3389]");
        assertThat(lazy.hasSubcommand()).isFalse();
    }

    private static java.util.List<String> matched(CommandLine.ParseResult parsed) {
        java.util.List<String> all = new java.util.ArrayList<>();
        parsed.matchedOptions().forEach(o -> all.add(o.longestName() + "=" + o.originalStringValues()));
        parsed.matchedPositionals().forEach(p -> all.add(p.paramLabel() + "=" + p.originalStringValues()));
        return all;
    }

    @Test
    void theHelpStillListsTheCommands() {
        String[] args = {"--help"};
        CommandLine cmd = RdpProbeCommand.commandLine(context(), args);
        StringWriter out = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        assertThat(cmd.execute(args)).isZero();
        assertThat(out.toString()).contains("Commands:").contains("fake-server").contains("serve");
    }
}
