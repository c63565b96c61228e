package dev.rdpprobe.cli;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the command may assume about where it runs: where stdin comes from, and whether stdout and
 * stderr are terminals (colour and the progress bar appear only on a terminal).
 *
 * @param stdin where {@code --targets -} reads from
 * @param stdoutIsTerminal whether stdout is a terminal ({@code System.console() != null})
 * @param stderrIsTerminal whether stderr is a terminal (the progress bar's condition)
 * @param unicode whether stdout's charset can show the report's bars, rules and arrows (otherwise ASCII)
 * @param colourDisabledByEnvironment whether the environment rules ANSI colour out ({@link #colourRuledOut})
 */
public record CliContext(
        InputStream stdin, boolean stdoutIsTerminal, boolean stderrIsTerminal, boolean unicode, boolean colourDisabledByEnvironment) {

    public CliContext {
        Objects.requireNonNull(stdin, "stdin");
    }

    /** No terminal anywhere, ASCII only: what tests and pipes get. */
    public static CliContext plain(InputStream stdin) {
        return new CliContext(stdin, false, false, false, false);
    }

    /** Looks at the real process. */
    public static CliContext detect() {
        boolean stdoutTty = System.console() != null;
        return new CliContext(System.in, stdoutTty, isTerminal(2, stdoutTty), ConsoleText.showsReportSymbols(stdoutCharset()),
                colourRuledOut(System.getProperty("os.name", ""), System.getenv()));
    }

    /**
     * Whether the environment rules ANSI colour out even on a terminal: {@code NO_COLOR} is set (to
     * anything but the empty string, as no-color.org says), {@code TERM} is {@code dumb}, or on Windows the
     * console is not known to interpret ANSI sequences. A classic console (cmd.exe or PowerShell in conhost)
     * shows them as garbage unless the program turns virtual-terminal processing on, which Java does not;
     * Windows Terminal ({@code WT_SESSION}), ConEmu ({@code ConEmuANSI=ON}), ANSICON, an editor's terminal
     * ({@code TERM_PROGRAM}) and mintty, MSYS2 or Cygwin (they set {@code TERM}) interpret them.
     *
     * @param osName the {@code os.name} system property
     * @param env the environment variables
     */
    static boolean colourRuledOut(String osName, Map<String, String> env) {
        if (!env.getOrDefault("NO_COLOR", "").isEmpty() || "dumb".equals(env.get("TERM"))) {
            return true;
        }
        if (!osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            return false;
        }
        boolean ansiConsole = env.containsKey("WT_SESSION") || "ON".equalsIgnoreCase(env.get("ConEmuANSI"))
                || env.containsKey("ANSICON") || env.containsKey("TERM_PROGRAM") || !env.getOrDefault("TERM", "").isEmpty();
        return !ansiConsole;
    }

    /**
     * Whether file descriptor {@code fd} is a terminal. Java 17 cannot ask isatty(); on Linux the
     * descriptor's link in /proc names the device. Elsewhere, {@code fallback}.
     */
    static boolean isTerminal(int fd, boolean fallback) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return fallback;
        }
    }

    /** The charset stdout is written in. */
    static Charset stdoutCharset() {
        return streamCharset("stdout");
    }

    /** The charset stderr is written in. */
    static Charset stderrCharset() {
        return streamCharset("stderr");
    }

    /**
     * The charset of a standard stream as the JDK chose it: {@code stdout.encoding} (JDK 19+), else
     * {@code sun.stdout.encoding} (a JDK 17 on a Windows console: its code page), else the default charset.
     */
    private static Charset streamCharset(String stream) {
        String name = System.getProperty(stream + ".encoding", System.getProperty("sun." + stream + ".encoding"));
        if ("cp65001".equalsIgnoreCase(name)) {
            return java.nio.charset.StandardCharsets.UTF_8; // a Windows console after chcp 65001
        }
        try {
            return name != null ? Charset.forName(name) : Charset.defaultCharset();
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }
}
