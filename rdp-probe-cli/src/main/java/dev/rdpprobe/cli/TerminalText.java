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
 * {@code "AAAA…(3000 chars)"}.
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

    /** One outside value for printing: escaped, and cut to {@code max} code points. */
    static String safe(String text, int max) {
        return text == null ? null : escape(cut(text, max));
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
            out.append(cut(escaped.substring(start, end), MAX_VALUE));
            if (space < 0) {
                break;
            }
            out.append(' ');
            start = space + 1;
        }
        return out.toString();
    }

    /**
     * {@code text} cut to its first {@code max} code points followed by {@code "…(N chars)"}, N being
     * its full length in code points; unchanged when it is not longer than {@code max}. Never splits
     * a surrogate pair.
     */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int length = text.codePointCount(0, text.length());
        if (length <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max)) + "…(" + length + " chars)";
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
