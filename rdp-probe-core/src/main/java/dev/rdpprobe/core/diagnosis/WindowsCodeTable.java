package dev.rdpprobe.core.diagnosis;

import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.WindowsErrorConfidence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Windows Remote Desktop client's error codes, read from the resource
 * {@code dev/rdpprobe/core/diagnosis/windows-codes.txt} (its header documents the format; the
 * content is error-codes.md as data). Validated when this class loads.
 */
public final class WindowsCodeTable {

    /** The classpath resource the standard table is read from. */
    public static final String RESOURCE = "dev/rdpprobe/core/diagnosis/windows-codes.txt";

    /** The disconnect reason a CredSSP errorCode most plausibly surfaces as (error-codes.md §4). */
    public record NtStatusMapping(long ntStatus, String name, long disconnectReason, WindowsErrorConfidence confidence) {
    }

    /** How error-codes.md §3 reads a pair; {@code extendedReason} is {@code null} for "any". */
    public record Combination(long disconnectReason, Long extendedReason, String reading) {
    }

    /** What the file says about one kind of line: kind name and field count. */
    private static final Map<String, Integer> FIELDS = Map.of(
            "disconnect", 5, "extended", 5, "combination", 4, "family", 3, "ntstatus", 5, "probe", 3, "step", 3);

    /** The fixed steps of an explanation ({@code step} records). */
    static final Set<String> STEPS = Set.of("first", "unmapped", "unknown", "account", "last");

    /** The variables a step may use. */
    static final Set<String> STEP_VARIABLES = Set.of("disconnect", "extended", "disconnectDecimal", "extendedDecimal");

    private static final WindowsCodeTable STANDARD = parse(DiagnosisTable.readResource(RESOURCE), RESOURCE);

    private final List<WindowsCode> disconnect;
    private final List<WindowsCode> extended;
    private final List<Combination> combinations;
    private final Map<Integer, String> families;
    private final Map<Long, NtStatusMapping> ntStatuses;
    private final Map<Phase, String> probeHints;
    private final Map<String, String> steps;

    private WindowsCodeTable(List<WindowsCode> disconnect, List<WindowsCode> extended, List<Combination> combinations,
            Map<Integer, String> families, Map<Long, NtStatusMapping> ntStatuses, Map<Phase, String> probeHints,
            Map<String, String> steps) {
        this.disconnect = List.copyOf(disconnect);
        this.extended = List.copyOf(extended);
        this.combinations = List.copyOf(combinations);
        this.families = Map.copyOf(families);
        this.ntStatuses = Map.copyOf(ntStatuses);
        this.probeHints = Collections.unmodifiableMap(new EnumMap<>(probeHints));
        this.steps = Map.copyOf(steps);
    }

    /** The table shipped with rdp-probe. */
    public static WindowsCodeTable standard() {
        return STANDARD;
    }

    /** The disconnect reason ("Error code"): a single code before a range that covers it. */
    public Optional<WindowsCode> disconnectReason(long code) {
        return lookup(disconnect, code);
    }

    /** The extended disconnect reason ("Extended error code"): a single code before a range that covers it. */
    public Optional<WindowsCode> extendedReason(long code) {
        return lookup(extended, code);
    }

    /** Every disconnect reason entry, in file order. */
    public List<WindowsCode> disconnectReasons() {
        return disconnect;
    }

    /** Every extended reason entry, in file order. */
    public List<WindowsCode> extendedReasons() {
        return extended;
    }

    /** How §3 reads the pair: an exact entry first, else one for any extended reason. */
    public Optional<Combination> combination(long disconnectReason, long extendedReason) {
        Optional<Combination> exact = combinations.stream()
                .filter(c -> c.disconnectReason() == disconnectReason && c.extendedReason() != null && c.extendedReason() == extendedReason)
                .findFirst();
        return exact.isPresent() ? exact : combinations.stream()
                .filter(c -> c.disconnectReason() == disconnectReason && c.extendedReason() == null)
                .findFirst();
    }

    /** The client layer §1 observes for a disconnect reason's low byte, if any (an observation, not documentation). */
    public Optional<String> family(long disconnectReason) {
        return Optional.ofNullable(families.get((int) (disconnectReason & 0xFF)));
    }

    /** The low-byte families (low byte to layer), e.g. 0x07 to "CredSSP / NLA …" (an observation, not documentation). */
    public Map<Integer, String> families() {
        return families;
    }

    /** The disconnect reason a CredSSP errorCode most plausibly surfaces as. */
    public Optional<NtStatusMapping> ntStatus(long ntStatus) {
        return Optional.ofNullable(ntStatuses.get(ntStatus));
    }

    /** Every NTSTATUS mapping whose disconnect reason is the given one. */
    public List<NtStatusMapping> ntStatusesFor(long disconnectReason) {
        return ntStatuses.values().stream().filter(m -> m.disconnectReason() == disconnectReason)
                .sorted((a, b) -> Long.compare(a.ntStatus(), b.ntStatus())).toList();
    }

    /** What to look for in a phase when a pair points at it. */
    public String probeHint(Phase phase) {
        return probeHints.get(phase);
    }

    /** A fixed step of an explanation: first, unmapped, unknown, account, last. */
    String step(String name) {
        return steps.get(name);
    }

    private static Optional<WindowsCode> lookup(List<WindowsCode> list, long code) {
        Optional<WindowsCode> single = list.stream().filter(c -> !c.isRange() && c.covers(code)).findFirst();
        return single.isPresent() ? single : list.stream().filter(c -> c.covers(code)).findFirst();
    }

    /**
     * Parses and validates a table in the {@code windows-codes.txt} format.
     *
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    static WindowsCodeTable parse(List<String> lines, String source) {
        List<WindowsCode> disconnect = new ArrayList<>();
        List<WindowsCode> extended = new ArrayList<>();
        List<Combination> combinations = new ArrayList<>();
        Map<Integer, String> families = new HashMap<>();
        Map<Long, NtStatusMapping> ntStatuses = new HashMap<>();
        Map<Phase, String> probeHints = new EnumMap<>(Phase.class);
        Map<String, String> steps = new HashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (n + 1);
            String[] f = line.split("\\s\\|\\s", -1);
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].strip();
                if (f[i].isEmpty()) {
                    throw new IllegalArgumentException(where + ": field " + (i + 1) + " is empty (write - for none)");
                }
            }
            Integer expected = FIELDS.get(f[0]);
            if (expected == null) {
                throw new IllegalArgumentException(where + ": unknown record kind '" + f[0] + "'; known: " + FIELDS.keySet());
            }
            if (f.length != expected) {
                throw new IllegalArgumentException(where + ": a " + f[0] + " record has " + expected + " fields separated by \" | \", this line has " + f.length);
            }
            try {
                switch (f[0]) {
                    case "disconnect" -> addCode(disconnect, f, where);
                    case "extended" -> addCode(extended, f, where);
                    case "combination" -> {
                        long d = CodeNumbers.parseHex(f[1]);
                        Long e = f[2].equals("*") ? null : CodeNumbers.parseHex(f[2]);
                        for (Combination c : combinations) {
                            if (c.disconnectReason() == d && java.util.Objects.equals(c.extendedReason(), e)) {
                                throw new IllegalArgumentException("combination " + f[1] + " / " + f[2] + " given twice");
                            }
                        }
                        combinations.add(new Combination(d, e, f[3]));
                    }
                    case "family" -> {
                        long low = CodeNumbers.parseHex(f[1]);
                        if (low > 0xFF) {
                            throw new IllegalArgumentException("family " + f[1] + " is not a low byte");
                        }
                        if (families.put((int) low, f[2]) != null) {
                            throw new IllegalArgumentException("family " + f[1] + " given twice");
                        }
                    }
                    case "ntstatus" -> {
                        long status = CodeNumbers.parseHex(f[1]);
                        WindowsErrorConfidence confidence = WindowsErrorConfidence.parse(f[4]);
                        NtStatusMapping m = new NtStatusMapping(status, f[2], CodeNumbers.parseHex(f[3]), confidence);
                        if (ntStatuses.put(status, m) != null) {
                            throw new IllegalArgumentException("ntstatus " + f[1] + " given twice");
                        }
                    }
                    case "probe" -> {
                        Phase phase;
                        try {
                            phase = Phase.valueOf(f[1]);
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("'" + f[1] + "' is not a Phase; known: " + Arrays.toString(Phase.values()));
                        }
                        if (probeHints.put(phase, f[2]) != null) {
                            throw new IllegalArgumentException("probe hint for " + phase + " given twice");
                        }
                    }
                    default -> { // step
                        if (!STEPS.contains(f[1])) {
                            throw new IllegalArgumentException("unknown step '" + f[1] + "'; known: " + STEPS);
                        }
                        for (String name : Templates.placeholders(f[2])) {
                            if (!STEP_VARIABLES.contains(name)) {
                                throw new IllegalArgumentException("{" + name + "} is not a step variable; known: " + STEP_VARIABLES);
                            }
                        }
                        if (steps.put(f[1], f[2]) != null) {
                            throw new IllegalArgumentException("step " + f[1] + " given twice");
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        for (Phase phase : Phase.values()) {
            if (!probeHints.containsKey(phase)) {
                throw new IllegalArgumentException(source + ": no probe hint for phase " + phase);
            }
        }
        for (String step : STEPS) {
            if (!steps.containsKey(step)) {
                throw new IllegalArgumentException(source + ": no step '" + step + "'");
            }
        }
        if (disconnect.isEmpty() || extended.isEmpty()) {
            throw new IllegalArgumentException(source + ": needs disconnect and extended records");
        }
        return new WindowsCodeTable(disconnect, extended, combinations, families, ntStatuses, probeHints, steps);
    }

    private static void addCode(List<WindowsCode> list, String[] f, String where) {
        String[] range = f[1].split("-", -1);
        if (range.length > 2) {
            throw new IllegalArgumentException("'" + f[1] + "' is neither a code nor a range LOW-HIGH");
        }
        long low = CodeNumbers.parseHex(range[0]);
        long high = range.length == 2 ? CodeNumbers.parseHex(range[1]) : low;
        if (high < low) {
            throw new IllegalArgumentException("range " + f[1] + " is reversed");
        }
        List<String> sources = f[4].equals("-") ? List.of()
                : Arrays.stream(f[4].split(",")).map(String::strip).toList();
        WindowsCode code = new WindowsCode(low, high, f[2].equals("-") ? null : f[2], f[3], sources);
        for (WindowsCode other : list) {
            if (other.low() == low && other.high() == high) {
                throw new IllegalArgumentException(f[0] + " " + f[1] + " given twice");
            }
            if (other.isRange() && code.isRange() && other.low() <= high && low <= other.high()) {
                throw new IllegalArgumentException("range " + f[1] + " overlaps another range");
            }
        }
        list.add(code);
    }
}
