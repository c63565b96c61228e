package dev.rdpprobe.core.outcome;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * The failure that an exception raised on the probing machine stands for: {@link Failure.OutOfFileDescriptors}
 * when the process (or the system) ran out of file descriptors, otherwise {@link Failure.Internal}, a bug in
 * rdp-probe. Used by the drivers wherever their own code may throw, so that an exception becomes the
 * outcome of the one probe it hit instead of a lost future.
 */
public final class LocalFailures {

    /** The words of EMFILE ("Too many open files") and ENFILE ("Too many open files in system"). */
    private static final String TOO_MANY_OPEN_FILES = "too many open files";

    /** How many causes are followed before giving up (a cycle or an absurdly deep chain). */
    private static final int MAX_CAUSES = 16;

    private LocalFailures() {
    }

    /**
     * The failure {@code error} stands for.
     *
     * @param during what the probe was doing, for {@link Failure.Internal#during()}
     * @param error what was thrown
     */
    public static Failure of(String during, Throwable error) {
        Objects.requireNonNull(during, "during");
        Objects.requireNonNull(error, "error");
        Failure.OutOfFileDescriptors noFds = outOfFileDescriptors(error);
        return noFds != null ? noFds : new Failure.Internal(during, describe(error));
    }

    /**
     * {@link Failure.OutOfFileDescriptors} if {@code error} or one of its causes is the system's "too many open
     * files" (EMFILE or ENFILE), else {@code null}. Netty wraps the socket's IOException in a ChannelException
     * ("Failed to open a socket."), hence the walk along the causes.
     */
    public static Failure.OutOfFileDescriptors outOfFileDescriptors(Throwable error) {
        Throwable t = error;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof IOException && m != null && m.toLowerCase(Locale.ROOT).contains(TOO_MANY_OPEN_FILES)) {
                return new Failure.OutOfFileDescriptors(systemWords(m));
            }
        }
        return null;
    }

    /** "Too many open files" out of "socket: Too many open files" or "/some/file (Too many open files)". */
    private static String systemWords(String message) {
        int at = message.toLowerCase(Locale.ROOT).indexOf(TOO_MANY_OPEN_FILES);
        String rest = message.substring(at);
        int end = rest.indexOf(')');
        return end > 0 ? rest.substring(0, end) : rest;
    }

    /** One line: the exception's type and message, and the root cause's when it differs. */
    public static String describe(Throwable error) {
        Throwable root = error;
        for (int i = 0; root.getCause() != null && root.getCause() != root && i < MAX_CAUSES; i++) {
            root = root.getCause();
        }
        String top = oneLine(error);
        return root == error ? top : top + " (caused by " + oneLine(root) + ")";
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
    }
}
