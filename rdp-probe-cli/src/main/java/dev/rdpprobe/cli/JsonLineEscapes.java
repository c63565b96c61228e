package dev.rdpprobe.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Locale;

/**
 * The escaping of the outcome JSON (rdp-probe-json's {@code JsonCharacterEscapes}, which is not
 * public) for the CLI's own JSON lines: what JSON requires, plus every character that
 * {@link TerminalText#hidden} names (DEL, C1 controls, format characters, U+2028, U+2029) and every
 * surrogate, as a {@code \\u} escape. The values stay exact; a line shown raw cannot drive a terminal.
 */
final class JsonLineEscapes extends CharacterEscapes {

    private static final long serialVersionUID = 1L;

    private final int[] ascii;

    JsonLineEscapes() {
        ascii = standardAsciiEscapesForJSON();
        ascii[0x7F] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii.clone();
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (Character.isSurrogate((char) ch) || TerminalText.hidden(ch)) {
            return new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch));
        }
        return null;
    }
}
