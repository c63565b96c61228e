package dev.rdpprobe.core.diagnosis;

import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.DiagnosisEntry;
import dev.rdpprobe.core.outcome.WindowsError;
import dev.rdpprobe.core.outcome.WindowsErrorConfidence;

import dev.rdpprobe.core.outcome.Phase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The diagnosis table: one {@link DiagnosisEntry} per {@link DiagnosisCode}, read from the resource
 * {@code dev/rdpprobe/core/diagnosis/diagnoses.txt} (its header documents the format).
 *
 * <p>The resource is validated when this class loads: every code has exactly one entry, no entry
 * names an unknown code, phase or key, required keys are present, Windows pairs are well-formed and
 * every template uses only the variables the {@link Diagnoser} fills in. A broken table therefore
 * fails the first use of the diagnosis package (and the unit tests), never a probe halfway.
 */
public final class DiagnosisTable {

    /** The classpath resource the standard table is read from. */
    public static final String RESOURCE = "dev/rdpprobe/core/diagnosis/diagnoses.txt";

    private static final Set<String> KEYS = Set.of("phases", "summary", "windows", "also", "basis", "remedy");
    private static final Set<String> SINGLE_KEYS = Set.of("phases", "summary", "windows", "also", "basis");
    private static final Set<String> CONFIDENCES = Set.of("documented", "likely");
    private static final Pattern HEADER = Pattern.compile("\\[([A-Z0-9_]+)]");
    private static final Pattern KEY_VALUE = Pattern.compile("([a-z]+)\\s*=\\s*(.*)");
    private static final Pattern PAIR = Pattern.compile("(0[xX][0-9A-Fa-f]{1,8})\\s*/\\s*(0[xX][0-9A-Fa-f]{1,8})");
    private static final Pattern PAIR_WITH_CONFIDENCE = Pattern.compile(PAIR.pattern() + "\\s+([a-z]+)");

    private static final DiagnosisTable STANDARD = parse(readResource(RESOURCE), RESOURCE);

    private final Map<DiagnosisCode, DiagnosisEntry> entries;

    private DiagnosisTable(Map<DiagnosisCode, DiagnosisEntry> entries) {
        this.entries = Collections.unmodifiableMap(new EnumMap<>(entries));
    }

    /** The table shipped with rdp-probe. */
    public static DiagnosisTable standard() {
        return STANDARD;
    }

    /** The entry of one code (never {@code null}: the table is complete). */
    public DiagnosisEntry entry(DiagnosisCode code) {
        return entries.get(code);
    }

    /** Every entry, in {@link DiagnosisCode} order. */
    public List<DiagnosisEntry> entries() {
        return List.copyOf(entries.values());
    }

    /**
     * Parses and validates a table in the {@code diagnoses.txt} format.
     *
     * @param lines the file's lines
     * @param source a name for error messages
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    static DiagnosisTable parse(List<String> lines, String source) {
        Map<DiagnosisCode, DiagnosisEntry> entries = new EnumMap<>(DiagnosisCode.class);
        EntryBuilder current = null;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            String where = source + " line " + (n + 1);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                if (current != null) {
                    add(entries, current.build(), current.where);
                }
                DiagnosisCode code;
                try {
                    code = DiagnosisCode.valueOf(header.group(1));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": [" + header.group(1) + "] is not a DiagnosisCode; known: "
                            + Arrays.toString(DiagnosisCode.values()));
                }
                current = new EntryBuilder(code, where);
                continue;
            }
            Matcher kv = KEY_VALUE.matcher(line);
            if (!kv.matches()) {
                throw new IllegalArgumentException(where + ": expected \"[CODE]\" or \"key = value\", got: " + line);
            }
            if (current == null) {
                throw new IllegalArgumentException(where + ": \"" + kv.group(1) + " = …\" before the first [CODE]");
            }
            current.accept(kv.group(1), kv.group(2).strip(), where);
        }
        if (current != null) {
            add(entries, current.build(), current.where);
        }
        List<DiagnosisCode> missing = new ArrayList<>();
        for (DiagnosisCode code : DiagnosisCode.values()) {
            if (!entries.containsKey(code)) {
                missing.add(code);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(source + ": no entry for " + missing + "; every DiagnosisCode needs exactly one");
        }
        return new DiagnosisTable(entries);
    }

    private static void add(Map<DiagnosisCode, DiagnosisEntry> entries, DiagnosisEntry entry, String where) {
        if (entries.putIfAbsent(entry.code(), entry) != null) {
            throw new IllegalArgumentException(where + ": a second entry for " + entry.code() + "; every DiagnosisCode needs exactly one");
        }
    }

    static List<String> readResource(String resource) {
        // Class.getResourceAsStream, not the class loader's: on the module path a named module's
        // resources are found only through a class of that module.
        try (InputStream in = DiagnosisTable.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from rdp-probe-core's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static void checkTemplate(String template, String where) {
        List<String> names;
        try {
            names = Templates.placeholders(template);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        for (String name : names) {
            if (!OutcomeFacts.VARIABLES.contains(name)) {
                throw new IllegalArgumentException(where + ": {" + name + "} is not a known variable; known: "
                        + new java.util.TreeSet<>(OutcomeFacts.VARIABLES));
            }
        }
    }

    private static WindowsError parsePair(String text, String confidence, String where) {
        Matcher m = PAIR.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a pair \"0xDISC / 0xEXT\"");
        }
        long disconnect = CodeNumbers.parseHex(m.group(1));
        long extended = CodeNumbers.parseHex(m.group(2));
        if (disconnect > Integer.MAX_VALUE || extended > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + ": '" + text + "' does not fit a WindowsError (31 bits)");
        }
        return new WindowsError((int) disconnect, (int) extended, WindowsErrorConfidence.parse(confidence));
    }

    /** Collects one entry's lines. */
    private static final class EntryBuilder {
        private final DiagnosisCode code;
        private final String where;
        private final Map<String, String> single = new java.util.HashMap<>();
        private final List<String> remedies = new ArrayList<>();
        private List<Phase> phases;
        private WindowsError windows;
        private List<WindowsError> also = List.of();

        EntryBuilder(DiagnosisCode code, String where) {
            this.code = code;
            this.where = where;
        }

        void accept(String key, String value, String at) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(at + ": unknown key '" + key + "'; known: " + new java.util.TreeSet<>(KEYS));
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException(at + ": '" + key + "' has no value");
            }
            if (SINGLE_KEYS.contains(key) && single.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException(at + ": '" + key + "' given twice for " + code);
            }
            switch (key) {
                case "phases" -> phases = parsePhases(value, at);
                case "summary", "remedy" -> {
                    checkTemplate(value, at);
                    if (key.equals("remedy")) {
                        remedies.add(value);
                    }
                }
                case "windows" -> windows = parseWindows(value, at);
                case "also" -> {
                    List<WindowsError> list = new ArrayList<>();
                    for (String part : value.split(",")) {
                        list.add(parsePair(part, "likely", at));
                    }
                    also = list;
                }
                default -> { // basis: free text
                }
            }
        }

        private static List<Phase> parsePhases(String value, String at) {
            if (value.equals("none")) {
                return List.of();
            }
            List<Phase> list = new ArrayList<>();
            for (String part : value.split(",")) {
                try {
                    list.add(Phase.valueOf(part.strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(at + ": '" + part.strip() + "' is not a Phase; known: " + Arrays.toString(Phase.values()));
                }
            }
            return list;
        }

        private static WindowsError parseWindows(String value, String at) {
            if (value.equals("none")) {
                return null;
            }
            Matcher m = PAIR_WITH_CONFIDENCE.matcher(value);
            if (!m.matches()) {
                throw new IllegalArgumentException(at + ": windows must be \"none\" or \"0xDISC / 0xEXT documented|likely\", got: " + value);
            }
            String confidence = m.group(3).toLowerCase(Locale.ROOT);
            if (!CONFIDENCES.contains(confidence)) {
                throw new IllegalArgumentException(at + ": confidence '" + confidence + "' is neither documented nor likely");
            }
            return parsePair(m.group(1) + " / " + m.group(2), confidence, at);
        }

        DiagnosisEntry build() {
            for (String required : List.of("phases", "summary", "windows")) {
                if (!single.containsKey(required)) {
                    throw new IllegalArgumentException(where + ": [" + code + "] has no '" + required + "'");
                }
            }
            if (remedies.isEmpty()) {
                throw new IllegalArgumentException(where + ": [" + code + "] has no remedy; give at least one");
            }
            if (windows == null && !also.isEmpty()) {
                throw new IllegalArgumentException(where + ": [" + code + "] lists 'also' pairs but its windows pair is none");
            }
            return new DiagnosisEntry(code, phases, single.get("summary"), java.util.Optional.ofNullable(windows), also,
                    single.get("basis"), remedies);
        }
    }
}
