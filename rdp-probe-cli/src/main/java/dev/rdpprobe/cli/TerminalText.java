package dev.rdpprobe.cli;

import java.util.Locale;

/**
 * Makes text that came from outside (a server's certificate names, NTLM names, banners, a user's
 * targets file or arguments) safe to print on a terminal: nothing in it can move the cursor, clear
 * the screen, set the window title, ring the bell, start a new line, reorder what follows it or hide
 * characters, and no single value can flood the screen.
 *
 * <p>Rules, by Unicode general category of each code point:
 * <ul>
 *   <li>Controls (Cc: C0 {@code U+0000–U+001F}, DEL {@code U+007F}, C1 {@code U+0080–U+009F}) become
 *       {@code \xHH}, for example ESC is {@code \x1b} and a line feed {@code \x0a}.</li>
 *   <li>Format characters (Cf: the bidirectional controls {@code U+202A–U+202E},
 *       {@code U+2066–U+2069}, {@code U+200E}, {@code U+200F}, {@code U+061C}; the zero-width
 *       {@code U+200B–U+200D}, {@code U+2060}, the byte-order mark {@code U+FEFF}, the soft hyphen,
 *       tag characters …), the line and paragraph separators {@code U+2028}, {@code U+2029}, and
 *       lone surrogates become {@code \\uHHHH} (or {@code \\U00HHHHHH} beyond the BMP).</li>
 *   <li>Everything else, including the backslash, is kept: the escapes are for reading, not a
 *       reversible encoding (the JSON output carries the exact values).</li>
 * </ul>
 * Escaping is idempotent: escaped text contains only printable characters, so escaping it again
 * changes nothing. {@link #safe} also cuts a value longer than {@value #MAX_VALUE} code points, and
 * {@link #prose} cuts each such word of a sentence, with an ellipsis and the full length:
 * {@code "AAAA…(3000 chars)"}; what was cut is never longer than {@value #MAX_VALUE} code points, so
 * that cutting again changes nothing either.
 */
final class TerminalText {

    /** The most code points of one outside value that are printed; longer ones are cut. */
    static final int MAX_VALUE = 200;

    private TerminalText() {
    }

    /**
     * {@code text} with every control, format, separator and lone surrogate code point replaced by a
     * visible escape; {@code null} stays {@code null}.
     */
    static String escape(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (hidden(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (hidden(cp)) {
                appendEscape(out, cp);
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** One outside value for printing: escaped, and cut to {@value #MAX_VALUE} code points. */
    static String safe(String text) {
        return safe(text, MAX_VALUE);
    }

    /**
     * One outside value for printing: escaped, and cut to at most {@code max} code points, ellipsis
     * and length included; the length given is that of {@code text} itself. Never cuts an escape in two.
     */
    static String safe(String text, int max) {
        if (text == null) {
            return null;
        }
        String escaped = escape(text);
        return cut(escaped, max, text.codePointCount(0, text.length()));
    }

    /**
     * A sentence that may embed outside values (a diagnosis, a finding, a failure message): escaped,
     * and every word (a run without spaces) longer than {@value #MAX_VALUE} code points cut, so that
     * the words around a hostile name stay readable.
     */
    static String prose(String text) {
        if (text == null) {
            return null;
        }
        String escaped = escape(text);
        if (escaped.length() <= MAX_VALUE) {
            return escaped;
        }
        StringBuilder out = new StringBuilder(escaped.length());
        int start = 0;
        while (start <= escaped.length()) {
            int space = escaped.indexOf(' ', start);
            int end = space < 0 ? escaped.length() : space;
            String word = escaped.substring(start, end);
            out.append(cut(word, MAX_VALUE, word.codePointCount(0, word.length())));
            if (space < 0) {
                break;
            }
            out.append(' ');
            start = space + 1;
        }
        return out.toString();
    }

    /**
     * {@code text} unchanged when it has at most {@code max} code points, else its beginning followed
     * by {@code "…(N chars)"}, N being its full length in code points, {@code max} code points in all
     * (so that cutting again changes nothing). Never splits a surrogate pair.
     */
    static String cut(String text, int max) {
        return cut(text, max, text.codePointCount(0, text.length()));
    }

    private static String cut(String text, int max, int fullLength) {
        if (text.length() <= max || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        String suffix = "…(" + fullLength + " chars)";
        int end = text.offsetByCodePoints(0, Math.max(0, max - suffix.length()));
        return text.substring(0, startOfEscapeAround(text, end)) + suffix;
    }

    /** {@code end}, or the start of an escape of ours that {@code end} would cut in two. */
    private static int startOfEscapeAround(String text, int end) {
        for (int i = end - 1; i >= 0 && i >= end - 9; i--) {
            if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                int length = switch (text.charAt(i + 1)) {
                    case 'x' -> 4;
                    case 'u' -> 6;
                    case 'U' -> 10;
                    default -> 0;
                };
                if (i + length > end) {
                    return i;
                }
            }
        }
        return end;
    }

    /** Whether a code point must not reach the terminal as itself. */
    static boolean hidden(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SURROGATE:
                return true;
            default:
                return false;
        }
    }

    private static void appendEscape(StringBuilder out, int cp) {
        if (cp <= 0xFF) {
            out.append(String.format(Locale.ROOT, "\\x%02x", cp));
        } else if (cp <= 0xFFFF) {
            out.append(String.format(Locale.ROOT, "\\u%04x", cp));
        } else {
            out.append(String.format(Locale.ROOT, "\\U%08x", cp));
        }
    }
}
