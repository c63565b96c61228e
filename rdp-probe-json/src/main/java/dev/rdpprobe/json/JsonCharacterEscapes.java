package dev.rdpprobe.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Locale;

/**
 * How the JSON output escapes strings: as JSON requires (quote, backslash, C0 controls), and also
 * every character that {@link #escaped} names (DEL, C1 controls, bidirectional and other format
 * characters, U+2028 and U+2029), plus every surrogate, as a {@code \\u} escape with four hex
 * digits. The values stay exact, since a JSON parser reads the escapes back to the same characters,
 * but a JSON line shown raw (by {@code cat}, {@code less}, a log viewer) cannot drive the terminal,
 * and a JavaScript reader that treats U+2028 as a line end cannot be broken. A surrogate is escaped on
 * its own, so that a lone one survives the UTF-8 encoding of stdout and a pair becomes a valid escaped
 * pair.
 *
 * <p>Public so that a tool writing its own JSON beside outcomes (the CLI's {@code fake-server} lines, say)
 * escapes exactly as the contract does: {@code generator.setCharacterEscapes(new JsonCharacterEscapes())}.
 */
public final class JsonCharacterEscapes extends CharacterEscapes {

    private static final long serialVersionUID = 1L;

    private final int[] ascii;

    /** The escapes of the JSON contract. */
    public JsonCharacterEscapes() {
        ascii = standardAsciiEscapesForJSON();
        ascii[0x7F] = ESCAPE_STANDARD;
    }

    /**
     * Whether a code point is written as an escape beyond what JSON requires: a control (C0, DEL, C1), a
     * format character (bidirectional overrides, zero-width characters, BOM …), a line or paragraph
     * separator, or a surrogate. The CLI's terminal text hides the same set (a CLI test checks they agree).
     */
    static boolean escaped(int cp) {
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

    /** JSON's own escapes for ASCII, and DEL. */
    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii.clone();
    }

    /** A {@code \\u} escape for a surrogate or a character {@link #escaped} names; JSON's own rules for the rest. */
    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (Character.isSurrogate((char) ch) || escaped(ch)) {
            return new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch));
        }
        return null;
    }
}
