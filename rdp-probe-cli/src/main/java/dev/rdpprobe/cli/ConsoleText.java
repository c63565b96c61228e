package dev.rdpprobe.cli;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.Map;

/**
 * Text made to fit the charset of the console it is written to: a Windows console in code page 437 or
 * 850, a Java 17 on Windows writing to a file in windows-1252, a C locale (US-ASCII). What the charset can
 * show is kept as it is; the symbols rdp-probe itself prints (bars, rules, arrows, ellipses, dashes) become
 * their ASCII forms ({@code →} {@code ->}, {@code …} {@code ...}, {@code █} {@code #}); anything else the
 * charset cannot show becomes {@code ?}, as the encoder would have made it. JSON text instead gets a
 * {@code \\u} escape for each non-ASCII character, so that the value a JSON reader reads stays exact.
 */
final class ConsoleText {

    /** The ASCII form of each non-ASCII symbol the command's own text uses. */
    static final Map<Integer, String> ASCII_FORMS = Map.ofEntries(
            Map.entry((int) '→', "->"),
            Map.entry((int) '←', "<-"),
            Map.entry((int) '↔', "<->"),
            Map.entry((int) '…', "..."),
            Map.entry((int) '━', "="),
            Map.entry((int) '─', "-"),
            Map.entry((int) '│', "|"),
            Map.entry((int) '█', "#"),
            Map.entry((int) '░', "."),
            Map.entry((int) '·', "."),
            Map.entry((int) '•', "*"),
            Map.entry((int) '–', "-"),
            Map.entry((int) '—', "-"),
            Map.entry((int) '−', "-"),
            Map.entry((int) '×', "x"),
            Map.entry((int) '≤', "<="),
            Map.entry((int) '≥', ">="),
            Map.entry((int) '‘', "'"),
            Map.entry((int) '’', "'"),
            Map.entry((int) '“', "\""),
            Map.entry((int) '”', "\""),
            Map.entry((int) '§', "section "),
            Map.entry(0x00A0, " "));

    /** The symbols whose absence from a charset makes the report draw its bars and rules in ASCII. */
    static final String REPORT_SYMBOLS = "━│█░·→…";

    private ConsoleText() {}

    /** Whether every one of the report's own symbols can be written in {@code charset}. */
    static boolean showsReportSymbols(Charset charset) {
        return charset.canEncode() && charset.newEncoder().canEncode(REPORT_SYMBOLS);
    }

    /** Whether {@code charset} shows every character (a UTF), so that nothing needs fitting. */
    static boolean showsEverything(Charset charset) {
        return charset.name().startsWith("UTF-");
    }

    /** Human-readable {@code text} as it can be shown in {@code charset} (see the class comment). */
    static String fit(String text, Charset charset) {
        if (showsEverything(charset)) {
            return text;
        }
        CharsetEncoder encoder = charset.newEncoder();
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            boolean shown = cp < 0x80 || (!Character.isSupplementaryCodePoint(cp) && encoder.canEncode((char) cp));
            if (!shown && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (shown) {
                    out.appendCodePoint(cp);
                } else {
                    out.append(ASCII_FORMS.getOrDefault(cp, "?"));
                }
            }
            i = next;
        }
        return out == null ? text : out.toString();
    }

    /** A JSON line as {@link #fitJson} makes it for the charset of this process's stdout. */
    static String jsonForStdout(String json) {
        return fitJson(json, CliContext.stdoutCharset());
    }

    /**
     * JSON {@code json} for a stream in {@code charset}, readable back to the same values: in a charset that
     * is not a UTF, every non-ASCII character becomes a {@code \\u} escape (JSON puts them only in strings,
     * where an escape means the same character), so that the line is plain ASCII, which every code page and
     * UTF-8 read alike; a Java 17 on Windows writing to a file uses windows-1252, which a JSON reader would
     * take for broken UTF-8.
     */
    static String fitJson(String json, Charset charset) {
        if (showsEverything(charset)) {
            return json;
        }
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c >= 0x80 && out == null) {
                out = new StringBuilder(json.length() + 32).append(json, 0, i);
            }
            if (out != null) {
                if (c < 0x80) {
                    out.append(c);
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return out == null ? json : out.toString();
    }
}
