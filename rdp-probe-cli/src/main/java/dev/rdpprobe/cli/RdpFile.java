package dev.rdpprobe.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Remote Desktop connection file ({@code .rdp}) as mstsc writes it: lines {@code name:type:value}
 * with type {@code s} (string), {@code i} (32-bit integer) or {@code b} (binary, hex digits).
 *
 * <p>The bytes are UTF-16LE or UTF-16BE after their byte-order mark (mstsc saves UTF-16LE with a BOM),
 * or UTF-8 with or without one; anything else is refused, never decoded with replacement characters.
 * Lines end with CR LF, LF or CR; blank lines are skipped. Names are compared without regard to case;
 * when a name repeats, its last line counts. Unknown names are kept ({@link #settings()}) and mean
 * nothing to the probe.
 *
 * <p>Bounded: a file over {@value #MAX_FILE_BYTES} bytes is refused before it is read whole (and a
 * file whose size the system does not know, {@code /dev/zero}, stops being read one byte past it), and
 * so is a line over {@value #MAX_LINE_CHARS} characters.
 *
 * <p>Secrets: a {@code password…} setting (mstsc's {@code password 51:b:} is the password encrypted
 * with the user's DPAPI key) is never turned into a {@code String}: only the fact that the file holds
 * one is kept ({@link #passwordLine()}), and the decoded characters and bytes of the file are zeroed
 * once it is parsed.
 */
public final class RdpFile {

    /** The largest file read, in bytes: a real connection file is a few kilobytes. */
    static final int MAX_FILE_BYTES = 1 << 20;
    /** The longest line, in characters (a signed file's {@code signature:s:} line is a few kilobytes). */
    static final int MAX_LINE_CHARS = 65_536;
    /** How many bad lines are named in one error before the rest are only counted. */
    static final int MAX_REPORTED_ERRORS = 5;

    /** A setting's type letter. */
    public enum Type {
        /** {@code s}: a string. */
        STRING,
        /** {@code i}: a 32-bit signed integer. */
        INTEGER,
        /** {@code b}: binary data as hex digits. */
        BINARY
    }

    /**
     * One {@code name:type:value} line.
     *
     * @param name the name as written
     * @param type its type
     * @param value the value as written (after {@code name:type:}); for an integer, its decimal digits
     * @param line its line number, from 1
     */
    public record Setting(String name, Type type, String value, int line) {

        /** The value of an integer setting. */
        public int intValue() {
            return Integer.parseInt(value);
        }

        /** {@code name:t:value}, as the file writes it. */
        public String asWritten() {
            return name + ":" + letter(type) + ":" + value;
        }
    }

    private final String source;
    private final Map<String, Setting> settings;
    private final int passwordLine;

    private RdpFile(String source, Map<String, Setting> settings, int passwordLine) {
        this.source = source;
        this.settings = settings;
        this.passwordLine = passwordLine;
    }

    /** The name used in messages (the file name as given). */
    public String source() {
        return source;
    }

    /** Every setting but the secret ones, by lower-case name, in file order. */
    public Map<String, Setting> settings() {
        return settings;
    }

    /** The setting of this name (any case), if the file has it. */
    public Optional<Setting> get(String name) {
        return Optional.ofNullable(settings.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The line number of the file's (last) password setting, or 0 when it holds none. */
    public int passwordLine() {
        return passwordLine;
    }

    /**
     * Reads a connection file.
     *
     * @param file the file
     * @param source its name for messages
     * @throws IllegalArgumentException for a file that cannot be read or parsed, saying what to fix
     *     (malformed lines by number)
     */
    public static RdpFile read(Path file, String source) {
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(source + " is a directory; give a Remote Desktop connection file (.rdp)");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw tooLarge(source);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return parse(in, source);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(source + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    /**
     * Parses the bytes of a connection file.
     *
     * @param in read up to one byte past {@value #MAX_FILE_BYTES}, not closed
     * @param source the name for messages
     * @throws IllegalArgumentException for a file too large, not text in a supported encoding, or with malformed lines
     * @throws IOException if reading fails
     */
    public static RdpFile parse(InputStream in, String source) throws IOException {
        byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        char[] text = null;
        try {
            if (bytes.length > MAX_FILE_BYTES) {
                throw tooLarge(source);
            }
            text = decode(bytes, source);
            return parseText(text, source);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (text != null) {
                Arrays.fill(text, '\0');
            }
        }
    }

    private static IllegalArgumentException tooLarge(String source) {
        return new IllegalArgumentException(source + " is larger than " + (MAX_FILE_BYTES >> 20)
                + " MiB; a Remote Desktop connection file is a few kilobytes: give the .rdp file mstsc saved");
    }

    /** The text after the byte-order mark, in the encoding it names (UTF-8 without one). */
    private static char[] decode(byte[] bytes, String source) {
        Charset charset = StandardCharsets.UTF_8;
        int from = 0;
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            from = 2;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            from = 2;
        } else if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            from = 3;
        }
        CharBuffer chars;
        try {
            chars = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, bytes.length - from));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(source + " is not " + (from == 2 ? charset.name() : "UTF-8") + " text"
                    + (from == 0 ? " and has no byte-order mark" : "")
                    + "; save it again from Remote Desktop Connection (Save As) or as UTF-8");
        }
        char[] out = new char[chars.remaining()];
        chars.get(out);
        if (chars.hasArray()) {
            Arrays.fill(chars.array(), '\0');
        }
        return out;
    }

    private static RdpFile parseText(char[] text, String source) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        int bad = 0;
        int passwordLine = 0;
        int number = 0;
        int start = 0;
        while (start < text.length) {
            int end = start;
            while (end < text.length && text[end] != '\n' && text[end] != '\r') {
                end++;
            }
            number++;
            if (end - start > MAX_LINE_CHARS) {
                throw new IllegalArgumentException(source + " line " + number + " is longer than " + MAX_LINE_CHARS
                        + " characters; a connection file holds one short name:type:value setting a line");
            }
            String problem = null;
            int firstColon = indexOf(text, ':', start, end);
            int secondColon = firstColon < 0 ? -1 : indexOf(text, ':', firstColon + 1, end);
            if (!blank(text, start, end)) {
                if (secondColon < 0) {
                    problem = "is not name:type:value (for example full address:s:rds01.example.com)";
                } else {
                    String name = new String(text, start, firstColon - start).strip();
                    String letter = new String(text, firstColon + 1, secondColon - firstColon - 1).strip();
                    Type type = type(letter);
                    if (name.isEmpty()) {
                        problem = "has no name before ':" + letter + ":'";
                    } else if (type == null) {
                        problem = "has type '" + letter + "' after '" + name + ":'; the type is s (string), i (integer) or b (binary)";
                    } else if (name.toLowerCase(Locale.ROOT).startsWith("password")) {
                        passwordLine = number;     // a secret: its value is never made into a String
                    } else {
                        String value = new String(text, secondColon + 1, end - secondColon - 1);
                        problem = valueProblem(name, type, value);
                        if (problem == null) {
                            String kept = type == Type.STRING ? value : value.strip();
                            if (type == Type.INTEGER) {
                                kept = String.valueOf(Integer.parseInt(kept));
                            }
                            settings.remove(name.toLowerCase(Locale.ROOT));
                            settings.put(name.toLowerCase(Locale.ROOT), new Setting(name, type, kept, number));
                        }
                    }
                }
            }
            if (problem != null) {
                bad++;
                if (errors.size() < MAX_REPORTED_ERRORS) {
                    errors.add(source + " line " + number + " " + problem);
                }
            }
            start = end + 1;        // past the CR or LF that ended the line
            if (end < text.length && text[end] == '\r' && start < text.length && text[start] == '\n') {
                start++;            // CR LF
            }
        }
        if (bad > 0) {
            String more = bad > errors.size() ? " (and " + (bad - errors.size()) + " more bad lines)" : "";
            throw new IllegalArgumentException(String.join("; ", errors) + more);
        }
        return new RdpFile(source, java.util.Collections.unmodifiableMap(settings), passwordLine);
    }

    /** Why {@code value} is no value of {@code type}, or {@code null} when it is one. */
    private static String valueProblem(String name, Type type, String value) {
        String v = value.strip();
        switch (type) {
            case INTEGER:
                if (!v.matches("-?[0-9]+")) {
                    return "'" + name + ":i:" + value + "' has no integer after ':i:'; write digits, as in " + name + ":i:1";
                }
                try {
                    Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    return "'" + name + ":i:" + value + "' is out of range of a 32-bit integer";
                }
                return null;
            case BINARY:
                if (v.length() % 2 != 0 || !v.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
                    return "'" + name + ":b:…' is not an even number of hex digits after ':b:'";
                }
                return null;
            default:
                return null;
        }
    }

    private static Type type(String letter) {
        switch (letter) {
            case "s": case "S": return Type.STRING;
            case "i": case "I": return Type.INTEGER;
            case "b": case "B": return Type.BINARY;
            default: return null;
        }
    }

    private static String letter(Type type) {
        return type == Type.STRING ? "s" : type == Type.INTEGER ? "i" : "b";
    }

    private static int indexOf(char[] text, char c, int from, int end) {
        for (int i = from; i < end; i++) {
            if (text[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean blank(char[] text, int from, int end) {
        for (int i = from; i < end; i++) {
            if (!Character.isWhitespace(text[i]) && text[i] != '\uFEFF') {
                return false;
            }
        }
        return true;
    }
}
