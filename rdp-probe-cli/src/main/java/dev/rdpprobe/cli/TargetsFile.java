package dev.rdpprobe.cli;

import dev.rdpprobe.core.Target;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a list of targets, one a line: {@code host}, {@code host:port}, {@code [IPv6]:port} or a bare
 * IPv6 address. Text after {@code #} is a comment; blank lines are ignored.
 */
public final class TargetsFile {

    /** How many bad lines are named in one error before the rest are only counted. */
    static final int MAX_REPORTED_ERRORS = 5;

    private TargetsFile() {
    }

    /**
     * Parses every line of {@code reader}.
     *
     * @param reader the text; it is read to its end but not closed
     * @param source the name to use in error messages, e.g. the file name or "stdin"
     * @return the targets in file order (duplicates kept: the caller asked for them)
     * @throws IllegalArgumentException naming each bad line's number and what to fix
     * @throws IOException if reading fails
     */
    public static List<Target> parse(Reader reader, String source) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        List<Target> targets = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int bad = 0;
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            String text = stripComment(line).strip();
            if (text.isEmpty()) {
                continue;
            }
            try {
                if (text.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException("'" + text + "' holds a space; write one target a line (HOST, HOST:PORT or [IPv6]:PORT)");
                }
                targets.add(Target.parse(text));
            } catch (IllegalArgumentException e) {
                bad++;
                if (errors.size() < MAX_REPORTED_ERRORS) {
                    errors.add(source + " line " + number + ": " + e.getMessage());
                }
            }
        }
        if (bad > 0) {
            String more = bad > errors.size() ? " (and " + (bad - errors.size()) + " more bad lines)" : "";
            throw new IllegalArgumentException(String.join("; ", errors) + more);
        }
        return targets;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
