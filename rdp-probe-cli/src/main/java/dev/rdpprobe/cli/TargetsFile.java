package dev.rdpprobe.cli;

import dev.rdpprobe.core.target.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a list of targets, one a line: {@code host}, {@code host:port}, {@code [IPv6]:port} or a bare
 * IPv6 address. Text after {@code #} is a comment; blank lines are ignored. Lines end with LF, CR LF
 * or CR.
 *
 * <p>The bytes must be UTF-8: a line that is not is refused by number, never decoded with
 * replacement characters, from a file and from stdin alike. A byte-order mark at the start is
 * skipped. A line may hold at most {@value #MAX_LINE_BYTES} bytes and the list at most
 * {@value #MAX_TARGETS} targets, so that a wrong file ({@code /dev/zero}, a disk image) is refused
 * at once instead of filling the memory.
 */
public final class TargetsFile {

    /** How many bad lines are named in one error before the rest are only counted. */
    static final int MAX_REPORTED_ERRORS = 5;
    /** The longest line read, in bytes (a host name has at most 253 characters; a comment may follow it). */
    static final int MAX_LINE_BYTES = 4096;
    /** The most targets one list may hold. */
    static final int MAX_TARGETS = 1_000_000;

    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private TargetsFile() {
    }

    /**
     * Parses every line of {@code in}.
     *
     * @param in UTF-8 bytes; read to the end (or the first line that ends the reading) but not closed
     * @param source the name to use in error messages, e.g. the file name or "stdin"
     * @return the targets in file order (duplicates kept: the caller asked for them)
     * @throws IllegalArgumentException naming each bad line's number and what to fix
     * @throws IOException if reading fails
     */
    public static List<Target> parse(InputStream in, String source) throws IOException {
        LineReader lines = new LineReader(in);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<Target> targets = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int bad = 0;
        int number = 0;
        for (byte[] bytes = lines.next(); bytes != null; bytes = lines.next()) {
            number++;
            if (bytes.length > MAX_LINE_BYTES) {
                throw new IllegalArgumentException(source + " line " + number + " is longer than " + MAX_LINE_BYTES
                        + " bytes; write one target a line (HOST, HOST:PORT or [IPv6]:PORT)");
            }
            int from = number == 1 && startsWithByteOrderMark(bytes) ? BYTE_ORDER_MARK.length : 0;
            String line;
            try {
                line = utf8.decode(ByteBuffer.wrap(bytes, from, bytes.length - from)).toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(source + " line " + number + " is not UTF-8 text; save the list as UTF-8");
            }
            String text = stripComment(line).strip();
            if (text.isEmpty()) {
                continue;
            }
            if (targets.size() == MAX_TARGETS) {
                throw new IllegalArgumentException(source + " holds more than " + MAX_TARGETS + " targets; split it into several lists");
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

    private static boolean startsWithByteOrderMark(byte[] line) {
        return line.length >= 3 && line[0] == BYTE_ORDER_MARK[0] && line[1] == BYTE_ORDER_MARK[1] && line[2] == BYTE_ORDER_MARK[2];
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    /**
     * Lines of bytes ended by LF, CR LF or CR, the end not included; a line stops growing one byte past
     * {@link #MAX_LINE_BYTES}, and the caller refuses it then, without reading an endless line to its end.
     */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int limit;
        private boolean skipLineFeed;

        LineReader(InputStream in) {
            this.in = in;
        }

        /** The next line, a longer-than-allowed prefix of it, or {@code null} at the end. */
        byte[] next() throws IOException {
            ByteArrayOutputStream line = null;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return line == null ? null : line.toByteArray();
                    }
                }
                byte b = buffer[position++];
                if (skipLineFeed) {
                    skipLineFeed = false;
                    if (b == '\n') {
                        continue;
                    }
                }
                if (line == null) {
                    line = new ByteArrayOutputStream();
                }
                if (b == '\n') {
                    return line.toByteArray();
                }
                if (b == '\r') {
                    skipLineFeed = true;
                    return line.toByteArray();
                }
                line.write(b);
                if (line.size() > MAX_LINE_BYTES) {
                    return line.toByteArray();
                }
            }
        }
    }
}
