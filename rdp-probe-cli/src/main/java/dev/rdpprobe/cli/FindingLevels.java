package dev.rdpprobe.cli;

import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.Severity;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which plugin state each finding raises in {@code rdp-probe check}. By default a finding's own
 * {@link FindingCode#severity() severity} decides: CRITICAL findings (CERT_EXPIRED, CERT_NOT_YET_VALID,
 * TLS_LEGACY_ONLY, CLOCK_SKEW, CERT_UNPARSEABLE) raise CRITICAL, WARNING findings (NLA_NOT_REQUIRED,
 * CERT_NAME_MISMATCH, TLS_LEGACY_ENABLED, UDP_BLOCKED …) raise WARNING, INFO findings (CERT_SELF_SIGNED,
 * CERT_UNTRUSTED, UDP_CLOSED, MULTIPLE_ADDRESSES) leave the state OK. {@code --crit-on}, {@code --warn-on} and
 * {@code --ok-on} each move the codes they name to that state; naming a code in two of them is a usage error.
 */
final class FindingLevels {

    private final Map<FindingCode, PluginState> levels;

    private FindingLevels(Map<FindingCode, PluginState> levels) {
        this.levels = levels;
    }

    /** The levels from each finding's severity. */
    static FindingLevels defaults() {
        Map<FindingCode, PluginState> map = new EnumMap<>(FindingCode.class);
        for (FindingCode code : FindingCode.values()) {
            map.put(code, of(code.severity()));
        }
        return new FindingLevels(map);
    }

    /**
     * The defaults with the codes of each list moved to its state; a {@code null} list moves nothing.
     *
     * @throws IllegalArgumentException for an unknown code, an empty name, or a code named in two lists
     */
    static FindingLevels parse(String critOn, String warnOn, String okOn) {
        Map<FindingCode, PluginState> map = new EnumMap<>(defaults().levels);
        Map<FindingCode, String> namedBy = new EnumMap<>(FindingCode.class);
        move(map, namedBy, critOn, "--crit-on", PluginState.CRITICAL);
        move(map, namedBy, warnOn, "--warn-on", PluginState.WARNING);
        move(map, namedBy, okOn, "--ok-on", PluginState.OK);
        return new FindingLevels(map);
    }

    private static void move(Map<FindingCode, PluginState> map, Map<FindingCode, String> namedBy, String csv, String option,
            PluginState state) {
        if (csv == null) {
            return;
        }
        for (String item : csv.split(",", -1)) {
            String name = item.strip().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new IllegalArgumentException(option + " '" + csv + "' has an empty code; write finding codes separated by commas");
            }
            FindingCode code;
            try {
                code = FindingCode.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + ": unknown finding code '" + item.strip() + "'; use "
                        + Arrays.stream(FindingCode.values()).map(Enum::name).collect(Collectors.joining(",")));
            }
            String earlier = namedBy.putIfAbsent(code, option);
            if (earlier != null && !earlier.equals(option)) {
                throw new IllegalArgumentException(code + " is named by both " + earlier + " and " + option + "; give it once");
            }
            map.put(code, state);
        }
    }

    /** The state a finding with this code raises. */
    PluginState of(FindingCode code) {
        return levels.get(code);
    }

    private static PluginState of(Severity severity) {
        switch (severity) {
            case CRITICAL: return PluginState.CRITICAL;
            case WARNING: return PluginState.WARNING;
            default: return PluginState.OK;
        }
    }
}
