package dev.rdpprobe.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON scalar: a {@link String}, a {@link Boolean}, a number ({@link Integer}, {@link Long},
 * {@link Double} as the writer puts them; {@link BigInteger} or {@link BigDecimal} as the parser reads
 * them, exactly as written) or {@code null}.
 */
final class ValueNode extends JsonNode {

    /** Longest part of a string value a message quotes. */
    private static final int QUOTED_CHARS = 40;

    private final Object value;

    ValueNode(Object value) {
        this.value = value;
    }

    /** The value: a String, Boolean, Number or {@code null}. */
    Object value() {
        return value;
    }

    boolean isNull() {
        return value == null;
    }

    @Override
    void writeTo(JsonGenerator out) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Integer i) {
            out.writeNumber(i);
        } else if (value instanceof Long l) {
            out.writeNumber(l);
        } else if (value instanceof Double d) {
            out.writeNumber(d);
        } else if (value instanceof BigInteger b) {
            out.writeNumber(b);
        } else if (value instanceof BigDecimal b) {
            out.writeNumber(b);
        } else {
            throw new IllegalStateException("no JSON form for " + value.getClass().getName());
        }
    }

    @Override
    String describe() {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "the string \"" + printable(s) + "\"";
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        return "the number " + value;
    }

    /** A string as a message may quote it: shortened, with control and invisible characters escaped. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (count++ == QUOTED_CHARS) {
                out.append('…');
                break;
            }
            if (JsonCharacterEscapes.escaped(cp) || cp < 0x20 || cp == '"' || cp == '\\') {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }
}
