package dev.rdpprobe.cli;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the command may assume about where it runs: where stdin comes from, and whether stdout and
 * stderr are terminals (colour and the progress bar appear only on a terminal).
 *
 * @param stdin where {@code --targets -} reads from
 * @param stdoutIsTerminal whether stdout is a terminal ({@code System.console() != null})
 * @param stderrIsTerminal whether stderr is a terminal (the progress bar's condition)
 * @param unicode whether stdout can show box-drawing characters (otherwise ASCII bars)
 * @param colourDisabledByEnvironment whether the {@code NO_COLOR} environment variable is set
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
        return new CliContext(System.in, stdoutTty, isTerminal(2, stdoutTty), stdoutCanShowUnicode(),
                System.getenv("NO_COLOR") != null && !System.getenv("NO_COLOR").isEmpty());
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

    private static boolean stdoutCanShowUnicode() {
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        Charset cs;
        try {
            cs = name != null ? Charset.forName(name) : Charset.defaultCharset();
        } catch (RuntimeException e) {
            return false;
        }
        return cs.newEncoder().canEncode("█│·");
    }

    /** The charset stdout is written in. */
    static Charset stdoutCharset() {
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        try {
            return name != null ? Charset.forName(name) : Charset.defaultCharset();
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }
}
