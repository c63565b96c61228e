package dev.rdpprobe.cli;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.target.Credentials;
import dev.rdpprobe.core.target.Target;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code rdp-probe} command: probes one or many RDP targets and prints a readable report or JSON
 * lines. Subcommands: {@code demo}, {@code explain}, {@code check} (a monitoring-plugins check),
 * {@code fake-server} (a deliberately broken RDP server for other tools' tests) and {@code serve} (the
 * Prometheus exporter).
 */
@Command(name = "rdp-probe",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        headerHeading = "",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        parameterListHeading = "%nTargets:%n",
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands:%n",
        description = "Walks the client side of the RDP connection sequence (DNS, TCP, X.224, TLS, CredSSP, MCS Connect, UDP) "
                + "and reports which phase failed or timed out, what the server revealed, and what to do about it. "
                + "Sends no credentials unless --user asks for a credential check, and never delegates them.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every target is healthy (verdict OK)",
            "1:a phase failed (several targets: at least one failed, none timed out)",
            "2:usage error: bad option, target, targets file or .rdp file; the message says what to fix",
            "3:a phase timed out (several targets: at least one timed out)",
            "4:internal error (a bug in rdp-probe; several targets: rdp-probe failed on at least one, which is printed as an internal error, "
                    + "and every other target is still printed; RDP_PROBE_DEBUG=1 shows the stack trace)"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  rdp-probe rds01.example.com",
            "  rdp-probe 10.0.0.5:3390 [2001:db8::5]:3389 --json",
            "  rdp-probe --targets hosts.txt --concurrency 64 --json > results.jsonl",
            "  rdp-probe --rdp-file Work.rdp",
            "  rdp-probe demo",
            "  rdp-probe explain 0x904 0x7"
        })
public final class RdpProbeCommand implements Callable<Integer> {

    /** The most probes in flight at once that {@code --concurrency} accepts. */
    static final int MAX_CONCURRENCY = 4096;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TARGET", arity = "0..*",
            description = "HOST, HOST:PORT, an IPv6 address, or [IPv6]:PORT (port 3389 by default). Several may be given.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--targets", paramLabel = "FILE", order = 3,
            description = "Read targets from FILE ('-' for stdin): one a line, '#' starts a comment, blank lines are ignored.")
    String targetsFile;

    @Option(names = "--rdp-file", paramLabel = "FILE", order = 5,
            description = "Probe as a Remote Desktop connection file (.rdp, as mstsc saves it) would connect: its full address and server port, "
                    + "enablecredsspsupport (0: no NLA offered), username (the mstshash cookie); the report names the file's settings that "
                    + "explain the result (authentication level, gateway, alternate address). Options given here win over the file; "
                    + "no TARGET or --targets with it. A saved password is never read.")
    Path rdpFile;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "32", order = 4,
            description = "Probes in flight at once (default ${DEFAULT-VALUE}, lowered to what the open-file limit, ulimit -n, allows).")
    int concurrency;

    @Mixin
    OutputOptions output;

    @Mixin
    ProbeSettings probe;

    @Mixin
    CredentialOptions credentialOptions;

    private final CliContext context;

    RdpProbeCommand(CliContext context) {
        this.context = context;
    }

    /** Runs the command and exits with its exit code. */
    public static void main(String[] args) {
        StartupWarmUp.startFor(args);
        System.exit(forConsole(commandLine(CliContext.detect(), args), System.out, CliContext.stdoutCharset(),
                System.err, CliContext.stderrCharset()).execute(args));
    }

    /**
     * {@code cmd} writing to {@code stdout} and {@code stderr} in their charsets; through a {@link
     * ConsoleWriter} for a charset that is not a UTF (a Windows console's code page, a C locale), so that
     * the report's symbols arrive as ASCII instead of {@code ?}.
     */
    static CommandLine forConsole(CommandLine cmd, OutputStream stdout, Charset stdoutCharset, OutputStream stderr, Charset stderrCharset) {
        cmd.setOut(consoleWriter(stdout, stdoutCharset));
        cmd.setErr(consoleWriter(stderr, stderrCharset));
        return cmd;
    }

    private static PrintWriter consoleWriter(OutputStream stream, Charset charset) {
        Writer encoded = new BufferedWriter(new OutputStreamWriter(stream, charset));
        return new PrintWriter(ConsoleText.showsEverything(charset) ? encoded : new ConsoleWriter(encoded, charset), true);
    }

    /**
     * The command line, ready to {@link CommandLine#execute execute}, with its subcommands and the
     * error handlers that turn mistakes into one-line messages and exit codes.
     */
    public static CommandLine commandLine(CliContext context) {
        return commandLine(context, true);
    }

    /** The subcommands' names, in the order the help lists them. */
    static final List<String> SUBCOMMANDS = List.of("demo", "explain", "check", "fake-server", "serve");

    /**
     * The command line for {@code args}: {@link #commandLine(CliContext)} without the subcommands when no
     * argument can name one or ask for the help that lists them (picocli builds each registered subcommand's
     * model up front, some 10 ms of a cold start that a probe run does not use). Both parse {@code args} alike:
     * picocli takes an argument for a subcommand only when it is the subcommand's exact name, which is then
     * among {@code args} (or in an {@code @file} they name).
     */
    static CommandLine commandLine(CliContext context, String[] args) {
        return commandLine(context, mayNeedSubcommands(args));
    }

    /** Whether {@code args} may name a subcommand or ask for the help: a name, -h/--help (also clustered), an @file, or nothing. */
    static boolean mayNeedSubcommands(String[] args) {
        if (args.length == 0) {
            return true;
        }
        for (String a : args) {
            if (SUBCOMMANDS.contains(a) || a.startsWith("@") || a.equals("--help")
                    || (a.startsWith("-") && !a.startsWith("--") && a.indexOf('h') > 0)) {
                return true;
            }
        }
        return false;
    }

    private static CommandLine commandLine(CliContext context, boolean withSubcommands) {
        CommandLine cmd = new CommandLine(new RdpProbeCommand(context));
        if (withSubcommands) {
            for (String name : SUBCOMMANDS) {
                cmd.addSubcommand(name, subcommand(name, context));
            }
        }
        cmd.setParameterExceptionHandler(CheckCommand.usageErrorsAsUnknown(RdpProbeCommand::usageError));
        cmd.setExecutionExceptionHandler(RdpProbeCommand::internalError);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }

    private static Object subcommand(String name, CliContext context) {
        return switch (name) {
            case "demo" -> new DemoCommand(context);
            case "explain" -> new ExplainCommand();
            case "check" -> new CheckCommand();
            case "fake-server" -> new FakeServerCommand(context);
            case "serve" -> new ServeCommand(context);
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    @Override
    public Integer call() throws Exception {
        RdpFileClient fileClient = null;
        if (rdpFile != null) {
            if (!targets.isEmpty() || targetsFile != null) {
                throw usage("--rdp-file names its own target (full address); give no TARGET or --targets with it");
            }
            try {
                fileClient = RdpFileClient.of(RdpFile.read(rdpFile, rdpFile.toString()));
            } catch (IllegalArgumentException e) {
                throw usage("--rdp-file " + e.getMessage());
            }
        }
        List<Target> all = new ArrayList<>();
        if (fileClient != null) {
            all.add(fileClient.target());
        }
        for (String t : targets) {
            try {
                all.add(Target.parse(t));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        if (targetsFile != null) {
            all.addAll(readTargetsFile());
        }
        if (all.isEmpty()) {
            throw usage(targetsFile != null
                    ? "--targets " + targetsFile + " holds no target; write one HOST[:PORT] a line"
                    : "no target given; write rdp-probe HOST[:PORT], use --targets FILE, or try rdp-probe demo");
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw usage("--concurrency " + concurrency + " is out of range; use 1.." + MAX_CONCURRENCY);
        }
        RdpProber prober;
        boolean protocolsGiven = probe.protocols != null;
        boolean cookieGiven = probe.cookie != null || probe.noCookie;
        Credentials credentials = null;
        try {
            RdpProber.Builder builder = probe.builder();
            if (fileClient != null) {
                fileClient.applyTo(builder, protocolsGiven, cookieGiven);
            }
            credentials = credentialOptions.credentials(System::getenv, System.console());
            if (credentials != null) {
                credentialOptions.applyTo(builder, credentials);
            }
            prober = builder.build();
        } catch (IllegalArgumentException e) {
            if (credentials != null) {
                credentials.destroy();
            }
            throw usage(e.getMessage());
        }
        try (prober; CredentialsLifetime ignored = new CredentialsLifetime(credentials)) {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            FileDescriptorBudget.Choice inFlight = FileDescriptorBudget.ofThisProcess().choose(concurrency,
                    spec.commandLine().getParseResult().hasMatchedOption("--concurrency"), all.size(),
                    FileDescriptorBudget.socketsPerProbe(prober.options()));
            if (inFlight.message() != null) {
                err.println(inFlight.message());
                err.flush();
            }
            BatchRunner runner = new BatchRunner(out, err, output.json, output.colour(context), context.stderrIsTerminal(), context.unicode());
            if (fileClient != null) {
                RdpFileReport section = new RdpFileReport(fileClient, protocolsGiven, cookieGiven);
                runner.appendix(section::render);
            }
            return runner.run(prober, all, inFlight.concurrency());
        }
    }

    /** Destroys the credentials when the probes are done, however they end. */
    private record CredentialsLifetime(Credentials credentials) implements AutoCloseable {
        @Override
        public void close() {
            if (credentials != null) {
                credentials.destroy();
            }
        }
    }

    /** Reads {@code --targets}: a file, or stdin for "-", through the same strict UTF-8 reading. */
    private List<Target> readTargetsFile() {
        boolean stdin = targetsFile.equals("-");
        if (targetsFile.isBlank()) {
            throw usage("--targets needs a file name, or - to read stdin");
        }
        String source = stdin ? "stdin" : targetsFile;
        try {
            if (stdin) {
                return TargetsFile.parse(context.stdin(), source);
            }
            Path file = Path.of(targetsFile);
            if (Files.isDirectory(file)) {
                throw usage("--targets " + targetsFile + " is a directory; give a file with one target a line");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return TargetsFile.parse(in, source);
            }
        } catch (NoSuchFileException e) {
            throw usage("--targets " + targetsFile + ": no such file");
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        } catch (IOException e) {
            throw usage("--targets " + targetsFile + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /**
     * Prints a usage error as one line and answers {@link ExitCodes#USAGE}. The message may echo what
     * the user gave (an argument, a targets line): it is escaped ({@link TerminalText}), so that it
     * is one line that no byte of it can disturb, and each quoted echo is cut.
     */
    static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        StringBuilder line = new StringBuilder("rdp-probe: ").append(oneLine(ex.getMessage()));
        if (ex instanceof CommandLine.UnmatchedArgumentException) {
            List<String> suggestions = ((CommandLine.UnmatchedArgumentException) ex).getSuggestions();
            if (!suggestions.isEmpty()) {
                line.append(" (did you mean ").append(oneLine(String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size())))))
                        .append("?)");
            }
        }
        line.append("; see ").append(cmd.getCommandSpec().qualifiedName()).append(" --help");
        cmd.getErr().println(line);
        cmd.getErr().flush();
        return ExitCodes.USAGE;
    }

    /** Prints an unexpected exception as one line (stack trace with RDP_PROBE_DEBUG set) and answers {@link ExitCodes#INTERNAL}. */
    static int internalError(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        err.println("rdp-probe: internal error: " + oneLine(String.valueOf(ex))
                + (System.getenv("RDP_PROBE_DEBUG") == null ? " (set RDP_PROBE_DEBUG=1 to see the stack trace)" : ""));
        if (System.getenv("RDP_PROBE_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    /** The most code points of a whole message. */
    static final int MAX_MESSAGE = 2000;

    /**
     * A message made safe for one line of a terminal: every control, format and separator character
     * escaped (a line break too: it shows as \x0a), each echoed word longer than
     * {@value TerminalText#MAX_VALUE} and the whole beyond {@value #MAX_MESSAGE} code points cut, with
     * the full length.
     */
    static String oneLine(String s) {
        return s == null ? "" : TerminalText.cut(TerminalText.prose(s.strip()), MAX_MESSAGE);
    }
}
