package dev.rdpprobe.cli;

import picocli.CommandLine.Option;

/** How results are printed: the readable report or JSON lines, with or without colour. */
public final class OutputOptions {

    @Option(names = "--json", order = 1, description = "Print one JSON object per target, one a line (see README-cli.md for the fields).")
    boolean json;

    @Option(names = "--no-color", order = 2, description = "No ANSI colours, even on a terminal (so does the NO_COLOR environment variable).")
    boolean noColor;

    /** Whether to colour the human report. */
    boolean colour(CliContext context) {
        return !json && !noColor && context.stdoutIsTerminal() && !context.colourDisabledByEnvironment();
    }
}
