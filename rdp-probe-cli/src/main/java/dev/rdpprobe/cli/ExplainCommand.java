package dev.rdpprobe.cli;

import dev.rdpprobe.core.diagnosis.ErrorCodeExplainer;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rdp-probe explain 0x904 0x7}: what a Windows client's error pair means and what to probe next. */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Explain a Windows client error pair such as 0x904 0x7.",
        description = "Explains the pair the Windows client shows as \"Error code: 0x904, Extended error code: 0x7\": "
                + "what each code means, which connection phases can produce it, and what to probe next. "
                + "Codes are hex with 0x (0x904) or decimal (2308).")
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CODE", description = "The error code (disconnect reason), e.g. 0x904.")
    String code;

    @Parameters(index = "1", paramLabel = "EXTENDED", arity = "0..1",
            description = "The extended error code, e.g. 0x7 (default 0x0: no extended information).")
    String extended;

    @Override
    public Integer call() {
        long disconnect;
        long extendedReason;
        try {
            disconnect = ErrorCodeExplainer.parseCode(code);
            extendedReason = extended == null ? 0 : ErrorCodeExplainer.parseCode(extended);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        spec.commandLine().getOut().print(ErrorCodeExplainer.explain(disconnect, extendedReason).toText());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
